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

    default String realmUrl() {
        return url() + "/realms/" + realm();
    }
}
