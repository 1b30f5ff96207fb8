package io.atelier.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Public mode refuses the demo: run against the real Keycloak of the tests, which holds the
 * demo accounts and the development secret. (A realm without them passes: PublicKeycloakTest,
 * on a Keycloak started by the launcher in public mode.)
 */
class PublicModeGuardTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theDemoRealmIsRefusedForItsDevelopmentSecretAndEachDemoAccount() {
        List<String> problems = PublicModeGuard.problems(Keycloak.url(), "atelier", "atelier-platform",
                "atelier-platform-dev-secret", WAIT);
        String all = String.join("\n", problems);
        assertTrue(all.contains("is the development one published in infra/keycloak/atelier-realm.json"), all);
        assertTrue(all.contains("still accepts the development secret of client atelier-platform"), all);
        for (String demo : List.of("formateur1", "stagiaire1", "stagiaire2", "stagiaire3", "validateur1", "admin")) {
            assertTrue(all.contains("the demo account " + demo + " logs in with its demo password"), demo + " in\n" + all);
        }
        assertEquals(8, problems.size(), all);
    }

    @Test
    void aFreshSecretIsNotEnoughWhileKeycloakStillAcceptsTheDevelopmentOneAndHasTheDemoAccounts() {
        List<String> problems = PublicModeGuard.problems(Keycloak.url(), "atelier", "atelier-platform",
                "a-fresh-secret-nobody-knows", WAIT);
        String all = String.join("\n", problems);
        assertTrue(problems.stream().noneMatch(p -> p.contains("is the development one")), all);
        assertTrue(all.contains("still accepts the development secret"), all);
        assertTrue(all.contains("the demo account admin logs in"), all);
    }

    @Test
    void aKeycloakThatDoesNotAnswerIsRefusedRatherThanTrusted() {
        List<String> problems = PublicModeGuard.problems("http://127.0.0.1:9", "atelier", "atelier-platform",
                "a-fresh-secret-nobody-knows", Duration.ofSeconds(1));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Keycloak does not answer at http://127.0.0.1:9"), problems.get(0));
    }

    @Test
    void theGuardKnowsEveryDemoAccountAndSecretOfTheRealmFile() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(Path.of("infra/keycloak/atelier-realm.json").toFile());
        Map<String, String> passwords = new HashMap<>();
        for (JsonNode user : realm.path("users")) {
            for (JsonNode credential : user.path("credentials")) {
                passwords.put(user.path("username").asText(), credential.path("value").asText());
            }
        }
        assertEquals(passwords, PublicModeGuard.DEMO_ACCOUNTS, "every user of the realm file with a password is a demo account");
        List<String> secrets = new ArrayList<>();
        realm.path("clients").forEach(c -> { if (c.has("secret")) secrets.add(c.path("secret").asText()); });
        assertTrue(PublicModeGuard.WELL_KNOWN_SECRETS.containsAll(secrets), secrets.toString());
    }
}
