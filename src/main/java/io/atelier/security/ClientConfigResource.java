package io.atelier.security;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the browser needs before logging in: where Keycloak is and which client to use. Public. */
@Path("/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identité")
public class ClientConfigResource {

    @Inject
    IdentityConfig identity;

    public record ClientConfig(String keycloakUrl, String realm, String clientId) {
    }

    @GET
    @PermitAll
    @Operation(summary = "Keycloak URL, realm and client id for the web interface (no authentication)")
    public ClientConfig config() {
        return new ClientConfig(identity.browserUrl().orElse(identity.url()), identity.realm(), identity.webClientId());
    }
}
