package io.atelier.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A terminal (serial or SSH) in the browser: {@code /api/consoles/terminal?ticket=…}. The
 * ticket decides the lab, node, kind and whether the viewer may type.
 * <ul>
 * <li>browser → platform, text: {@code {"type":"input","data":"…"}} and
 * {@code {"type":"resize","cols":N,"rows":M}};</li>
 * <li>platform → browser: binary messages carry the terminal's output bytes as they are;
 * text messages carry {@code {"type":"status","state":"connected"|"closed","readOnly":…,"message":…}}.</li>
 * </ul>
 * A missing, reused or expired ticket gets a {@code closed} status and the socket is closed
 * with 1008 (policy violation). The ticket never goes into a log.
 */
@ServerEndpoint("/api/consoles/terminal")
public class TerminalEndpoint {

    private static final Logger LOG = Logger.getLogger(TerminalEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TERMINAL = "atelier.terminal";
    private static final String VIEWER = "atelier.viewer";

    @Inject
    ConsoleTickets tickets;

    @Inject
    ConsoleTargets targets;

    @Inject
    TerminalHub hub;

    @OnOpen
    public void open(Session session) {
        Optional<ConsoleTicket> ticket = tickets.redeem(ConsoleSockets.ticketOf(session));
        if (ticket.isEmpty() || !ticket.get().kind().isTerminal()) {
            refuse(session, "This console link is invalid, already used or expired; open the console again.");
            return;
        }
        try {
            ConsoleTicket t = ticket.get();
            ConsoleTargets.Target target = targets.resolve(t.labId(), t.node(), t.kind(), t.user());
            Viewer viewer = new Viewer(session, t);
            SharedTerminal terminal = hub.attach(t, target, viewer);
            session.getUserProperties().put(TERMINAL, terminal);
            session.getUserProperties().put(VIEWER, viewer);
            viewer.status("connected", null);
        } catch (ConsoleUnavailableException e) {
            refuse(session, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("terminal %s %s of lab %s could not open: %s", ticket.get().kind().id(), ticket.get().node(),
                    ticket.get().labId(), e.getMessage());
            refuse(session, "The terminal could not open: " + e.getMessage());
        }
    }

    @OnMessage(maxMessageSize = 65536)
    public void message(Session session, String text) throws IOException {
        SharedTerminal terminal = (SharedTerminal) session.getUserProperties().get(TERMINAL);
        Viewer viewer = (Viewer) session.getUserProperties().get(VIEWER);
        if (terminal == null) return;
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            viewer.status("error", "Messages are JSON: {\"type\":\"input\",\"data\":…} or {\"type\":\"resize\",…}.");
            return;
        }
        switch (message.path("type").asText()) {
            case "input" -> terminal.input(viewer, message.path("data").asText(""));
            case "resize" -> {
                int columns = message.path("cols").asInt(0);
                int rows = message.path("rows").asInt(0);
                if (columns > 0 && columns <= 1000 && rows > 0 && rows <= 1000) terminal.resize(viewer, columns, rows);
            }
            default -> viewer.status("error", "Unknown message type; expected input or resize.");
        }
    }

    @OnClose
    public void close(Session session) {
        SharedTerminal terminal = (SharedTerminal) session.getUserProperties().remove(TERMINAL);
        Viewer viewer = (Viewer) session.getUserProperties().remove(VIEWER);
        LOG.debugf("terminal socket closed (viewer %s, terminal %s)", viewer == null ? null : viewer.user(), terminal);
        if (terminal != null) terminal.detach(viewer);
    }

    /** A broken connection leaves the terminal as a closed one does. */
    @OnError
    public void error(Session session, Throwable error) {
        LOG.debugf("terminal socket: %s", error.getMessage());
        close(session);
    }

    private static void refuse(Session session, String message) {
        try {
            session.getBasicRemote().sendText(statusMessage("closed", false, message));
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, ConsoleSockets.closeText(message)));
        } catch (IOException e) {
            LOG.debugf("refusing a terminal: %s", e.getMessage());
        }
    }

    static String statusMessage(String state, boolean readOnly, String message) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("type", "status");
        status.put("state", state);
        status.put("readOnly", readOnly);
        if (message != null) status.put("message", message);
        try {
            return JSON.writeValueAsString(status);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser on the other end of this socket. */
    private static final class Viewer implements TerminalViewer {
        private final Session session;
        private final ConsoleTicket ticket;

        Viewer(Session session, ConsoleTicket ticket) {
            this.session = session;
            this.ticket = ticket;
        }

        @Override
        public String user() {
            return ticket.user();
        }

        @Override
        public boolean readOnly() {
            return ticket.readOnly();
        }

        @Override
        public boolean gone() {
            return !session.isOpen();
        }

        @Override
        public boolean output(ByteBuffer data) {
            try {
                synchronized (session) {
                    if (!session.isOpen()) return false;
                    session.getBasicRemote().sendBinary(data);
                    return true;
                }
            } catch (IOException e) {
                LOG.debugf("a terminal viewer went away: %s", e.getMessage());
                return false;
            }
        }

        @Override
        public void closed(String message) {
            try {
                synchronized (session) {
                    if (!session.isOpen()) return;
                    session.getBasicRemote().sendText(statusMessage("closed", readOnly(), message));
                    session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ConsoleSockets.closeText(message)));
                }
            } catch (IOException e) {
                LOG.debugf("closing a terminal viewer: %s", e.getMessage());
            }
        }

        void status(String state, String message) throws IOException {
            synchronized (session) {
                session.getBasicRemote().sendText(statusMessage(state, readOnly(), message));
            }
        }
    }
}
