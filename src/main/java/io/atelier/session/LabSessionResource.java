package io.atelier.session;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.lab.Lab;
import io.atelier.lab.LabAccess;
import io.atelier.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** What a lab's page shows of its session: mode, state, the trainee's deadline and time left, verifications left. */
@Path("/labs/{id}/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@Blocking
public class LabSessionResource {

    @Inject
    LabAccess access;

    @Inject
    SessionService sessions;

    @GET
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The lab's session as its trainee sees it (404 when the lab is not part of a session)")
    public SessionView.ForTrainee get(@PathParam("id") String id) {
        Lab lab = access.visible(id);
        return sessions.forLab(lab.id()).orElseThrow(() -> new NotFoundException("Lab " + id + " is not part of a session."));
    }
}
