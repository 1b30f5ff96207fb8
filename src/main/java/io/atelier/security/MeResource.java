package io.atelier.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: the user name and platform roles the interface adapts to. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identité")
public class MeResource {

    private static final List<String> PLATFORM_ROLES = List.of(Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN);

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public record Me(String username, String name, List<String> roles) {
    }

    @GET
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The caller's user name, display name and platform roles")
    public Me me() {
        String username = identity.getPrincipal().getName();
        String name = token.getClaim("name");
        List<String> roles = PLATFORM_ROLES.stream().filter(identity::hasRole).toList();
        return new Me(username, name == null ? username : name, roles);
    }
}
