package io.atelier.console.gateway;

import static io.atelier.console.gateway.GuacTestClient.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.io.ReaderGuacamoleReader;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleProtocolVersion;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway as guacd: protocol errors, robustness, handshake and VNC session against {@link FakeRfbServer}. */
class GuacdServerTest {

    private static GuacdServer gateway;
    private FakeRfbServer fakeRfb;

    @BeforeAll
    static void startGateway() throws IOException {
        gateway = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void startFakeRfb() throws IOException {
        fakeRfb = new FakeRfbServer(null);
    }

    @AfterEach
    void stopFakeRfb() throws IOException {
        fakeRfb.close();
    }

    // --- protocol errors from a raw socket ---------------------------------------------------------

    /** Sends raw text, then reads everything the gateway answers until it closes the connection. */
    private static List<GuacamoleInstruction> exchangeRaw(String text) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput(); // end of input after the text
            ReaderGuacamoleReader reader = new ReaderGuacamoleReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<GuacamoleInstruction> received = new ArrayList<>();
            for (GuacamoleInstruction i = reader.readInstruction(); i != null; i = reader.readInstruction()) {
                received.add(i);
            }
            return received; // end of stream: the gateway closed the connection
        }
    }

    private static void assertEndsWithError(List<GuacamoleInstruction> received, GuacamoleStatus status) {
        assertFalse(received.isEmpty(), "no instruction received");
        GuacamoleInstruction last = received.get(received.size() - 1);
        assertEquals("error", last.getOpcode(), received.toString());
        assertEquals(String.valueOf(status.getGuacamoleStatusCode()), last.getArgs().get(1), last.toString());
    }

    @Test
    void malformedInstructionGetsErrorAndClose() throws Exception {
        List<GuacamoleInstruction> received = exchangeRaw("6.select,3.vnc:");
        assertEquals(1, received.size(), received.toString());
        assertEndsWithError(received, GuacamoleStatus.CLIENT_BAD_REQUEST);

        assertEndsWithError(exchangeRaw("6.select,3.vn"), GuacamoleStatus.CLIENT_BAD_REQUEST); // then EOF
        assertEndsWithError(exchangeRaw("123456.select;"), GuacamoleStatus.CLIENT_OVERRUN);
        assertEndsWithError(exchangeRaw("4.size,4.1024,3.768;"), GuacamoleStatus.CLIENT_BAD_REQUEST);
        // a protocol error after select: args, then the error
        List<GuacamoleInstruction> afterArgs = exchangeRaw("6.select,3.vnc;5.bogus;");
        assertEquals("args", afterArgs.get(0).getOpcode());
        assertEndsWithError(afterArgs, GuacamoleStatus.CLIENT_BAD_REQUEST);
        // invalid UTF-8 is malformed too
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(new byte[] {'6', '.', (byte) 0xff, (byte) 0xfe});
            ReaderGuacamoleReader reader = new ReaderGuacamoleReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("error", reader.readInstruction().getOpcode());
            assertNull(reader.readInstruction());
        }
    }

    @Test
    void unsupportedProtocolAndJoiningAreRefused() throws Exception {
        assertEndsWithError(exchangeRaw("6.select,3.rdp;"), GuacamoleStatus.UNSUPPORTED);
        assertEndsWithError(exchangeRaw("6.select,37.$0e4d1b42-1111-2222-3333-444455556666;"),
                GuacamoleStatus.RESOURCE_NOT_FOUND);
    }

    @Test
    void garbageConnectionsDoNotAffectTheServer() throws Exception {
        Random random = new Random(4242L);
        int errors = 0;
        for (int n = 0; n < 300; n++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            if (n % 3 == 0) { // mostly well-formed prefixes then garbage
                byte[] prefix = "6.select,3.vnc;4.size,".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(prefix, 0, garbage, 0, Math.min(prefix.length, garbage.length));
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
                socket.setSoTimeout(10_000);
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(garbage);
                    out.flush();
                    socket.shutdownOutput();
                } catch (SocketException closedEarly) {
                    // the gateway already answered and closed
                }
                byte[] answer;
                try {
                    answer = socket.getInputStream().readAllBytes(); // returns at the gateway's close
                } catch (SocketException reset) {
                    answer = new byte[0];
                }
                if (new String(answer, StandardCharsets.UTF_8).contains("5.error,")) {
                    errors++;
                }
            }
        }
        assertTrue(errors > 250, "only " + errors + " of 300 garbage connections received an error");

        // the server still serves a proper connection
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port()))) {
            assertTrue(client.socket.getConnectionID().startsWith("$"), client.socket.getConnectionID());
            client.awaitOpcode("sync", seconds(10));
            assertEquals(2, client.distinctColours());
        }
    }

    // --- handshake and session ---------------------------------------------------------------------

    private static Map<String, String> vnc(int port) {
        return Map.of("hostname", "127.0.0.1", "port", String.valueOf(port));
    }

    private static Map<String, String> vnc(int port, String name, String value) {
        return Map.of("hostname", "127.0.0.1", "port", String.valueOf(port), name, value);
    }

    @Test
    void handshakeThroughGuacamoleCommonThenFramesCursorAndPixelFormat() throws Exception {
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port()))) {
            assertTrue(client.socket.getConnectionID().matches("\\$[0-9a-f-]{36}"), client.socket.getConnectionID());
            assertEquals(GuacamoleProtocolVersion.VERSION_1_5_0, client.socket.getProtocolVersion());

            GuacamoleInstruction size = client.await(i -> i.getOpcode().equals("size") && i.getArgs().get(0).equals("0"), seconds(10));
            assertEquals(List.of("0", "64", "48"), size.getArgs());
            client.awaitOpcode("sync", seconds(10));
            assertEquals(FakeRfbServer.RED, client.screen.getRGB(5, 5) & 0xffffff);
            assertEquals(FakeRfbServer.BLUE, client.screen.getRGB(60, 40) & 0xffffff);

            GuacamoleInstruction cursor = client.received.stream().filter(i -> i.getOpcode().equals("cursor")).findFirst()
                    .orElseThrow(() -> new AssertionError("no cursor instruction: " + client.opcodes()));
            assertEquals(List.of("2", "3", "-1", "0", "0", "8", "8"), cursor.getArgs());
            GuacamoleInstruction img = client.received.stream().filter(i -> i.getOpcode().equals("img")).findFirst().orElseThrow();
            assertEquals("14", img.getArgs().get(1), "composited OVER (SRC would erase the rest of the layer in the browser)");
            assertEquals("image/png", img.getArgs().get(3));
            assertTrue(client.received.stream().allMatch(i -> i.toString().length() < 8192));

            // the RFB side: our pixel format and encodings
            FakeRfbServer.PixelFormat format = fakeRfb.await(FakeRfbServer.PixelFormat.class, 5000);
            assertEquals(List.of(32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0), toInts(format.format(), 13));
            assertEquals(List.of(0, -223, -239, -258), fakeRfb.await(FakeRfbServer.Encodings.class, 5000).encodings());
            assertFalse(fakeRfb.await(FakeRfbServer.UpdateRequest.class, 5000).incremental());
            FakeRfbServer.UpdateRequest next = fakeRfb.await(FakeRfbServer.UpdateRequest.class, 5000);
            assertTrue(next.incremental());
            assertEquals(64, next.width());

            // incremental updates keep arriving while syncs are answered
            client.await(i -> i.getOpcode().equals("sync") && client.imagesDrawn >= 4, seconds(10));
            assertEquals(FakeRfbServer.GREEN, client.screen.getRGB(3, 3) & 0xffffff);

            // input is relayed
            client.send("mouse", "10", "20", "1");
            assertEquals(new FakeRfbServer.Pointer(1, 10, 20), fakeRfb.await(FakeRfbServer.Pointer.class, 5000));
            client.send("key", "65307", "1");
            assertEquals(new FakeRfbServer.Key(true, 0xff1b), fakeRfb.await(FakeRfbServer.Key.class, 5000));
        }
    }

    private static List<Integer> toInts(byte[] bytes, int count) {
        List<Integer> ints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ints.add(bytes[i] & 0xff);
        }
        return ints;
    }

    @Test
    void unreachableVncServerIsUpstreamNotFound() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        GuacamoleException e = assertThrows(GuacamoleException.class,
                () -> GuacTestClient.connect(gateway.port(), vnc(closedPort)).close());
        assertEquals(GuacamoleStatus.UPSTREAM_NOT_FOUND, e.getStatus(), e.toString());
    }

    @Test
    void vncAuthenticationWithRightAndWrongPassword() throws Exception {
        try (FakeRfbServer secured = new FakeRfbServer("s3cr3t-longer-than-8")) {
            // only the first 8 bytes count, as in every VNC implementation
            try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(secured.port(), "password", "s3cr3t-lXXX"))) {
                assertTrue(secured.await(FakeRfbServer.Auth.class, 5000).ok());
                client.awaitOpcode("sync", seconds(10));
                assertEquals(2, client.distinctColours());
            }
            GuacamoleException e = assertThrows(GuacamoleException.class,
                    () -> GuacTestClient.connect(gateway.port(), vnc(secured.port(), "password", "wrong")).close());
            assertEquals(GuacamoleStatus.CLIENT_UNAUTHORIZED, e.getStatus(), e.toString());
            assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
            assertFalse(secured.await(FakeRfbServer.Auth.class, 5000).ok());
        }
    }

    @Test
    void vncAuthResponseMatchesAnIndependentDesComputation() {
        byte[] challenge = new byte[16];
        new Random(1).nextBytes(challenge);
        for (String password : List.of("", "a", "secret", "12345678", "123456789", "pässwörd")) {
            assertEquals(List.of(toInts(FakeRfbServer.expectedResponse(challenge, password), 16)),
                    List.of(toInts(VncAuth.response(challenge, password), 16)), password);
        }
    }

    /** The next {@code count} key events (KeyEvent or QEMU extended) the VNC server receives, in order. */
    private static List<FakeRfbServer.Event> keyEvents(FakeRfbServer server, int count) throws InterruptedException {
        List<FakeRfbServer.Event> keys = new ArrayList<>();
        while (keys.size() < count) {
            FakeRfbServer.Event event = server.events.poll(5, TimeUnit.SECONDS);
            assertTrue(event != null, "only " + keys + " within 5 s");
            if (event instanceof FakeRfbServer.Key || event instanceof FakeRfbServer.ScanKey) {
                keys.add(event);
            }
        }
        return keys;
    }

    @Test
    void aServerTakingScancodesGetsTheKeysOfTheVmLayout() throws Exception {
        try (FakeRfbServer qemuLike = new FakeRfbServer(null, true)) {
            try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(qemuLike.port()))) {
                client.awaitOpcode("sync", seconds(10)); // QEMU acknowledges -258 before any frame
                client.send("key", "65027", "1"); // ISO_Level3_Shift (AltGr), as an AZERTY browser sends it
                client.send("key", "64", "1"); // @
                client.send("key", "64", "0");
                client.send("key", "65027", "0");
                client.send("key", "233", "1"); // é
                client.send("key", "233", "0");
                client.send("key", "65293", "1"); // Return: not a character, QEMU maps it
                client.send("key", "65293", "0");
                assertEquals(List.of(new FakeRfbServer.ScanKey(true, 0xfe03, 0xb8), new FakeRfbServer.ScanKey(true, '@', 0x0b),
                        new FakeRfbServer.ScanKey(false, '@', 0x0b), new FakeRfbServer.ScanKey(false, 0xfe03, 0xb8),
                        new FakeRfbServer.ScanKey(true, 0xe9, 0x03), new FakeRfbServer.ScanKey(false, 0xe9, 0x03),
                        new FakeRfbServer.Key(true, 0xff0d), new FakeRfbServer.Key(false, 0xff0d)), keyEvents(qemuLike, 8));
            }
        }
    }

    @Test
    void readOnlyDropsInput() throws Exception {
        // control: without read-only the same input is relayed
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port()))) {
            client.send("key", "97", "1");
            assertEquals(new FakeRfbServer.Key(true, 97), fakeRfb.await(FakeRfbServer.Key.class, 5000));
        }
        fakeRfb.await(FakeRfbServer.Closed.class, 5000);
        fakeRfb.events.clear();

        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port(), "read-only", "true"))) {
            // let flow control hold back frame requests, so that the next request marks a point in the input
            client.answerSyncs = false;
            for (int n = 0; n < FlowControl.MAX_UNACKNOWLEDGED; n++) {
                client.awaitOpcode("sync", seconds(10));
            }
            assertEquals(FlowControl.MAX_UNACKNOWLEDGED, countRequests(300));
            client.send("key", "97", "1");
            client.send("key", "97", "0");
            client.send("mouse", "1", "1", "1");
            client.send("clipboard", "3", "text/plain");
            client.send("blob", "3", Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8)));
            client.send("end", "3");
            // the client's instructions are handled in order, on one upstream connection: once this sync
            // releases a FramebufferUpdateRequest, any input above would already have reached the server
            client.send("sync", String.valueOf(client.lastSync));
            List<FakeRfbServer.Event> seen = new ArrayList<>();
            while (true) {
                FakeRfbServer.Event event = fakeRfb.events.poll(5, TimeUnit.SECONDS);
                assertTrue(event != null, "no FramebufferUpdateRequest after the sync; saw " + seen);
                if (event instanceof FakeRfbServer.UpdateRequest) {
                    break;
                }
                seen.add(event);
            }
            assertEquals(List.of(), seen);
            GuacamoleInstruction ack = client.awaitOpcode("ack", seconds(5));
            assertEquals(List.of("3", "clipboard disabled",
                    String.valueOf(GuacamoleStatus.CLIENT_FORBIDDEN.getGuacamoleStatusCode())), ack.getArgs());
        }
    }

    @Test
    void serverCutTextArrivesAsClipboardStream() throws Exception {
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port()))) {
            client.awaitOpcode("sync", seconds(10));
            fakeRfb.sendCutText("héllo wörld");
            GuacamoleInstruction open = client.awaitOpcode("clipboard", seconds(10));
            assertEquals("text/plain", open.getArgs().get(1));
            client.await(i -> i.getOpcode().equals("end") && i.getArgs().get(0).equals(open.getArgs().get(0)), seconds(10));
            assertEquals(List.of("héllo wörld"), client.clipboard);
        }
        // disable-copy drops it (a gateway with a 500 ms keep-alive, to see silence quickly)
        try (GuacdServer quick = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), QUICK);
                GuacTestClient client = GuacTestClient.connect(quick.port(), vnc(fakeRfb.port(), "disable-copy", "true"))) {
            client.answerSyncs = false;
            client.awaitOpcode("sync", seconds(10));
            fakeRfb.sendCutText("secret");
            fakeRfb.sendCutText("secret2");
            client.awaitOpcode("nop", seconds(10)); // the keep-alive after silence: the cut texts were dropped
            assertTrue(client.clipboard.isEmpty(), client.clipboard.toString());
            assertTrue(client.received.stream().noneMatch(i -> i.getOpcode().equals("clipboard")));
        }
    }

    /** Short time bounds: handshake 1 s, VNC connect 1 s, keep-alive 500 ms. */
    private static final GatewayConnection.Timeouts QUICK = new GatewayConnection.Timeouts(1000, 1000, 500, 30_000);

    @Test
    void handshakeMustCompleteWithinItsTimeout() throws Exception {
        try (GuacdServer quick = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), QUICK);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), quick.port())) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write("6.select,3.vnc;4.size,4.1024".getBytes(StandardCharsets.US_ASCII)); // then nothing more
            out.flush();
            ReaderGuacamoleReader reader = new ReaderGuacamoleReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("args", reader.readInstruction().getOpcode());
            GuacamoleInstruction error = reader.readInstruction();
            assertEquals("error", error.getOpcode());
            assertEquals(String.valueOf(GuacamoleStatus.CLIENT_TIMEOUT.getGuacamoleStatusCode()), error.getArgs().get(1));
            assertNull(reader.readInstruction());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 900 && millis < 5000, millis + " ms");
        }
    }

    @Test
    void idleSessionGetsNopKeepAlives() throws Exception {
        try (GuacdServer quick = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), QUICK);
                GuacTestClient client = GuacTestClient.connect(quick.port(), vnc(fakeRfb.port()))) {
            client.answerSyncs = false; // no new frames: the session goes silent
            client.awaitOpcode("nop", seconds(10));
            client.awaitOpcode("nop", seconds(10));
            // the handshake deadline no longer applies once ready was sent (more than 1 s have passed)
        }
    }

    @Test
    void clientClipboardStreamArrivesAsClientCutText() throws Exception {
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port()))) {
            client.awaitOpcode("sync", seconds(10));
            byte[] utf8 = "café crème".getBytes(StandardCharsets.UTF_8);
            client.send("clipboard", "7", "text/plain");
            // split inside the UTF-8 sequence of "é": the text is decoded only at the end of the stream
            client.send("blob", "7", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 0, 4)));
            client.send("blob", "7", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 4, utf8.length)));
            client.send("end", "7");
            assertEquals(new FakeRfbServer.CutText("café crème"), fakeRfb.await(FakeRfbServer.CutText.class, 5000));
            GuacamoleInstruction ack = client.awaitOpcode("ack", seconds(5));
            assertEquals(List.of("7", "OK", "0"), ack.getArgs());
        }
    }

    @Test
    void noNewFrameIsRequestedWhileSyncsAreUnacknowledged() throws Exception {
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port()))) {
            client.answerSyncs = false;
            for (int n = 0; n < FlowControl.MAX_UNACKNOWLEDGED; n++) {
                client.awaitOpcode("sync", seconds(10));
            }
            int requests = countRequests(300);
            assertEquals(FlowControl.MAX_UNACKNOWLEDGED, requests, "requests sent for " + FlowControl.MAX_UNACKNOWLEDGED + " unanswered syncs");
            client.send("sync", String.valueOf(client.lastSync));
            assertTrue(fakeRfb.await(FakeRfbServer.UpdateRequest.class, 5000).incremental());
        }
    }

    /** FramebufferUpdateRequests seen until none arrives for quietMillis (at most 100, at most 10 s). */
    private int countRequests(long quietMillis) throws InterruptedException {
        int count = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count < 100 && System.nanoTime() < deadline) {
            FakeRfbServer.Event event = fakeRfb.events.poll(quietMillis, TimeUnit.MILLISECONDS);
            if (event == null) {
                return count;
            }
            if (event instanceof FakeRfbServer.UpdateRequest) {
                count++;
            }
        }
        return count;
    }

    @Test
    void vncServerGoingAwayIsUpstreamError() throws Exception {
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(), vnc(fakeRfb.port()))) {
            client.awaitOpcode("sync", seconds(10));
            fakeRfb.dropConnections();
            GuacamoleInstruction error = client.awaitOpcode("error", seconds(10));
            assertEquals(String.valueOf(GuacamoleStatus.UPSTREAM_ERROR.getGuacamoleStatusCode()), error.getArgs().get(1));
            assertNull(client.next());
        }
    }

    @Test
    void aTargetTheGatewayDoesNotAllowIsRefusedWithoutAnyConnectionToIt() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                GuacdServer guarded = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        (host, port) -> asked.add(host + ":" + port) && port == fakeRfb.port())) {
            GuacamoleException refused = assertThrows(GuacamoleException.class,
                    () -> GuacTestClient.connect(guarded.port(), vnc(listener.getLocalPort())).close());
            assertEquals(GuacamoleStatus.CLIENT_FORBIDDEN, refused.getStatus(), refused.getMessage());
            assertTrue(refused.getMessage().contains("not the screen of a running lab"), refused.getMessage());
            assertEquals(List.of("127.0.0.1:" + listener.getLocalPort()), asked);
            // the listener's first connection is the test's own: the gateway never connected to it
            try (Socket own = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                    Socket first = listener.accept()) {
                assertEquals(own.getLocalPort(), first.getPort(), "the gateway opened a connection to a refused target");
            }
            // an allowed target is served as before
            try (GuacTestClient client = GuacTestClient.connect(guarded.port(), vnc(fakeRfb.port()))) {
                client.awaitOpcode("sync", seconds(10));
            }
        }
    }

    @Test
    void closingTheServerClosesOpenConnections() throws Exception {
        GuacdServer own = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (GuacTestClient client = GuacTestClient.connect(own.port(), vnc(fakeRfb.port()))) {
            client.awaitOpcode("sync", seconds(10));
            own.close();
            GuacamoleInstruction last;
            do {
                last = client.next();
            } while (last != null);
            assertInstanceOf(FakeRfbServer.Closed.class, awaitClosed());
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), own.port()).close());
        } finally {
            own.close();
        }
    }

    private FakeRfbServer.Event awaitClosed() throws InterruptedException {
        return fakeRfb.await(FakeRfbServer.Closed.class, 5000);
    }
}
