package io.atelier.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Keycloak is, as the browser and the server reach it. */
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

    default String realmUrl() {
        return url() + "/realms/" + realm();
    }
}
