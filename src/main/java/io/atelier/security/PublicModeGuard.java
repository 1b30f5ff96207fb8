package io.atelier.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * In public mode ({@code atelier.public-url} set: a classroom on a network), the platform
 * refuses to start while a well-known development secret is configured or still accepted by
 * Keycloak, or while a demo account of {@code infra/keycloak/atelier-realm.json} logs in
 * with its demo password at the configured Keycloak. The demo (no public URL) is unchanged.
 *
 * <p>Demo accounts are tried with a password grant through the public client
 * {@code atelier-cli}, as a script would; a refused password ({@code invalid_grant}) is the
 * answer wanted. Any other answer means the check could not be made, which refuses too.
 * Each try counts as one failed login in Keycloak's brute-force detection for an account
 * of that name.
 */
@ApplicationScoped
public class PublicModeGuard {

    private static final Logger LOG = Logger.getLogger(PublicModeGuard.class);

    /** Secrets published with the platform: the realm file's client secret. */
    public static final Set<String> WELL_KNOWN_SECRETS = Set.of("atelier-platform-dev-secret");

    /** The demo accounts of the realm file and their published passwords. */
    public static final Map<String, String> DEMO_ACCOUNTS;

    static {
        Map<String, String> demo = new LinkedHashMap<>();
        for (String user : List.of("formateur1", "stagiaire1", "stagiaire2", "stagiaire3", "validateur1", "admin")) {
            demo.put(user, user);
        }
        DEMO_ACCOUNTS = Collections.unmodifiableMap(demo);
    }

    /** The client scripts log in with (password grant). */
    static final String CLI_CLIENT = "atelier-cli";

    @ConfigProperty(name = "atelier.public-url")
    Optional<String> publicUrl;

    @ConfigProperty(name = "atelier.public-guard.keycloak-wait", defaultValue = "PT90S")
    Duration keycloakWait;

    @Inject
    IdentityConfig identity;

    /** Runs before the other start-up work: a refused start does nothing else. */
    void check(@Observes @Priority(1) StartupEvent starting) {
        if (publicUrl.isEmpty() || publicUrl.get().isBlank()) return;
        List<String> problems = problems(identity.url(), identity.realm(), identity.platformClientId(),
                identity.platformSecret(), keycloakWait);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Public mode (atelier.public-url=" + publicUrl.get()
                    + ") refuses to start:\n  - " + String.join("\n  - ", problems));
        }
        LOG.infof("Public mode (%s): no development secret is configured or accepted, and no demo account logs in at %s",
                publicUrl.get(), identity.realmUrl());
    }

    /**
     * What forbids a public start with this configuration, one sentence each; empty when
     * nothing does. Waits up to {@code wait} for Keycloak to answer.
     */
    public static List<String> problems(String keycloakUrl, String realm, String platformClientId, String platformSecret,
            Duration wait) {
        List<String> problems = new ArrayList<>();
        if (platformSecret == null || platformSecret.isBlank() || WELL_KNOWN_SECRETS.contains(platformSecret)) {
            problems.add("the secret of Keycloak client " + platformClientId + " is the development one published in "
                    + "infra/keycloak/atelier-realm.json (or empty): give the client a new secret in Keycloak and set "
                    + "ATELIER_KEYCLOAK_PLATFORM_SECRET to it (./atelier up --public does both)");
        }
        Keycloak keycloak = new Keycloak(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token");
        try {
            keycloak.await(wait);
        } catch (IOException e) {
            problems.add("Keycloak does not answer at " + keycloakUrl + " (" + e.getMessage() + "), so demo accounts and "
                    + "development secrets cannot be checked");
            return problems;
        }
        for (String secret : WELL_KNOWN_SECRETS) {
            Answer a = keycloak.post("grant_type=client_credentials&client_id=" + enc(platformClientId) + "&client_secret=" + enc(secret));
            if (a.status() == 200) {
                problems.add("Keycloak at " + keycloakUrl + " still accepts the development secret of client " + platformClientId
                        + " (realm " + realm + "): regenerate it (Clients > " + platformClientId + " > Credentials)");
            } else if (a.status() < 0) {
                problems.add("the check of client " + platformClientId + "'s secret failed: " + a.error());
            }
        }
        for (Map.Entry<String, String> demo : DEMO_ACCOUNTS.entrySet()) {
            Answer a = keycloak.post("grant_type=password&client_id=" + CLI_CLIENT + "&username=" + enc(demo.getKey())
                    + "&password=" + enc(demo.getValue()));
            if (a.status() == 200) {
                problems.add("the demo account " + demo.getKey() + " logs in with its demo password at " + keycloakUrl
                        + " (realm " + realm + "): delete it, or give it another password");
            } else if (!"invalid_grant".equals(a.error())) {
                problems.add("cannot check the demo account " + demo.getKey() + ": Keycloak answered " + a.status() + " "
                        + a.error() + " to a password login through client " + CLI_CLIENT
                        + " (the check needs that client with password logins, as the realm file has it)");
            }
        }
        return problems;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** HTTP status and OAuth error code ({@code status} −1: no answer, {@code error} says why). */
    record Answer(int status, String error) {
    }

    private static final class Keycloak {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ObjectMapper json = new ObjectMapper();
        private final URI token;

        Keycloak(String tokenEndpoint) {
            this.token = URI.create(tokenEndpoint);
        }

        /** Until the token endpoint answers at all (Keycloak may still be starting), at most {@code wait}. */
        void await(Duration wait) throws IOException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                Answer a = post("grant_type=client_credentials");
                if (a.status() > 0 && a.status() < 500) return;
                if (System.nanoTime() > deadline) {
                    throw new IOException(a.status() < 0 ? a.error() : "HTTP " + a.status());
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }

        Answer post(String form) {
            HttpRequest request = HttpRequest.newBuilder(token).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                String error = null;
                if (response.statusCode() != 200) {
                    try {
                        JsonNode body = json.readTree(response.body());
                        error = body.path("error").asText(null);
                    } catch (IOException notJson) {
                        error = "a non-JSON answer";
                    }
                }
                return new Answer(response.statusCode(), error);
            } catch (IOException e) {
                return new Answer(-1, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, "interrupted");
            }
        }
    }
}
