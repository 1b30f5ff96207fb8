package io.atelier.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Tokens from the real Keycloak of the test run (started by {@code ./atelier test}):
 * password grant through the public client {@code atelier-cli}, as a script would.
 */
public final class Keycloak {

    /** Tokens live 300 s (the realm's accessTokenLifespan): a cached one is renewed after this. */
    private static final Duration RENEW_AFTER = Duration.ofSeconds(240);

    private record Cached(String token, long obtainedAt) {
    }

    private static final Map<String, Cached> TOKENS = new ConcurrentHashMap<>();

    private Keycloak() {
    }

    public static String url() {
        return ConfigProvider.getConfig().getOptionalValue("atelier.keycloak.url", String.class).orElse("http://localhost:8180");
    }

    /**
     * An access token for a demo user (password = user name), cached, and renewed before it
     * expires (the real-VM tests run longer than a token lives).
     */
    public static String token(String user) {
        return TOKENS.compute(user, (u, cached) -> cached != null
                && System.nanoTime() - cached.obtainedAt() < RENEW_AFTER.toNanos() ? cached
                        : new Cached(passwordGrant(u, u), System.nanoTime())).token();
    }

    public static String passwordGrant(String user, String password) {
        try {
            return given().baseUri(url())
                    .formParam("grant_type", "password")
                    .formParam("client_id", "atelier-cli")
                    .formParam("username", user)
                    .formParam("password", password)
                    .when().post("/realms/atelier/protocol/openid-connect/token")
                    .then().statusCode(200)
                    .extract().path("access_token");
        } catch (Exception e) { // RestAssured throws ConnectException undeclared
            if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
                fail("Keycloak is not running at " + url() + "; run the tests with ./atelier test, which starts it", e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
