package io.atelier.console.gateway;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A FAKE RFB 3.8 server for the gateway's tests, not a VNC implementation: it offers security type
 * None, or VNC Authentication when given a password (checking the DES response as RFC 6143 7.2.2
 * describes, with its own code), answers ClientInit with a 64x48 desktop named "fake-rfb", answers
 * each FramebufferUpdateRequest in Raw encoding (non-incremental: left half red, right half blue,
 * plus an 8x8 cursor shape if the client asked for the Cursor pseudo-encoding; incremental: one
 * green 8x8 square) and records every client message in {@link #events}. Built with
 * {@code scancodes}, it acknowledges QEMU's Extended Key Event pseudo-encoding (-258) as QEMU does and
 * records those events as {@link ScanKey}.
 */
final class FakeRfbServer implements AutoCloseable {

    static final int WIDTH = 64;
    static final int HEIGHT = 48;
    static final int RED = 0xff0000;
    static final int BLUE = 0x0000ff;
    static final int GREEN = 0x00ff00;

    sealed interface Event permits Auth, PixelFormat, Encodings, UpdateRequest, Key, ScanKey, Pointer, CutText, Closed {
    }

    record Auth(boolean ok) implements Event {
    }

    record PixelFormat(byte[] format) implements Event {
    }

    record Encodings(List<Integer> encodings) implements Event {
    }

    record UpdateRequest(boolean incremental, int width, int height) implements Event {
    }

    record Key(boolean down, int keysym) implements Event {
    }

    record ScanKey(boolean down, int keysym, int scancode) implements Event {
    }

    record Pointer(int mask, int x, int y) implements Event {
    }

    record CutText(String text) implements Event {
    }

    record Closed() implements Event {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final String password;
    private final boolean scancodes;
    private final ServerSocket server;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    /** @param password null: security type None; otherwise VNC Authentication with this password */
    FakeRfbServer(String password) throws IOException {
        this(password, false);
    }

    /** @param scancodes acknowledge QEMU extended key events when the client asks for them */
    FakeRfbServer(String password, boolean scancodes) throws IOException {
        this.password = password;
        this.scancodes = scancodes;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-rfb-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the next event of the given type, skipping others; fails after the timeout. */
    <T extends Event> T await(Class<T> type, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("fake RFB server: no " + type.getSimpleName() + " within " + timeoutMillis + " ms");
            }
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    /** Sends ServerCutText (Latin-1) to every connected client. */
    void sendCutText(String text) throws IOException {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        for (Session session : sessions) {
            synchronized (session.out) {
                session.out.writeByte(3);
                session.out.write(new byte[3]);
                session.out.writeInt(latin1.length);
                session.out.write(latin1);
                session.out.flush();
            }
        }
    }

    /** Drops every client connection, as a VNC server that goes away. */
    void dropConnections() throws IOException {
        for (Session session : sessions) {
            session.socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().name("fake-rfb-session").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Session session = new Session(socket);
            sessions.add(session);
            try {
                session.run();
            } finally {
                sessions.remove(session);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            events.add(new Closed());
        }
    }

    private final class Session {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;
        boolean cursorWanted;
        int incrementalCount;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        void run() throws IOException {
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            byte[] version = new byte[12];
            in.readFully(version);
            if (!new String(version, StandardCharsets.US_ASCII).equals("RFB 003.008\n")) {
                throw new IOException("fake RFB server expects version 3.8");
            }
            int offered = password == null ? 1 : 2;
            out.write(new byte[] {1, (byte) offered});
            if (in.readUnsignedByte() != offered) {
                throw new IOException("client chose a security type that was not offered");
            }
            if (password != null) {
                byte[] challenge = new byte[16];
                random.nextBytes(challenge);
                out.write(challenge);
                byte[] response = new byte[16];
                in.readFully(response);
                boolean ok = Arrays.equals(response, expectedResponse(challenge, password));
                events.add(new Auth(ok));
                if (!ok) {
                    byte[] reason = "Authentication failed".getBytes(StandardCharsets.US_ASCII);
                    out.writeInt(1);
                    out.writeInt(reason.length);
                    out.write(reason);
                    out.flush();
                    return;
                }
            }
            out.writeInt(0); // SecurityResult OK
            in.readUnsignedByte(); // ClientInit
            out.writeShort(WIDTH);
            out.writeShort(HEIGHT);
            // server pixel format: 32 bpp, depth 24, big-endian, true colour, shifts 16 8 0 (the client replaces it)
            out.write(new byte[] {32, 24, 1, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
            byte[] name = "fake-rfb".getBytes(StandardCharsets.UTF_8);
            out.writeInt(name.length);
            out.write(name);
            out.flush();
            while (true) {
                int type = in.readUnsignedByte();
                switch (type) {
                    case 0 -> {
                        in.skipNBytes(3);
                        byte[] format = new byte[16];
                        in.readFully(format);
                        events.add(new PixelFormat(format));
                    }
                    case 2 -> {
                        in.skipNBytes(1);
                        int count = in.readUnsignedShort();
                        Integer[] encodings = new Integer[count];
                        for (int i = 0; i < count; i++) {
                            encodings[i] = in.readInt();
                        }
                        cursorWanted = Arrays.asList(encodings).contains(-239);
                        events.add(new Encodings(List.of(encodings)));
                        if (scancodes && Arrays.asList(encodings).contains(-258)) {
                            synchronized (out) { // QEMU's acknowledgement: an update with one -258 rectangle
                                out.writeByte(0);
                                out.writeByte(0);
                                out.writeShort(1);
                                rect(0, 0, WIDTH, HEIGHT, -258);
                                out.flush();
                            }
                        }
                    }
                    case 3 -> {
                        boolean incremental = in.readUnsignedByte() != 0;
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                        int w = in.readUnsignedShort();
                        int h = in.readUnsignedShort();
                        events.add(new UpdateRequest(incremental, w, h));
                        sendFrame(incremental);
                    }
                    case 4 -> {
                        boolean down = in.readUnsignedByte() != 0;
                        in.skipNBytes(2);
                        events.add(new Key(down, in.readInt()));
                    }
                    case 255 -> {
                        if (in.readUnsignedByte() != 0) {
                            throw new IOException("fake RFB server: unknown QEMU client message");
                        }
                        boolean down = in.readUnsignedShort() != 0;
                        int keysym = in.readInt();
                        events.add(new ScanKey(down, keysym, in.readInt()));
                    }
                    case 5 -> {
                        int mask = in.readUnsignedByte();
                        int x = in.readUnsignedShort();
                        int y = in.readUnsignedShort();
                        events.add(new Pointer(mask, x, y));
                    }
                    case 6 -> {
                        in.skipNBytes(3);
                        byte[] text = new byte[in.readInt()];
                        in.readFully(text);
                        events.add(new CutText(new String(text, StandardCharsets.ISO_8859_1)));
                    }
                    default -> throw new IOException("fake RFB server: unknown client message " + type);
                }
            }
        }

        /** Answers a FramebufferUpdateRequest, assuming the client's pixel format (32 bpp little-endian, R16 G8 B0). */
        private void sendFrame(boolean incremental) throws IOException {
            if (incremental) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            synchronized (out) {
                boolean cursor = !incremental && cursorWanted;
                out.writeByte(0);
                out.writeByte(0);
                out.writeShort(cursor ? 2 : 1);
                if (incremental) {
                    int x = (incrementalCount++ * 8) % WIDTH;
                    rect(x, 0, 8, 8, 0);
                    for (int i = 0; i < 64; i++) {
                        pixel(GREEN);
                    }
                } else {
                    rect(0, 0, WIDTH, HEIGHT, 0);
                    for (int y = 0; y < HEIGHT; y++) {
                        for (int x = 0; x < WIDTH; x++) {
                            pixel(x < WIDTH / 2 ? RED : BLUE);
                        }
                    }
                }
                if (cursor) {
                    rect(2, 3, 8, 8, -239); // hotspot (2,3)
                    for (int i = 0; i < 64; i++) {
                        pixel(0xffffff);
                    }
                    for (int row = 0; row < 8; row++) {
                        out.writeByte(row < 4 ? 0xff : 0x00); // top half opaque, bottom half transparent
                    }
                }
                out.flush();
            }
        }

        private void rect(int x, int y, int w, int h, int encoding) throws IOException {
            out.writeShort(x);
            out.writeShort(y);
            out.writeShort(w);
            out.writeShort(h);
            out.writeInt(encoding);
        }

        private void pixel(int rgb) throws IOException {
            out.writeByte(rgb & 0xff);
            out.writeByte(rgb >> 8 & 0xff);
            out.writeByte(rgb >> 16 & 0xff);
            out.writeByte(0);
        }
    }

    /** RFC 6143 7.2.2: DES of the challenge, keyed by the password (8 bytes, zero padded), each key byte mirrored. */
    static byte[] expectedResponse(byte[] challenge, String password) {
        byte[] key = new byte[8];
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 8 && i < bytes.length; i++) {
            int mirrored = 0;
            for (int bit = 0; bit < 8; bit++) {
                if ((bytes[i] & (1 << bit)) != 0) {
                    mirrored |= 0x80 >> bit;
                }
            }
            key[i] = (byte) mirrored;
        }
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            return des.doFinal(challenge);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
