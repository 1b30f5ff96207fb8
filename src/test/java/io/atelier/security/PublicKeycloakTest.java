package io.atelier.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.TestFiles;

/**
 * A classroom's Keycloak as ./atelier up --public starts it (keycloak.sh in public mode:
 * production mode behind a TLS proxy at https://atelier.example/auth, the realm imported
 * without demo accounts, a fresh platform secret), on a port of its own and on loopback:
 * the platform's public-mode guard passes, the fresh secret works, and
 * {@code ./atelier admin-user} creates the first administrator.
 */
class PublicKeycloakTest {

    static final Path DATA = Path.of("target", "public-keycloak").toAbsolutePath();
    static final String PUBLIC = "https://atelier.example";
    static int port;
    static String url;
    static Map<String, String> env;

    @BeforeAll
    static void startTheClassroomKeycloak() throws Exception {
        TestFiles.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://localhost:" + port + "/auth";
        env = Map.of("ATELIER_DATA_DIR", DATA.toString(), "ATELIER_KEYCLOAK_PORT", String.valueOf(port),
                "ATELIER_LISTEN", "127.0.0.1");
        Launcher.Result r = Launcher.keycloakScript(DATA, env, "mkdir -p \"$DATA_DIR/logs\"\n"
                + "keycloak_configure " + PUBLIC + "\nkeycloak_start\n", 600);
        assertEquals(0, r.exit(), r.output() + "\n(Keycloak's log: " + DATA.resolve("logs/keycloak.log") + ")");
    }

    @AfterAll
    static void stopIt() throws Exception {
        Launcher.keycloakScript(DATA, env, "KEYCLOAK_STARTED_HERE=1\nkeycloak_stop\n", 120);
    }

    static String secret() throws Exception {
        return Files.readString(DATA.resolve("keycloak-platform-secret")).strip();
    }

    /** What the person does at their first login, done as Keycloak's own admin of this test Keycloak. */
    static void completeProfile(String user) throws Exception {
        String admin = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", Files.readString(DATA.resolve("keycloak-admin-password")).strip())
                .post(url + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        String id = given().auth().oauth2(admin).queryParam("username", user).queryParam("exact", true)
                .get(url + "/admin/realms/atelier/users").then().statusCode(200).extract().path("[0].id");
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"firstName\": \"Claire\", \"lastName\": \"Chef\", \"email\": \"" + user + "@atelier.example\"}")
                .put(url + "/admin/realms/atelier/users/" + id).then().statusCode(204);
    }

    @Test
    void theGuardPassesWithTheFreshSecretWhichKeycloakAccepts() throws Exception {
        Path secretFile = DATA.resolve("keycloak-platform-secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        assertTrue(secret().length() >= 32, "a generated secret");
        assertFalse(Files.exists(DATA.resolve("keycloak-26.5.6/data/import/atelier-realm.json")),
                "the import file holding the secret is gone once imported");

        assertEquals(List.of(), PublicModeGuard.problems(url, "atelier", "atelier-platform", secret(), Duration.ofSeconds(30)),
                "a classroom realm with a fresh secret and no demo account passes the guard");

        given().formParam("grant_type", "client_credentials").formParam("client_id", "atelier-platform")
                .formParam("client_secret", secret())
                .post(url + "/realms/atelier/protocol/openid-connect/token").then().statusCode(200);
        given().get(url + "/realms/atelier/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", org.hamcrest.Matchers.equalTo(PUBLIC + "/auth/realms/atelier"))
                .body("token_endpoint", org.hamcrest.Matchers.startsWith(url));
    }

    @Test
    void adminUserCreatesTheFirstAdministratorWhoLogsInWithTheAdminRole() throws Exception {
        Launcher.Result r = Launcher.run(List.of("./atelier", "admin-user", "chef"), env, "Chef-de-1a-classe\n", 180);
        assertEquals(0, r.exit(), r.output());
        assertFalse(r.output().contains("Chef-de-1a-classe"), "the password chosen is not echoed");
        // the password is right; Keycloak asks for the profile (e-mail, names) at the first login
        given().formParam("grant_type", "password").formParam("client_id", "atelier-cli")
                .formParam("username", "chef").formParam("password", "Chef-de-1a-classe")
                .post(url + "/realms/atelier/protocol/openid-connect/token").then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.equalTo("Account is not fully set up"));
        completeProfile("chef");

        String token = given().formParam("grant_type", "password").formParam("client_id", "atelier-cli")
                .formParam("username", "chef").formParam("password", "Chef-de-1a-classe")
                .post(url + "/realms/atelier/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(x -> roles.add(x.asText()));
        assertTrue(roles.contains("admin"), "the realm role admin is in chef's token: " + roles);

        Launcher.Result again = Launcher.run(List.of("./atelier", "admin-user", "chef"), env, "x\n", 180);
        assertTrue(again.exit() != 0 && again.output().contains("could not create administrator chef"), again.output());
        given().get(url + "/realms/atelier/protocol/openid-connect/certs").then().statusCode(200)
                .body("keys.kty", hasItem("RSA"));
    }
}
