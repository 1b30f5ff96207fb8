package io.atelier.console;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.apache.guacamole.GuacamoleConnectionClosedException;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.io.GuacamoleWriter;
import org.apache.guacamole.io.ReaderGuacamoleReader;
import org.apache.guacamole.net.GuacamoleTunnel;
import org.apache.guacamole.net.SimpleGuacamoleTunnel;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.jboss.logging.Logger;

/**
 * The Guacamole WebSocket tunnel of a graphical console:
 * {@code /api/consoles/display?ticket=…}, subprotocol {@code guacamole}, as
 * guacamole-common-js's {@code WebSocketTunnel} expects it. The rules it follows (those of
 * guacamole-common's own javax endpoint):
 * <ul>
 * <li>the first message is the internal instruction ({@code ""} opcode) carrying the tunnel's UUID;</li>
 * <li>an internal {@code ping} from the browser is answered with the same ping;</li>
 * <li>guacd's instructions are relayed whole, from a dedicated thread, batched up to 8 KiB
 * while more are already waiting;</li>
 * <li>a failure is an {@code error} instruction with its Guacamole status, then a close
 * whose code is that status's WebSocket code and whose reason is the numeric status (which
 * guacamole-common-js reads).</li>
 * </ul>
 * The ticket (single use, short-lived) decides the VM and whether the viewer may act; a
 * read-only viewer's connection has guacd's {@code read-only} set.
 */
@ServerEndpoint(value = "/api/consoles/display", subprotocols = "guacamole")
public class DisplayTunnelEndpoint {

    private static final Logger LOG = Logger.getLogger(DisplayTunnelEndpoint.class);
    private static final int BUFFER = 8192;
    private static final String TUNNEL = "atelier.tunnel";

    @Inject
    ConsoleTickets tickets;

    @Inject
    ConsoleTargets targets;

    @Inject
    ConsoleGateway gateway;

    @Inject
    OpenDisplays displays;

    @OnOpen
    public void open(Session session) {
        Optional<ConsoleTicket> redeemed = tickets.redeem(ConsoleSockets.ticketOf(session));
        if (redeemed.isEmpty() || redeemed.get().kind() != ConsoleKind.VNC) {
            fail(session, GuacamoleStatus.CLIENT_UNAUTHORIZED,
                    "This console link is invalid, already used or expired; open the console again.");
            return;
        }
        ConsoleTicket ticket = redeemed.get();
        GuacamoleTunnel tunnel;
        try {
            ConsoleTargets.Target target = targets.resolve(ticket.labId(), ticket.node(), ConsoleKind.VNC, ticket.user());
            GuacamoleConfiguration vnc = new GuacamoleConfiguration();
            vnc.setProtocol("vnc");
            vnc.setParameter("hostname", "127.0.0.1");
            vnc.setParameter("port", Integer.toString(target.vncPort()));
            if (target.vncPassword() != null) vnc.setParameter("password", target.vncPassword());
            vnc.setParameter("read-only", Boolean.toString(ticket.readOnly()));
            tunnel = new SimpleGuacamoleTunnel(gateway.connect(vnc, new GuacamoleClientInformation()));
        } catch (ConsoleUnavailableException e) {
            fail(session, e.status == 404 ? GuacamoleStatus.RESOURCE_NOT_FOUND : GuacamoleStatus.RESOURCE_CONFLICT,
                    e.getMessage());
            return;
        } catch (GuacamoleException e) {
            LOG.warnf("display of %s of lab %s: %s", ticket.node(), ticket.labId(), e.getMessage());
            fail(session, e.getStatus(), "The screen of " + ticket.node() + " is not available: " + e.getMessage());
            return;
        }
        session.getUserProperties().put(TUNNEL, tunnel);
        displays.opened(session, ticket.labId(), ticket.user());
        LOG.infof("display of %s of lab %s opened by %s%s", ticket.node(), ticket.labId(), ticket.user(),
                ticket.readOnly() ? " (read-only)" : "");
        send(session, new GuacamoleInstruction(GuacamoleTunnel.INTERNAL_DATA_OPCODE, tunnel.getUUID().toString()).toString());
        Thread.ofVirtual().name("display " + ticket.node()).start(() -> relay(session, tunnel));
    }

    /** guacd → browser, until either side closes. */
    private static void relay(Session session, GuacamoleTunnel tunnel) {
        GuacamoleReader reader = tunnel.acquireReader();
        StringBuilder buffer = new StringBuilder(BUFFER);
        try {
            char[] instruction;
            while ((instruction = reader.read()) != null) {
                buffer.append(instruction);
                if (!reader.available() || buffer.length() >= BUFFER) {
                    if (!send(session, buffer.toString())) break;
                    buffer.setLength(0);
                }
            }
            close(session, GuacamoleStatus.SUCCESS);
        } catch (GuacamoleConnectionClosedException e) {
            close(session, GuacamoleStatus.SUCCESS);
        } catch (GuacamoleException e) {
            fail(session, e.getStatus(), e.getMessage());
        } finally {
            tunnel.releaseReader();
            closeTunnel(tunnel);
        }
    }

    @OnMessage(maxMessageSize = 1 << 20)
    public void message(Session session, String message) {
        GuacamoleTunnel tunnel = (GuacamoleTunnel) session.getUserProperties().get(TUNNEL);
        if (tunnel == null) return;
        if (message.startsWith("0.,")) {
            answerInternal(session, message);
            return;
        }
        GuacamoleWriter writer = tunnel.acquireWriter();
        try {
            writer.write(message.toCharArray());
        } catch (GuacamoleException e) {
            LOG.debugf("display tunnel write: %s", e.getMessage());
        } finally {
            tunnel.releaseWriter();
        }
    }

    /** Internal instructions are for the tunnel itself: a ping is echoed, the rest ignored. */
    private static void answerInternal(Session session, String message) {
        try {
            GuacamoleInstruction internal = new ReaderGuacamoleReader(new StringReader(message)).readInstruction();
            if (internal != null && !internal.getArgs().isEmpty() && internal.getArgs().get(0).equals("ping")) {
                send(session, internal.toString());
            }
        } catch (GuacamoleException e) {
            LOG.debugf("malformed internal instruction: %s", e.getMessage());
        }
    }

    @OnClose
    public void close(Session session) {
        displays.closed(session);
        GuacamoleTunnel tunnel = (GuacamoleTunnel) session.getUserProperties().remove(TUNNEL);
        if (tunnel != null) closeTunnel(tunnel);
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.debugf("display socket: %s", error.getMessage());
    }

    private static void closeTunnel(GuacamoleTunnel tunnel) {
        try {
            if (tunnel.isOpen()) tunnel.close();
        } catch (GuacamoleException e) {
            LOG.debugf("closing a display tunnel: %s", e.getMessage());
        }
    }

    private static boolean send(Session session, String text) {
        try {
            synchronized (session) {
                if (!session.isOpen()) return false;
                session.getBasicRemote().sendText(text);
            }
            return true;
        } catch (IOException e) {
            LOG.debugf("display viewer went away: %s", e.getMessage());
            return false;
        }
    }

    /** The platform closes this display (its lab closed to the viewer): an {@code error} with the reason, then a close. */
    static void closeBecause(Session session, String reason) {
        fail(session, GuacamoleStatus.CLIENT_FORBIDDEN, reason);
        GuacamoleTunnel tunnel = (GuacamoleTunnel) session.getUserProperties().remove(TUNNEL);
        if (tunnel != null) closeTunnel(tunnel);
    }

    private static void fail(Session session, GuacamoleStatus status, String message) {
        send(session, new GuacamoleInstruction("error", message, Integer.toString(status.getGuacamoleStatusCode())).toString());
        close(session, status);
    }

    private static void close(Session session, GuacamoleStatus status) {
        try {
            synchronized (session) {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getWebSocketCode()),
                            Integer.toString(status.getGuacamoleStatusCode())));
                }
            }
        } catch (IOException e) {
            LOG.debugf("closing a display socket: %s", e.getMessage());
        }
    }
}
