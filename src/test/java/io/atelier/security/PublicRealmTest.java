package io.atelier.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm ./atelier up --public imports (keycloak_public_realm of keycloak.sh, run as the
 * launcher runs it): no demo account, no password, no well-known secret; the platform's
 * client gets the fresh secret, the web client the public address.
 */
class PublicRealmTest {

    @TempDir
    Path dir;

    @Test
    void theClassroomRealmHasNoDemoAccountAndNoWellKnownSecret() throws Exception {
        Launcher.Result r = Launcher.keycloakScript(dir, Map.of(),
                "keycloak_public_realm \"$KEYCLOAK_REALM_FILE\" https://atelier.example Fr3sh-S3cret", 30);
        assertEquals(0, r.exit(), r.output());
        String text = r.output();
        for (String secret : PublicModeGuard.WELL_KNOWN_SECRETS) assertFalse(text.contains(secret), secret);
        for (String demo : PublicModeGuard.DEMO_ACCOUNTS.keySet()) {
            assertFalse(text.matches("(?s).*\"username\"\\s*:\\s*\"" + demo + "\".*"), "no demo account " + demo);
        }
        assertFalse(text.contains("\"credentials\""), "no user comes with a password");
        assertFalse(text.contains("localhost"), "no address of the demo");

        JsonNode realm = new ObjectMapper().readTree(text);
        List<String> users = new ArrayList<>();
        realm.path("users").forEach(u -> users.add(u.path("username").asText()));
        assertEquals(List.of("service-account-atelier-platform"), users, "only the platform's service account");
        assertEquals("view-realm", realm.path("users").get(0).path("clientRoles").path("realm-management").get(3).asText(),
                "which keeps its rights on the directory");
        assertEquals(0, realm.path("groups").size(), "no demo group");
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(x -> roles.add(x.path("name").asText()));
        assertEquals(List.of("trainee", "trainer", "validator", "admin"), roles);
        for (JsonNode client : realm.path("clients")) {
            switch (client.path("clientId").asText()) {
                case "atelier-platform" -> assertEquals("Fr3sh-S3cret", client.path("secret").asText());
                case "atelier-web" -> {
                    assertFalse(client.has("secret"));
                    assertEquals("https://atelier.example", client.path("rootUrl").asText());
                    assertEquals("[\"https://atelier.example/*\"]", client.path("redirectUris").toString());
                    assertEquals("https://atelier.example/*", client.path("attributes").path("post.logout.redirect.uris").asText());
                }
                default -> assertFalse(client.has("secret"), client.toString());
            }
        }
        assertTrue(realm.path("clients").size() >= 3);
    }
}
