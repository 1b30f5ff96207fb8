package io.atelier.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

/** The trainees and groups a trainer picks from when composing a session. */
@Path("/trainees")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@Blocking
public class DirectoryResource {

    @Inject
    Directory directory;

    @GET
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "The trainees of the directory (Keycloak users with the trainee role) and the groups with their trainee members")
    public Directory.Listing trainees() {
        try {
            return directory.trainees();
        } catch (Directory.UnavailableException e) {
            throw new WebApplicationException("The directory is unavailable: " + e.getMessage()
                    + ". Type the trainees' user names instead.", 503);
        }
    }
}
