package io.atelier.console.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.jboss.logging.Logger;

/**
 * One Guacamole client connection, from the handshake ({@link Handshake}) to the end of the VNC
 * session it relays. Three virtual threads serve it:
 * <ul>
 * <li>the client thread performs the handshake, connects to the VNC server ({@link RfbClient}),
 * sends {@code ready,$<uuid>} then {@code size,0,<w>,<h>}, and relays the client's input:
 * {@code mouse} as PointerEvent, {@code key} through {@link KeyTranslator} (characters typed for the VM's
 * keyboard layout with QEMU extended key events, other keys as KeyEvent) at the pace of {@link KeyPacing},
 * {@code clipboard}/{@code blob}/{@code end}
 * text streams as ClientCutText (each acknowledged with {@code ack,<stream>,OK,0}), {@code sync}
 * answers to {@link FlowControl}, {@code disconnect} to close; with {@code read-only=true} input and
 * clipboard are dropped, with {@code disable-paste} the clipboard is;</li>
 * <li>the upstream thread reads the VNC server: each FramebufferUpdate becomes PNG {@code img} streams
 * (channel mask 14, OVER, layer 0) followed by {@code sync,<ms>}; a DesktopSize becomes
 * {@code size,0,<w>,<h>}; a Cursor shape is drawn into buffer layer -1 and set with
 * {@code cursor,<hotX>,<hotY>,-1,0,0,<w>,<h>}; ServerCutText becomes a {@code clipboard} text/plain
 * stream unless {@code disable-copy};</li>
 * <li>the watchdog closes a connection whose handshake has not ended within
 * {@link Timeouts#handshakeMillis()} (15 s), sends {@code nop} after {@link Timeouts#keepaliveMillis()}
 * (5 s) without output,
 * and closes a connection whose client stopped reading.</li>
 * </ul>
 * Any failure ends the connection with {@code error,<message>,<status>}: a client protocol violation
 * with a 0x03xx status, the VNC server going away with UPSTREAM_ERROR.
 */
final class GatewayConnection implements Runnable {

    private static final Logger LOG = Logger.getLogger(GatewayConnection.class);

    /**
     * Time bounds of a connection.
     *
     * @param handshakeMillis    from accepting the connection to {@code ready}, VNC connection included
     * @param connectMillis      TCP connection to the VNC server, and each read of the RFB handshake
     * @param keepaliveMillis    silence after which a {@code nop} is sent to the client
     * @param stalledWriteMillis a write to the client blocked this long means it stopped reading: close
     */
    record Timeouts(long handshakeMillis, int connectMillis, long keepaliveMillis, long stalledWriteMillis) {
        static final Timeouts DEFAULT = new Timeouts(15_000, 5_000, 5_000, 30_000);
    }
    /** Above this many damaged rectangles in one update, their bounding box is sent as one image. */
    private static final int MAX_RECTS = 16;
    private static final int MAX_CLIPBOARD_BYTES = 256 * 1024;
    private static final int MAX_OPEN_STREAMS = 4;
    private static final int CURSOR_LAYER = -1;
    /**
     * Images are composited OVER what is there (0xE), as guacd does: guacamole-common-js maps
     * SRC (0xC) to the canvas "copy" operation, which erases the whole layer outside the image.
     */
    private static final int MASK_OVER = 14;

    private final Socket client;
    private final Timeouts timeouts;
    private final GuacdServer.Targets targets;
    private final SocketAddress remote;
    private final Consumer<GatewayConnection> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FlowControl flow = new FlowControl();
    private final Map<Integer, ByteArrayOutputStream> clipboards = new HashMap<>();
    private final long started = System.nanoTime();

    private volatile InstructionWriter out;
    private volatile RfbClient rfb;
    private volatile KeyTranslator keyboard;
    private volatile boolean established;
    private volatile boolean fullFrameNeeded = true;
    private volatile String target = "-";
    private volatile String closeReason = "closed";
    private volatile Thread watchdog;
    private boolean readOnly;
    private boolean disableCopy;
    private boolean disablePaste;

    GatewayConnection(Socket client, Timeouts timeouts, GuacdServer.Targets targets, Consumer<GatewayConnection> onClose) {
        this.client = client;
        this.timeouts = timeouts;
        this.targets = targets;
        this.remote = client.getRemoteSocketAddress();
        this.onClose = onClose;
    }

    @Override
    public void run() {
        LOG.infof("Console connection from %s opened", remote);
        try {
            client.setTcpNoDelay(true);
            out = new InstructionWriter(client.getOutputStream());
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            InstructionReader reader = new InstructionReader(new InputStreamReader(client.getInputStream(), decoder));
            watchdog = Thread.ofVirtual().name("guacd-watchdog").start(this::watch);

            Handshake.Result settings = new Handshake(reader, out).perform();
            readOnly = settings.flag("read-only");
            disableCopy = settings.flag("disable-copy");
            disablePaste = settings.flag("disable-paste");
            String host = settings.hostname();
            if (host.isEmpty()) {
                throw new GatewayException(GuacamoleStatus.CLIENT_BAD_REQUEST, "no VNC hostname given");
            }
            int port = settings.port();
            target = host + ":" + port;
            if (!targets.allows(host, port)) {
                throw new GatewayException(GuacamoleStatus.CLIENT_FORBIDDEN,
                        "VNC server " + target + " is not the screen of a running lab");
            }
            rfb = RfbClient.connect(host, port, settings.parameter("password"), timeouts.connectMillis());
            if (closed.get()) {
                rfb.close();
                return;
            }
            RfbClient vnc = rfb;
            keyboard = new KeyTranslator(KeyboardLayout.FR, new KeyPacing(new KeyTranslator.Keys() {
                @Override
                public boolean scancodes() {
                    return vnc.scancodes();
                }

                @Override
                public void keysym(int keysym, boolean down) throws IOException {
                    vnc.sendKey(keysym, down);
                }

                @Override
                public void scancode(int keysym, int scancode, boolean down) throws IOException {
                    vnc.sendScancode(keysym, scancode, down);
                }
            }, KeyPacing.SYSTEM));
            Framebuffer framebuffer = rfb.framebuffer();
            out.send(Instruction.of("ready", "$" + UUID.randomUUID()),
                    Instruction.of("name", rfb.name()),
                    Instruction.of("size", 0, framebuffer.width(), framebuffer.height()));
            established = true;
            Thread.ofVirtual().name("guacd-upstream").start(this::pumpUpstream);
            flow.wantFrame();
            requestFrameIfAllowed();
            readClient(reader);
        } catch (ProtocolException e) {
            fail(e.status(), e.getMessage());
        } catch (GatewayException e) {
            fail(e.status(), e.getMessage());
        } catch (IOException e) {
            if (!closed.get()) {
                closeReason = "client connection lost: " + e.getMessage();
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Console connection from %s failed", remote);
            fail(GuacamoleStatus.SERVER_ERROR, "internal error");
        } finally {
            close();
        }
    }

    /** Relays the client's instructions until it disconnects. */
    private void readClient(InstructionReader reader) throws IOException, GatewayException {
        while (!closed.get()) {
            Instruction instruction = reader.read();
            if (instruction == null) {
                closeReason = "client closed the connection";
                return;
            }
            switch (instruction.opcode()) {
                case "mouse" -> {
                    int x = instruction.intArg(0);
                    int y = instruction.intArg(1);
                    int mask = instruction.intArg(2);
                    if (!readOnly) {
                        Framebuffer fb = rfb.framebuffer();
                        upstream(() -> rfb.sendPointer(clamp(x, fb.width()), clamp(y, fb.height()), mask));
                    }
                }
                case "key" -> {
                    int keysym = instruction.intArg(0);
                    boolean pressed = instruction.intArg(1) != 0;
                    if (!readOnly) {
                        upstream(() -> keyboard.key(keysym, pressed));
                    }
                }
                case "sync" -> {
                    flow.acknowledged(instruction.longArg(0));
                    requestFrameIfAllowed();
                }
                case "clipboard" -> openClipboard(instruction.intArg(0), instruction.arg(1));
                case "blob" -> clipboardData(instruction.intArg(0), instruction.arg(1));
                case "end" -> closeClipboard(instruction.intArg(0));
                case "disconnect" -> {
                    closeReason = "client disconnected";
                    return;
                }
                case "file", "pipe", "audio", "argv" -> out.send(Instruction.of("ack", instruction.intArg(0),
                        "not supported", GuacamoleStatus.UNSUPPORTED.getGuacamoleStatusCode()));
                default -> {
                    // nop, size (QEMU cannot resize), ack, and anything newer clients send
                }
            }
        }
    }

    private void openClipboard(int stream, String mimetype) throws IOException {
        if (readOnly || disablePaste) {
            ack(stream, "clipboard disabled", GuacamoleStatus.CLIENT_FORBIDDEN);
        } else if (!mimetype.startsWith("text/")) {
            ack(stream, "unsupported clipboard type", GuacamoleStatus.CLIENT_BAD_TYPE);
        } else if (clipboards.size() >= MAX_OPEN_STREAMS && !clipboards.containsKey(stream)) {
            ack(stream, "too many streams", GuacamoleStatus.CLIENT_TOO_MANY);
        } else {
            clipboards.put(stream, new ByteArrayOutputStream());
            ack(stream, "OK", GuacamoleStatus.SUCCESS);
        }
    }

    private void clipboardData(int stream, String base64) throws IOException {
        ByteArrayOutputStream buffer = clipboards.get(stream);
        if (buffer == null) {
            return;
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("blob data is not base64");
        }
        if (buffer.size() + data.length > MAX_CLIPBOARD_BYTES) {
            clipboards.remove(stream);
            ack(stream, "clipboard too large", GuacamoleStatus.CLIENT_OVERRUN);
            return;
        }
        buffer.write(data);
        ack(stream, "OK", GuacamoleStatus.SUCCESS);
    }

    private void closeClipboard(int stream) throws GatewayException {
        ByteArrayOutputStream buffer = clipboards.remove(stream);
        if (buffer != null) {
            String text = buffer.toString(StandardCharsets.UTF_8);
            upstream(() -> rfb.sendCutText(text));
        }
    }

    private void ack(int stream, String message, GuacamoleStatus status) throws IOException {
        out.send(Instruction.of("ack", stream, message, status.getGuacamoleStatusCode()));
    }

    /** Reads the VNC server and renders its messages to the client. */
    private void pumpUpstream() {
        try {
            while (!closed.get()) {
                switch (rfb.readMessage()) {
                    case RfbClient.Update update -> {
                        sendUpdate(update);
                        if (update.resized()) {
                            fullFrameNeeded = true;
                        }
                        flow.wantFrame();
                        requestFrameIfAllowed();
                    }
                    case RfbClient.CutText cut -> {
                        if (!disableCopy && !cut.text().isEmpty()) {
                            int stream = out.nextStream();
                            out.sendStream(Instruction.of("clipboard", stream, "text/plain"), stream,
                                    cut.text().getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    case RfbClient.Bell bell -> {
                        // Guacamole has no bell
                    }
                    case RfbClient.ColourMap map -> {
                        // true colour is in use
                    }
                    case RfbClient.ScancodesAccepted accepted -> {
                        // the key translator now types with scancodes
                    }
                }
            }
        } catch (GatewayException e) {
            fail(e.status(), e.getMessage());
        } catch (IOException e) {
            if (!closed.get()) {
                fail(GuacamoleStatus.UPSTREAM_ERROR, "VNC server closed the connection");
            }
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOG.warnf(e, "Console connection from %s: VNC session failed", remote);
                fail(GuacamoleStatus.SERVER_ERROR, "internal error");
            }
        }
    }

    private void sendUpdate(RfbClient.Update update) throws IOException {
        Framebuffer fb = rfb.framebuffer();
        if (update.resized()) {
            out.send(Instruction.of("size", 0, fb.width(), fb.height()));
        }
        boolean changed = update.resized();
        if (update.cursor() != null) {
            RfbClient.Cursor cursor = update.cursor();
            int w = cursor.image().getWidth();
            int h = cursor.image().getHeight();
            int stream = out.nextStream();
            out.send(Instruction.of("size", CURSOR_LAYER, w, h));
            out.sendStream(Instruction.of("img", stream, MASK_OVER, CURSOR_LAYER, "image/png", 0, 0), stream,
                    PngEncoder.encode(cursor.image()),
                    Instruction.of("cursor", cursor.hotX(), cursor.hotY(), CURSOR_LAYER, 0, 0, w, h));
            changed = true;
        }
        for (RfbClient.Rect rect : coalesce(update.damage())) {
            byte[] png = PngEncoder.encode(fb.region(rect.x(), rect.y(), rect.width(), rect.height()));
            int stream = out.nextStream();
            out.sendStream(Instruction.of("img", stream, MASK_OVER, 0, "image/png", rect.x(), rect.y()), stream, png);
            changed = true;
        }
        if (changed) {
            out.send(Instruction.of("sync", flow.frameSent()));
        }
    }

    private static List<RfbClient.Rect> coalesce(List<RfbClient.Rect> damage) {
        if (damage.size() <= MAX_RECTS) {
            return damage;
        }
        int x1 = Integer.MAX_VALUE;
        int y1 = Integer.MAX_VALUE;
        int x2 = 0;
        int y2 = 0;
        for (RfbClient.Rect r : damage) {
            x1 = Math.min(x1, r.x());
            y1 = Math.min(y1, r.y());
            x2 = Math.max(x2, r.x() + r.width());
            y2 = Math.max(y2, r.y() + r.height());
        }
        List<RfbClient.Rect> box = new ArrayList<>(1);
        box.add(new RfbClient.Rect(x1, y1, x2 - x1, y2 - y1));
        return box;
    }

    /** Sends a FramebufferUpdateRequest if one is due and the client is not lagging (see FlowControl). */
    private void requestFrameIfAllowed() throws GatewayException {
        if (flow.mayRequest()) {
            boolean incremental = !fullFrameNeeded;
            fullFrameNeeded = false;
            upstream(() -> rfb.requestUpdate(incremental));
        }
    }

    private interface UpstreamWrite {
        void run() throws IOException;
    }

    private void upstream(UpstreamWrite write) throws GatewayException {
        try {
            write.run();
        } catch (IOException e) {
            throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "VNC server closed the connection", e);
        }
    }

    private static int clamp(int value, int size) {
        return Math.max(0, Math.min(Math.max(0, size - 1), value));
    }

    /** Handshake deadline, keep-alive and stalled-client detection. */
    private void watch() {
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(timeouts.handshakeMillis());
        try {
            while (!closed.get()) {
                Thread.sleep(Math.min(200, timeouts.keepaliveMillis() / 4));
                if (!established) {
                    if (System.nanoTime() - deadline > 0) {
                        fail(GuacamoleStatus.CLIENT_TIMEOUT, "handshake timed out");
                    }
                } else if (out.writingNanos() > TimeUnit.MILLISECONDS.toNanos(timeouts.stalledWriteMillis())) {
                    closeReason = "client stopped reading";
                    close();
                } else if (out.idleNanos() > TimeUnit.MILLISECONDS.toNanos(timeouts.keepaliveMillis())) {
                    out.send(Instruction.of("nop"));
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException e) {
            closeReason = "client connection lost: " + e.getMessage();
            close();
        }
    }

    /** Sends {@code error,<message>,<status>} (best effort) and closes the connection. */
    private void fail(GuacamoleStatus status, String message) {
        if (closed.get()) {
            return;
        }
        closeReason = message + " (status " + status.getGuacamoleStatusCode() + ")";
        InstructionWriter writer = out;
        if (writer != null) {
            try {
                writer.send(Instruction.of("error", message, status.getGuacamoleStatusCode()));
            } catch (IOException ignored) {
                // the client is gone
            }
        }
        close();
    }

    /** Closes both sides; idempotent, callable from any thread. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client.close();
        } catch (IOException ignored) {
            // closing
        }
        RfbClient upstream = rfb;
        if (upstream != null) {
            upstream.close(); // QEMU lifts the keys a client left down when it disconnects
        }
        Thread dog = watchdog;
        if (dog != null) {
            dog.interrupt();
        }
        InstructionWriter writer = out;
        LOG.infof("Console connection from %s closed: VNC %s, %d ms, %d bytes sent, %s", remote, target,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), writer == null ? 0 : writer.bytesSent(),
                closeReason);
        onClose.accept(this);
    }
}
