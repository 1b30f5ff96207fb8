package io.atelier.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Keycloak is, as the server and the browser reach it. */
@ConfigMapping(prefix = "atelier.keycloak")
public interface IdentityConfig {

    /** Keycloak's base URL, e.g. http://localhost:8180. */
    @WithDefault("http://localhost:8180")
    String url();

    @WithDefault("atelier")
    String realm();

    /** The public client the single-page application logs in with. */
    @WithDefault("atelier-web")
    String webClientId();

    /** The confidential client whose service account reads the directory (trainees and groups). */
    @WithDefault("atelier-platform")
    String platformClientId();

    /** Its secret; the default matches the development realm of infra/keycloak. Set ATELIER_KEYCLOAK_PLATFORM_SECRET in production. */
    @WithDefault("atelier-platform-dev-secret")
    String platformSecret();

    /**
     * Keycloak's URL as browsers reach it when it differs from {@link #url()}: in public mode,
     * the TLS proxy's {@code https://atelier.example/auth}, while the server uses loopback.
     */
    Optional<String> browserUrl();

    default String realmUrl() {
        return url() + "/realms/" + realm();
    }
}
