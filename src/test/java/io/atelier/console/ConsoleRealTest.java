package io.atelier.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabStore;
import io.atelier.node.NodeShell;
import io.atelier.lab.RealLabProfile;
import io.atelier.lab.RealLabs;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The consoles of a real TCG VM, through the platform's WebSocket endpoints exactly as the
 * browser uses them: the graphical screen via the embedded guacd gateway and QEMU's VNC
 * server (a real, non-uniform frame; keys typed reach the VM's console), an SSH terminal
 * and the serial console (a command typed runs on the VM and its output comes back), the
 * recording kept as evidence, who may watch or act, and that the VM's display wants its
 * password and the gateway reaches only the screens of live labs.
 */
@QuarkusTest
@TestProfile(RealLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRealTest {

    static final Duration WITHIN = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabStore labs;

    @Inject
    DataSource db;

    @Inject
    Hypervisor hypervisor;

    @Inject
    ConsoleGateway gateway;

    String lab;

    /** The lab every test works on, created (and awaited READY) by the first test. */
    @BeforeEach
    void aLabIsReady() {
        if (lab != null) return;
        lab = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        RealLabs.awaitState(() -> base.toString(), lab, RealLabs.READY_WITHIN, "READY");
    }

    @AfterAll
    void deleteTheLab() {
        // RestAssured's port is only set around each test: name the platform's address here
        if (lab != null) given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1"))
                .delete("/api/labs/" + lab).then().statusCode(204);
    }

    JsonPath ticket(String caller, String kind, boolean control) {
        return given().auth().oauth2(Keycloak.token(caller)).contentType(ContentType.JSON)
                .body("{\"node\": \"poste\", \"kind\": \"" + kind + "\", \"control\": " + control + "}")
                .post("/api/labs/" + lab + "/consoles").then().statusCode(201).extract().jsonPath();
    }

    ConsoleSocket terminal(String caller, String kind, boolean control) {
        ConsoleSocket socket = ConsoleSocket.open(base.toString(), ticket(caller, kind, control).getString("url"));
        socket.await("the terminal to connect", WITHIN, s -> s.allText().contains("\"state\":\"connected\""));
        socket.send("{\"type\":\"resize\",\"cols\":100,\"rows\":30}");
        return socket;
    }

    static void type(ConsoleSocket socket, String text) throws Exception {
        socket.send(JSON.writeValueAsString(Map.of("type", "input", "data", text)));
    }

    String onTheVm(String command) throws Exception {
        Lab l = labs.find(UUID.fromString(lab)).orElseThrow();
        LabPlan.Node node = l.plan().nodes().get(0);
        return NodeShell.run(node, l.sshPrivateKey(), command, null, Duration.ofSeconds(20)).stdout();
    }

    static final int RETURN = 0xff0d;
    static final int SHIFT_L = 0xffe1;
    static final int CONTROL_L = 0xffe3;
    static final int ALT_R = 0xffea;
    static final int ALTGR = 0xfe03; // ISO_Level3_Shift

    /** How a browser sends a character: alone, or after the modifiers its user's keyboard needs for it. */
    enum Keyboard {
        /** The keysym alone (guacamole-common-js for a character a dead key composed, or after lifting Windows' AltGr). */
        ALONE,
        /** A French keyboard on Linux or macOS: AltGr is ISO_Level3_Shift. */
        AZERTY,
        /** A French keyboard on Windows: AltGr is Ctrl+Alt. */
        AZERTY_WINDOWS,
        /** A US keyboard: Shift for the upper row and capitals. */
        QWERTY;

        List<Integer> held(int c) {
            String altGr = "~#{[|`\\^@]}€";
            String azertyShift = "0123456789°+ABCDEFGHIJKLMNOPQRSTUVWXYZ£%µ?./§";
            String qwertyShift = "~!@#$%^&*()_+{}|:\"<>?ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            String character = Character.toString(c);
            return switch (this) {
                case ALONE -> List.of();
                case AZERTY -> altGr.contains(character) ? List.of(ALTGR)
                        : azertyShift.contains(character) ? List.of(SHIFT_L) : List.of();
                case AZERTY_WINDOWS -> altGr.contains(character) ? List.of(CONTROL_L, ALT_R)
                        : azertyShift.contains(character) ? List.of(SHIFT_L) : List.of();
                case QWERTY -> qwertyShift.contains(character) ? List.of(SHIFT_L) : List.of();
            };
        }
    }

    static void key(ConsoleSocket display, int keysym, boolean down) {
        display.send(new GuacamoleInstruction("key", Integer.toString(keysym), down ? "1" : "0").toString());
    }

    /** Types {@code text} as {@code keyboard} would through the browser, keysyms as guacamole-common-js makes them. */
    static void type(ConsoleSocket display, Keyboard keyboard, String text) {
        for (int c : text.codePoints().toArray()) {
            List<Integer> held = keyboard.held(c);
            held.forEach(k -> key(display, k, true));
            int keysym = c == '\n' ? RETURN : c <= 0xff ? c : 0x01000000 | c;
            key(display, keysym, true);
            key(display, keysym, false);
            held.reversed().forEach(k -> key(display, k, false));
        }
    }

    String awaitOnTheVm(String what, String command, java.util.function.Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String seen;
        do {
            seen = onTheVm(command);
            if (condition.test(seen)) return seen;
            RealLabs.pause(Duration.ofMillis(300));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("waited " + WITHIN.toSeconds() + " s for " + what + "; saw: " + seen.strip());
    }

    /**
     * A French keyboard on the screen: the trainee logs in on tty1 and types into a file the
     * AZERTY characters and all of ASCII as an AZERTY browser on Linux and on Windows sends them,
     * as each keysym alone, as a QWERTY browser sends them, and the rest of what the console's
     * layout types (dead keys, Caps Lock capitals, AltGr levels); read back over SSH, the file holds
     * the UTF-8 of exactly what was typed. Runs first: tty1 then shows a login prompt.
     */
    @Test
    @Order(0)
    void charactersTypedOnAFrenchKeyboardArriveAsTyped() throws Exception {
        String password = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then()
                .statusCode(200).extract().path("credentials.password");
        String french = "é è à ç ù € @ # { } | \\ ~";
        StringBuilder ascii = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) ascii.append(c);
        List<Map.Entry<Keyboard, String>> lines = List.of(
                Map.entry(Keyboard.AZERTY, "Atelier " + french),
                Map.entry(Keyboard.AZERTY, ascii.substring(0, 32)),
                Map.entry(Keyboard.AZERTY, ascii.substring(32, 64)),
                Map.entry(Keyboard.AZERTY, ascii.substring(64)),
                Map.entry(Keyboard.AZERTY_WINDOWS, french + " Windows"),
                Map.entry(Keyboard.ALONE, french + " seul"),
                Map.entry(Keyboard.QWERTY, "~!@#$%^&*()_+{}|:\"<>? QWERTY qwerty 2026"),
                Map.entry(Keyboard.ALONE, "ê â î ô û ë ï ü ÿ Ê Ï Ÿ É È À Ç Ù"),
                Map.entry(Keyboard.ALONE, "¹¡⅛£⅜⅝⅞™±°¿æÆ«¢¶®ŧŦ←¥↓↑→ıøØþÞ¤Ω"),
                Map.entry(Keyboard.ALONE, "ßẞðÐđªŋŊħĦĸłŁµº²¬»©„‚“‘”’•×·÷§¦"));
        try (ConsoleSocket display = ConsoleSocket.open(base.toString(), ticket("stagiaire1", "vnc", false).getString("url"),
                "guacamole")) {
            display.await("the first frame", WITHIN, s -> s.texts.stream().anyMatch(t -> t.contains(".sync,")));
            awaitOnTheVm("the login prompt on tty1", "sudo cat /dev/vcs1", screen -> screen.contains("login:"));
            type(display, Keyboard.AZERTY, "stagiaire1\n");
            awaitOnTheVm("the password prompt", "sudo cat /dev/vcs1", screen -> screen.contains("Password:"));
            type(display, Keyboard.AZERTY, password + "\n");
            awaitOnTheVm("the trainee's shell", "sudo cat /dev/vcs1", screen -> screen.contains("stagiaire1@poste"));
            type(display, Keyboard.AZERTY, "cat > clavier.txt\n");
            for (int i = 0; i < lines.size(); i++) {
                // a line at a time, as a person who watches it appear; the gateway spreads the line's burst (KeyPacing)
                type(display, lines.get(i).getKey(), lines.get(i).getValue() + "\n");
                int written = i + 1;
                awaitOnTheVm("line " + written + " in the file", "sudo cat /home/stagiaire1/clavier.txt 2>/dev/null | wc -l",
                        count -> count.strip().equals(String.valueOf(written)));
            }
            key(display, CONTROL_L, true); // Ctrl+D ends cat's input
            type(display, Keyboard.ALONE, "d");
            key(display, CONTROL_L, false);
            type(display, Keyboard.AZERTY, "exit\n");
            awaitOnTheVm("a login prompt on tty1 again", "ps -t tty1 -o comm=", tty -> tty.strip().equals("agetty"));
        }
        StringBuilder expected = new StringBuilder();
        lines.forEach(line -> expected.append(line.getValue()).append('\n'));
        byte[] file = java.util.Base64.getDecoder().decode(onTheVm("sudo base64 -w0 /home/stagiaire1/clavier.txt").strip());
        assertEquals(expected.toString(), new String(file, java.nio.charset.StandardCharsets.UTF_8), "what the file holds");
        assertTrue(java.util.Arrays.equals(expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), file),
                "the file's bytes are the UTF-8 of what was typed");
    }

    @Test
    @Order(1)
    void theScreenArrivesThroughTheGatewayAndTypedKeysReachTheVm() throws Exception {
        long asked = System.nanoTime();
        JsonPath t = ticket("stagiaire1", "vnc", false);
        assertFalse(t.getBoolean("readOnly"), "the trainee acts on their own console");
        GuacScreen screen = new GuacScreen();
        try (ConsoleSocket display = ConsoleSocket.open(base.toString(), t.getString("url"), "guacamole")) {
            int applied = 0;
            long firstFrame = 0;
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (screen.colours() < 2) {
                assertTrue(System.nanoTime() < deadline, "no non-uniform frame within " + WITHIN.toSeconds() + " s; errors: "
                        + screen.errors() + "; frames " + screen.frames());
                assertTrue(screen.errors().isEmpty(), "the gateway reported " + screen.errors());
                while (applied < display.texts.size()) {
                    for (String sync : screen.apply(display.texts.get(applied++))) {
                        display.send(new GuacamoleInstruction("sync", sync).toString());
                    }
                }
                if (firstFrame == 0 && screen.frames() > 0) firstFrame = System.nanoTime();
                RealLabs.pause(Duration.ofMillis(20));
            }
            System.out.printf("console: first frame %d ms after the ticket request, non-uniform screen %d ms after%n",
                    (firstFrame - asked) / 1_000_000, (System.nanoTime() - asked) / 1_000_000);
            Path artifacts = Files.createDirectories(Path.of("target", "artifacts"));
            ImageIO.write(screen.image(), "png", new File(artifacts.toFile(), "console-vnc-gateway.png"));
            assertTrue(display.texts.get(0).startsWith("0.,36."), "the tunnel's UUID comes first: " + display.texts.get(0));

            String word = "atelier" + (System.nanoTime() % 900 + 100);
            for (char c : word.toCharArray()) {
                display.send(new GuacamoleInstruction("key", Integer.toString(c), "1").toString());
                display.send(new GuacamoleInstruction("key", Integer.toString(c), "0").toString());
            }
            long typedDeadline = System.nanoTime() + WITHIN.toNanos();
            String console;
            do {
                console = onTheVm("sudo cat /dev/vcs1");
                if (console.contains(word)) break;
                RealLabs.pause(Duration.ofMillis(300));
            } while (System.nanoTime() < typedDeadline);
            assertTrue(console.contains(word), "'" + word + "' typed through the gateway is on the VM's tty1: " + console.strip());

            // What the display costs, as the closing note reports it (measured, not asserted)
            applied = follow(display, screen, applied, Duration.ofSeconds(1));
            long idle = display.received();
            applied = follow(display, screen, applied, Duration.ofSeconds(5));
            idle = display.received() - idle;
            Thread scrolling = Thread.ofVirtual().start(() -> {
                try {
                    onTheVm("for i in $(seq 1 4000); do echo \"ligne $i : du texte qui défile sur tty1\"; done | sudo tee /dev/tty1 >/dev/null");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long before = display.received();
            long started = System.nanoTime();
            follow(display, screen, applied, Duration.ofSeconds(5));
            long scrolled = display.received() - before;
            double seconds = (System.nanoTime() - started) / 1e9;
            scrolling.join();
            System.out.printf("console: display idle %.0f bytes/s, scrolling text %.0f bytes/s%n", idle / 5.0,
                    scrolled / seconds);
        }
    }

    /** Applies what the display sends for {@code window}, answering its syncs as a browser does. */
    static int follow(ConsoleSocket display, GuacScreen screen, int applied, Duration window) throws Exception {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            while (applied < display.texts.size()) {
                for (String sync : screen.apply(display.texts.get(applied++))) {
                    display.send(new GuacamoleInstruction("sync", sync).toString());
                }
            }
            RealLabs.pause(Duration.ofMillis(20));
        }
        return applied;
    }

    @Test
    @Order(2)
    void aCommandTypedInTheSshTerminalRunsOnTheVmAndIsRecorded() throws Exception {
        try (ConsoleSocket ssh = terminal("stagiaire1", "ssh", false);
                ConsoleSocket watcher = terminal("formateur1", "ssh", false)) {
            assertTrue(watcher.allText().contains("\"readOnly\":true"), "the trainer watches: " + watcher.allText());
            type(ssh, "echo atelier-$((6*7)) > ~/preuve; cat ~/preuve\r");
            ssh.await("the command's output", WITHIN, s -> s.output().contains("atelier-42"));
            watcher.await("the trainer to see the same terminal", WITHIN, s -> s.output().contains("atelier-42"));
            assertEquals("atelier-42", onTheVm("sudo cat /home/stagiaire1/preuve").strip(), "it ran on the VM as the trainee");

            type(watcher, "touch ~/du-formateur\r");
            watcher.send("{\"type\":\"nonsense\"}");
            watcher.await("the trainer's messages to be handled in order", WITHIN, s -> s.allText().contains("Unknown message type"));
            type(ssh, "ls ~ | tr -d '\\n'; echo :fin-$((1+1))\r");
            ssh.await("the listing", WITHIN, s -> s.output().contains(":fin-2"));
            assertFalse(onTheVm("ls /home/stagiaire1").contains("du-formateur"), "a read-only viewer's keys are dropped");
        }
        long deadline = System.nanoTime() + WITHIN.toNanos();
        JsonPath recordings;
        do {
            recordings = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab + "/recordings")
                    .then().statusCode(200).extract().jsonPath();
        } while (recordings.getList("findAll { it.kind == 'ssh' && it.endedAt != null }").isEmpty()
                && System.nanoTime() < deadline && pause());
        String id = recordings.getString("find { it.kind == 'ssh' }.id");
        assertFalse(recordings.getString("find { it.kind == 'ssh' }.endedAt") == null, "the recording is closed");
        String cast = given().auth().oauth2(Keycloak.token("validateur1"))
                .get("/api/labs/" + lab + "/recordings/" + id).then().statusCode(200)
                .contentType("application/x-asciicast").extract().asString();
        String[] lines = cast.split("\n");
        assertTrue(lines[0].contains("\"version\":2") && lines[0].contains("\"width\":80"), "asciicast v2 header: " + lines[0]);
        assertTrue(cast.contains("[") && cast.contains(",\"r\",\"100x30\"]"), "the resize is recorded");
        assertTrue(cast.contains("\"o\",") && cast.contains("atelier-42"), "the output is recorded");
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + lab + "/recordings/" + id)
                .then().statusCode(404);
    }

    @Test
    @Order(3)
    void aCommandTypedOnTheSerialConsoleRunsOnTheVm() throws Exception {
        String password = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then()
                .statusCode(200).extract().path("credentials.password");
        try (ConsoleSocket serial = terminal("stagiaire1", "serial", false)) {
            type(serial, "\r");
            serial.await("a login prompt", WITHIN, s -> s.output().contains("login:"));
            type(serial, "stagiaire1\r");
            serial.await("the password prompt", WITHIN, s -> s.output().contains("Password:"));
            type(serial, password + "\r");
            serial.await("the shell prompt", WITHIN, s -> s.output().contains("stagiaire1@poste"));
            type(serial, "echo serie-$((6*7))\r");
            serial.await("the command's output", WITHIN, s -> s.output().contains("serie-42"));
            type(serial, "exit\r");
        }
    }

    @Test
    @Order(4)
    void aTicketIsForItsTraineeOnceAndATrainerTakingControlIsRecorded() throws Exception {
        given().auth().oauth2(Keycloak.token("stagiaire2")).contentType(ContentType.JSON)
                .body("{\"node\": \"poste\", \"kind\": \"ssh\"}").post("/api/labs/" + lab + "/consoles")
                .then().statusCode(404);
        JsonPath once = ticket("stagiaire1", "serial", false);
        try (ConsoleSocket first = ConsoleSocket.open(base.toString(), once.getString("url"))) {
            first.await("the serial console", WITHIN, s -> s.allText().contains("\"state\":\"connected\""));
        }
        try (ConsoleSocket again = ConsoleSocket.open(base.toString(), once.getString("url"))) {
            again.await("a reused ticket to be refused", WITHIN, s -> s.allText().contains("already used"));
        }
        JsonPath control = ticket("formateur1", "vnc", true);
        assertFalse(control.getBoolean("readOnly"), "a trainer who takes control may act");
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select actor from lab_event where lab_id = ? and reason = 'console control taken: vnc of poste'")) {
            ps.setObject(1, UUID.fromString(lab));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "taking control is recorded in the lab's events");
                assertEquals("formateur1", rs.getString(1));
            }
        }
    }

    /**
     * The VM's VNC port itself asks for the display's password (so a local user cannot watch or
     * type without the gateway), and the gateway connects only to displays of live labs.
     */
    @Test
    @Order(5)
    void theDisplayWantsItsPasswordAndTheGatewayReachesOnlyTheScreensOfLiveLabs() throws Exception {
        Lab l = labs.find(UUID.fromString(lab)).orElseThrow();
        int vncPort = hypervisor.vncPort(l.plan().nodes().get(0).domain()).orElseThrow();
        try (Socket raw = new Socket("127.0.0.1", vncPort)) {
            raw.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(raw.getInputStream());
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            byte[] version = new byte[12];
            in.readFully(version);
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            byte[] types = new byte[in.readUnsignedByte()];
            in.readFully(types);
            assertArrayEquals(new byte[] { 2 }, types, "VNC authentication only, never None");
            out.writeByte(2);
            in.readFully(new byte[16]); // the challenge, answered without the password
            out.write(new byte[16]);
            assertNotEquals(0, in.readInt(), "a wrong answer gets no framebuffer");
        }
        GuacamoleConfiguration noPassword = new GuacamoleConfiguration();
        noPassword.setProtocol("vnc");
        noPassword.setParameter("hostname", "127.0.0.1");
        noPassword.setParameter("port", Integer.toString(vncPort));
        GuacamoleException unauthorized = assertThrows(GuacamoleException.class,
                () -> gateway.connect(noPassword, new GuacamoleClientInformation()).close());
        assertEquals(GuacamoleStatus.CLIENT_UNAUTHORIZED, unauthorized.getStatus(), unauthorized.getMessage());

        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            GuacamoleConfiguration elsewhere = new GuacamoleConfiguration();
            elsewhere.setProtocol("vnc");
            elsewhere.setParameter("hostname", "127.0.0.1");
            elsewhere.setParameter("port", Integer.toString(listener.getLocalPort()));
            GuacamoleException refused = assertThrows(GuacamoleException.class,
                    () -> gateway.connect(elsewhere, new GuacamoleClientInformation()).close());
            assertEquals(GuacamoleStatus.CLIENT_FORBIDDEN, refused.getStatus(), refused.getMessage());
            try (Socket own = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                    Socket first = listener.accept()) {
                assertEquals(own.getLocalPort(), first.getPort(), "the gateway connected to a port that is no lab's screen");
            }
        }
    }

    static boolean pause() {
        RealLabs.pause(Duration.ofMillis(200));
        return true;
    }
}
