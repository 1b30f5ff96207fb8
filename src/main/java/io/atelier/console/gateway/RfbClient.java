package io.atelier.console.gateway;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * A minimal RFB client (RFC 6143, protocol 3.8; 3.7 and 3.3 servers are also accepted): version
 * exchange, security types None (1) and VNC Authentication (2), ClientInit with shared=1, ServerInit,
 * then SetPixelFormat (32 bpp, depth 24, true colour, little-endian, red/green/blue max 255, shifts
 * 16/8/0) and SetEncodings Raw (0), DesktopSize (-223), Cursor (-239) and QEMU Extended Key Event
 * (-258). It reads the server messages FramebufferUpdate (decoded into a {@link Framebuffer}; the
 * -258 pseudo-rectangle, QEMU's acknowledgement, enables {@link #sendScancode}), SetColourMapEntries
 * (skipped: true colour is used), Bell and ServerCutText (Latin-1). Client messages are written under
 * a lock, as two gateway threads send them.
 */
public final class RfbClient implements Closeable {

    public static final int ENCODING_RAW = 0;
    public static final int ENCODING_DESKTOP_SIZE = -223;
    public static final int ENCODING_CURSOR = -239;
    public static final int ENCODING_QEMU_EXTENDED_KEY_EVENT = -258;
    private static final int MAX_CUT_TEXT = 1024 * 1024;
    private static final int MAX_REASON = 4096;

    /** A server message, as read by {@link #readMessage()}. */
    public sealed interface ServerMessage permits Update, Bell, CutText, ColourMap, ScancodesAccepted {
    }

    /**
     * A FramebufferUpdate: the damaged rectangles (already decoded into the framebuffer), whether the
     * desktop was resized, and the last cursor shape it carried, if any.
     */
    public record Update(List<Rect> damage, boolean resized, Cursor cursor) implements ServerMessage {
    }

    public record Bell() implements ServerMessage {
    }

    public record CutText(String text) implements ServerMessage {
    }

    public record ColourMap() implements ServerMessage {
    }

    /** A FramebufferUpdate holding only QEMU's acknowledgement of extended key events: no frame. */
    public record ScancodesAccepted() implements ServerMessage {
    }

    public record Rect(int x, int y, int width, int height) {
    }

    /** A cursor shape as ARGB pixels (transparent where the RFB bitmask is 0) and its hotspot. */
    public record Cursor(int hotX, int hotY, BufferedImage image) {
    }

    private final Socket socket;
    /** Guards {@link #out}; a lock so that virtual threads blocked in writes do not pin carriers on Java 21. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Framebuffer framebuffer;
    private final String name;
    private volatile boolean scancodes;

    private RfbClient(Socket socket, DataInputStream in, DataOutputStream out, Framebuffer framebuffer, String name) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.framebuffer = framebuffer;
        this.name = name;
    }

    /**
     * Connects to the VNC server and performs the RFB handshake and initialisation.
     *
     * @param password the VNC password, used only if the server requires VNC Authentication
     * @param timeoutMillis bound on the TCP connection and on each read of the handshake
     * @throws GatewayException UPSTREAM_NOT_FOUND if the server cannot be reached, UPSTREAM_TIMEOUT if it
     *                          does not answer, CLIENT_UNAUTHORIZED if it refuses the password,
     *                          UPSTREAM_ERROR if it breaks the protocol
     */
    public static RfbClient connect(String host, int port, String password, int timeoutMillis) throws GatewayException {
        Socket socket = new Socket();
        try {
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (UnknownHostException | ConnectException | NoRouteToHostException e) {
                throw new GatewayException(GuacamoleStatus.UPSTREAM_NOT_FOUND,
                        "VNC server " + host + ":" + port + " is not reachable", e);
            } catch (SocketTimeoutException e) {
                throw new GatewayException(GuacamoleStatus.UPSTREAM_TIMEOUT,
                        "VNC server " + host + ":" + port + " did not answer in time", e);
            } catch (IllegalArgumentException | IOException e) {
                throw new GatewayException(GuacamoleStatus.UPSTREAM_NOT_FOUND,
                        "VNC server " + host + ":" + port + " is not reachable", e);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            RfbClient client = handshake(socket, in, out, password);
            socket.setSoTimeout(0);
            return client;
        } catch (GatewayException e) {
            closeQuietly(socket);
            throw e;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new GatewayException(GuacamoleStatus.UPSTREAM_TIMEOUT, "VNC server did not complete the handshake in time", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "VNC handshake failed: " + e.getMessage(), e);
        }
    }

    private static RfbClient handshake(Socket socket, DataInputStream in, DataOutputStream out, String password)
            throws IOException, GatewayException {
        // ProtocolVersion: "RFB xxx.yyy\n"
        byte[] version = new byte[12];
        in.readFully(version);
        String text = new String(version, StandardCharsets.US_ASCII);
        if (!text.matches("RFB \\d{3}\\.\\d{3}\n")) {
            throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "not an RFB server");
        }
        int major = Integer.parseInt(text.substring(4, 7));
        int minor = Integer.parseInt(text.substring(8, 11));
        int ours = major > 3 || minor >= 8 ? 8 : minor >= 7 ? 7 : 3;
        if (major < 3) {
            throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "unsupported RFB version " + text.trim());
        }
        out.write(("RFB 003.00" + ours + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();

        // Security
        int type;
        if (ours == 3) {
            type = in.readInt();
            if (type == 0) {
                throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "VNC server refused the connection: " + readReason(in));
            }
        } else {
            int count = in.readUnsignedByte();
            if (count == 0) {
                throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "VNC server refused the connection: " + readReason(in));
            }
            byte[] types = new byte[count];
            in.readFully(types);
            boolean none = false;
            boolean vnc = false;
            for (byte t : types) {
                none |= t == 1;
                vnc |= t == 2;
            }
            type = none ? 1 : vnc ? 2 : -1;
            if (type < 0) {
                throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR,
                        "VNC server offers no supported security type (None or VNC Authentication)");
            }
            out.writeByte(type);
            out.flush();
        }
        if (type == 2) {
            byte[] challenge = new byte[VncAuth.CHALLENGE_LENGTH];
            in.readFully(challenge);
            out.write(VncAuth.response(challenge, password == null ? "" : password));
            out.flush();
        } else if (type != 1) {
            throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "unsupported RFB security type " + type);
        }
        if (type == 2 || ours == 8) {
            int result = in.readInt();
            if (result != 0) {
                String reason = ours == 8 ? readReason(in) : "";
                throw new GatewayException(GuacamoleStatus.CLIENT_UNAUTHORIZED,
                        "authentication failed" + (reason.isEmpty() ? "" : ": " + reason));
            }
        }

        // ClientInit (shared), ServerInit
        out.writeByte(1);
        out.flush();
        int width = in.readUnsignedShort();
        int height = in.readUnsignedShort();
        in.skipNBytes(16); // the server's pixel format: replaced by ours below
        int nameLength = in.readInt();
        if (nameLength < 0 || nameLength > MAX_REASON) {
            throw new GatewayException(GuacamoleStatus.UPSTREAM_ERROR, "invalid desktop name length " + nameLength);
        }
        byte[] name = new byte[nameLength];
        in.readFully(name);
        RfbClient client = new RfbClient(socket, in, out, new Framebuffer(width, height),
                new String(name, StandardCharsets.UTF_8));

        // SetPixelFormat: 32 bpp, depth 24, little-endian, true colour, max 255, shifts 16 8 0
        out.writeByte(0);
        out.write(new byte[3]);
        out.writeByte(32);
        out.writeByte(24);
        out.writeByte(0);
        out.writeByte(1);
        out.writeShort(255);
        out.writeShort(255);
        out.writeShort(255);
        out.writeByte(16);
        out.writeByte(8);
        out.writeByte(0);
        out.write(new byte[3]);
        // SetEncodings
        int[] encodings = {ENCODING_RAW, ENCODING_DESKTOP_SIZE, ENCODING_CURSOR, ENCODING_QEMU_EXTENDED_KEY_EVENT};
        out.writeByte(2);
        out.writeByte(0);
        out.writeShort(encodings.length);
        for (int encoding : encodings) {
            out.writeInt(encoding);
        }
        out.flush();
        return client;
    }

    private static String readReason(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_REASON) {
            return "";
        }
        byte[] reason = new byte[length];
        in.readFully(reason);
        return new String(reason, StandardCharsets.UTF_8).replace("\0", "").strip();
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    /** The desktop name from ServerInit. */
    public String name() {
        return name;
    }

    /** FramebufferUpdateRequest for the whole framebuffer. */
    public void requestUpdate(boolean incremental) throws IOException {
        writeLock.lock();
        try {
            out.writeByte(3);
            out.writeByte(incremental ? 1 : 0);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(framebuffer.width());
            out.writeShort(framebuffer.height());
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** KeyEvent with an X11 keysym. */
    public void sendKey(int keysym, boolean down) throws IOException {
        writeLock.lock();
        try {
            out.writeByte(4);
            out.writeByte(down ? 1 : 0);
            out.writeShort(0);
            out.writeInt(keysym);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** The server accepts QEMU extended key events (it acknowledged the pseudo-encoding). */
    public boolean scancodes() {
        return scancodes;
    }

    /**
     * QEMU Extended Key Event (client message 255, submessage 0): the key with this XT scancode
     * (0xe0-prefixed keys as 0x80 | code), pressed or released; {@code keysym} is what it types.
     */
    public void sendScancode(int keysym, int scancode, boolean down) throws IOException {
        writeLock.lock();
        try {
            out.writeByte(255);
            out.writeByte(0);
            out.writeShort(down ? 1 : 0);
            out.writeInt(keysym);
            out.writeInt(scancode);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** PointerEvent: bit 0 left, 1 middle, 2 right, 3 wheel up, 4 wheel down (as Guacamole's mask). */
    public void sendPointer(int x, int y, int buttons) throws IOException {
        writeLock.lock();
        try {
            out.writeByte(5);
            out.writeByte(buttons & 0xff);
            out.writeShort(Math.max(0, Math.min(0xffff, x)));
            out.writeShort(Math.max(0, Math.min(0xffff, y)));
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** ClientCutText; RFB text is Latin-1, other characters become '?'. */
    public void sendCutText(String text) throws IOException {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        writeLock.lock();
        try {
            out.writeByte(6);
            out.write(new byte[3]);
            out.writeInt(latin1.length);
            out.write(latin1);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Reads and decodes the next server message; blocks until one arrives. */
    public ServerMessage readMessage() throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case 0:
                return readUpdate();
            case 1: {
                in.readUnsignedByte();
                in.readUnsignedShort();
                int count = in.readUnsignedShort();
                in.skipNBytes(6L * count);
                return new ColourMap();
            }
            case 2:
                return new Bell();
            case 3: {
                in.skipNBytes(3);
                int length = in.readInt();
                if (length < 0) {
                    throw new IOException("unsupported extended ServerCutText");
                }
                if (length > MAX_CUT_TEXT) {
                    in.skipNBytes(length);
                    return new CutText("");
                }
                byte[] text = new byte[length];
                in.readFully(text);
                return new CutText(new String(text, StandardCharsets.ISO_8859_1));
            }
            default:
                throw new IOException("unknown RFB server message type " + type);
        }
    }

    private ServerMessage readUpdate() throws IOException {
        in.readUnsignedByte();
        int count = in.readUnsignedShort();
        List<Rect> damage = new ArrayList<>();
        boolean resized = false;
        Cursor cursor = null;
        int acknowledgements = 0;
        for (int i = 0; i < count; i++) {
            int x = in.readUnsignedShort();
            int y = in.readUnsignedShort();
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            int encoding = in.readInt();
            switch (encoding) {
                case ENCODING_RAW -> {
                    if (!framebuffer.contains(x, y, w, h)) {
                        throw new IOException("Raw rectangle outside the framebuffer");
                    }
                    byte[] row = new byte[w * 4];
                    for (int r = 0; r < h; r++) {
                        in.readFully(row);
                        framebuffer.setRowBgrx(x, y + r, w, row, 0);
                    }
                    if (w > 0 && h > 0) {
                        damage.add(new Rect(x, y, w, h));
                    }
                }
                case ENCODING_DESKTOP_SIZE -> {
                    framebuffer.resize(w, h);
                    damage.clear();
                    resized = true;
                }
                case ENCODING_CURSOR -> cursor = readCursor(x, y, w, h);
                case ENCODING_QEMU_EXTENDED_KEY_EVENT -> {
                    scancodes = true;
                    acknowledgements++;
                }
                default -> throw new IOException("RFB server used encoding " + encoding + " which was not requested");
            }
        }
        if (count > 0 && acknowledgements == count) {
            return new ScancodesAccepted();
        }
        return new Update(damage, resized, cursor);
    }

    private Cursor readCursor(int hotX, int hotY, int w, int h) throws IOException {
        byte[] pixels = new byte[w * h * 4];
        in.readFully(pixels);
        int stride = (w + 7) / 8;
        byte[] mask = new byte[stride * h];
        in.readFully(mask);
        BufferedImage image = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean visible = (mask[y * stride + x / 8] >> (7 - x % 8) & 1) != 0;
                int p = (y * w + x) * 4;
                int rgb = (pixels[p] & 0xff) | (pixels[p + 1] & 0xff) << 8 | (pixels[p + 2] & 0xff) << 16;
                image.setRGB(x, y, visible ? 0xff000000 | rgb : 0);
            }
        }
        return new Cursor(w == 0 || h == 0 ? 0 : hotX, w == 0 || h == 0 ? 0 : hotY, image);
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

}
