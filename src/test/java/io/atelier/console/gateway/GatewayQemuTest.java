package io.atelier.console.gateway;

import static io.atelier.console.gateway.GuacTestClient.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real VNC server: QEMU's, showing SeaBIOS's screen of a diskless VM (TCG, no
 * KVM needed). One VM without VNC authentication, one with VNC password "secret".
 */
class GatewayQemuTest {

    private static final String QEMU = "qemu-system-x86_64";
    private static final List<Process> vms = new ArrayList<>();
    private static GuacdServer gateway;
    private static int openPort;
    private static int passwordPort;

    @BeforeAll
    static void start() throws Exception {
        String qemu = findOnPath(QEMU);
        if (qemu == null) {
            fail(QEMU + " is not installed (Debian package qemu-system-x86; `./atelier test` installs it)");
        }
        gateway = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int open = freeDisplay(40);
        openPort = 5900 + open;
        startVm(qemu, "127.0.0.1:" + open);
        int secured = freeDisplay(open + 1);
        passwordPort = 5900 + secured;
        startVm(qemu, "127.0.0.1:" + secured + ",password-secret=vncpw", "-object", "secret,id=vncpw,data=secret");
        awaitListening(openPort, vms.get(0));
        awaitListening(passwordPort, vms.get(1));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        for (Process vm : vms) {
            ProcessHandle.of(vm.pid()).ifPresent(ProcessHandle::destroy);
            if (!vm.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                ProcessHandle.of(vm.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static String findOnPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** A VNC display number whose port (5900 + n) is free on the loopback interface. */
    private static int freeDisplay(int from) {
        for (int display = from; display < from + 50; display++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 5900 + display));
                return display;
            } catch (IOException taken) {
                // next
            }
        }
        throw new IllegalStateException("no free VNC display from " + from);
    }

    private static void startVm(String qemu, String vnc, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(qemu, "-accel", "tcg", "-nodefaults", "-vga", "std",
                "-display", "none", "-m", "64"));
        command.addAll(List.of(extra));
        command.addAll(List.of("-vnc", vnc));
        Path log = Files.createTempFile("gateway-qemu", ".log");
        vms.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private static void awaitListening(int port, Process vm) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!vm.isAlive()) {
                fail("QEMU exited with " + vm.exitValue() + " before listening on VNC port " + port);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("QEMU did not listen on VNC port " + port + " within 30 s");
    }

    /**
     * Reads frames until the screen is SeaBIOS's: VGA text mode (720x400, reached through RFB
     * DesktopSize if the VM was still in an earlier mode) with text on it, i.e. at least two colours.
     */
    private static void assertScreenHasContent(GuacTestClient client) throws GuacamoleException {
        client.await(i -> i.getOpcode().equals("sync") && client.imagesDrawn > 0 && client.distinctColours() >= 2
                && client.screen.getWidth() == 720 && client.screen.getHeight() == 400, seconds(60));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) { // for a human look at what the gateway rendered
            try {
                javax.imageio.ImageIO.write(client.screen, "png", target.resolve("gateway-qemu-screen.png").toFile());
            } catch (IOException ignored) {
                // diagnostics only
            }
        }
    }

    @Test
    void qemuScreenArrivesAsPngFrames() throws Exception {
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(),
                Map.of("hostname", "127.0.0.1", "port", String.valueOf(openPort)))) {
            assertTrue(client.socket.getConnectionID().startsWith("$"));
            assertScreenHasContent(client);
            client.send("key", "65293", "1"); // Return: relayed without breaking the session
            client.send("key", "65293", "0");
            client.send("mouse", "100", "100", "0");
            client.awaitOpcode("sync", seconds(30));
        }
    }

    @Test
    void qemuVncPasswordRightGivesFrames() throws Exception {
        try (GuacTestClient client = GuacTestClient.connect(gateway.port(),
                Map.of("hostname", "127.0.0.1", "port", String.valueOf(passwordPort), "password", "secret"))) {
            assertScreenHasContent(client);
        }
    }

    @Test
    void qemuVncPasswordWrongIsUnauthorized() {
        GuacamoleException e = assertThrows(GuacamoleException.class, () -> GuacTestClient.connect(gateway.port(),
                Map.of("hostname", "127.0.0.1", "port", String.valueOf(passwordPort), "password", "wrong")).close());
        assertEquals(GuacamoleStatus.CLIENT_UNAUTHORIZED, e.getStatus(), e.toString());
    }
}
