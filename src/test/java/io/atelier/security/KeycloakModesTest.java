package io.atelier.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.TestFiles;

/**
 * keycloak.sh's two modes on one data directory, as ./atelier up and ./atelier up --public
 * run them: the demo's Keycloak listens on loopback only and has the demo accounts; a first
 * public start replaces the demo realm (no demo account logs in any more, the guard passes);
 * the demo then refuses to start on a classroom's data directory instead of replacing it.
 */
class KeycloakModesTest {

    static final Path DATA = Path.of("target", "keycloak-modes").toAbsolutePath();

    Map<String, String> env;

    Launcher.Result keycloak(String mode) throws Exception {
        return Launcher.keycloakScript(DATA, env, "mkdir -p \"$DATA_DIR/logs\"\nkeycloak_configure " + mode + "\nkeycloak_start\n", 600);
    }

    @AfterEach
    void stop() throws Exception {
        Launcher.keycloakScript(DATA, env, "KEYCLOAK_STARTED_HERE=1\nkeycloak_stop\n", 120);
    }

    @Test
    void theDemoIsOnLoopbackAndAClassroomReplacesItButNeverTheOtherWayRound() throws Exception {
        TestFiles.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        env = Map.of("ATELIER_KEYCLOAK_PORT", String.valueOf(port), "ATELIER_LISTEN", "127.0.0.1");
        String demo = "http://localhost:" + port;

        Launcher.Result started = keycloak("\"\"");
        assertEquals(0, started.exit(), started.output());
        assertTrue(started.output().contains("listening on 127.0.0.1"), started.output());
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 2000);
                throw new AssertionError("the demo's Keycloak answers on " + address + ": it must listen on loopback only");
            } catch (IOException expected) {
                // refused
            }
        }
        login(demo, "formateur1", 200);
        stop();

        Launcher.Result classroom = keycloak("https://atelier.example");
        assertEquals(0, classroom.exit(), classroom.output());
        assertTrue(classroom.output().contains("replacing it by the classroom realm"), classroom.output());
        String secret = Files.readString(DATA.resolve("keycloak-platform-secret")).strip();
        assertEquals(List.of(), PublicModeGuard.problems(demo + "/auth", "atelier", "atelier-platform", secret, Duration.ofSeconds(30)),
                "no demo account is left and the development secret is refused");
        stop();

        Launcher.Result refused = keycloak("\"\"");
        assertTrue(refused.exit() != 0, refused.output());
        assertTrue(refused.output().contains("holds a classroom's realm"), refused.output());
    }

    static void login(String keycloak, String user, int status) {
        given().formParam("grant_type", "password").formParam("client_id", "atelier-cli")
                .formParam("username", user).formParam("password", user)
                .post(keycloak + "/realms/atelier/protocol/openid-connect/token").then().statusCode(status);
    }

    static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) nic.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(addresses::add);
        }
        return addresses;
    }
}
