package io.atelier.grading;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.lab.Lab;
import io.atelier.lab.LabAccess;
import io.atelier.lab.LabState;
import io.atelier.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * "Rendre": the trainee (or the trainer who launched the lab) submits it, which runs the
 * final checks and grades it; afterwards the submission is read-only. A deadline set by a
 * trainer submits the lab by itself.
 */
@Path("/labs/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rendu et notation")
@Blocking
public class SubmissionResource {

    @Inject
    LabAccess access;

    @Inject
    SubmissionService submissions;

    @Inject
    DeadlineStore deadlines;

    @POST
    @Path("submission")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Submit the lab (READY → SUBMITTED → GRADED): runs the final checks, whose results are sealed by a hash and never change")
    public Response submit(@PathParam("id") String id) {
        Lab lab = access.operable(id);
        access.requireOpenToTrainee(lab);
        Submission submission = submissions.submit(lab, access.me());
        return Response.status(201).entity(submission).build();
    }

    @GET
    @Path("submission")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The lab's submission: when, by whom, its hash, criteria acquired and per-task results (404 before it is submitted)")
    public Submission submission(@PathParam("id") String id) {
        Lab lab = access.visible(id);
        Submission submission = submissions.submission(lab);
        if (submission == null) {
            throw new NotFoundException("Lab " + id + " has not been submitted yet"
                    + (lab.state() == LabState.SUBMITTED ? " (its final checks are running)." : "."));
        }
        return submission;
    }

    public record Deadline(Instant deadline) {
    }

    @PUT
    @Path("deadline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Set when the lab is submitted by itself (ISO-8601 instant, in the future)")
    public Deadline deadline(@PathParam("id") String id, Deadline request) {
        Lab lab = access.operable(id);
        if (request == null || request.deadline() == null) {
            throw new BadRequestException("The body must be JSON {\"deadline\": \"2026-11-23T17:30:00Z\"}; deadline is missing.");
        }
        if (!request.deadline().isAfter(Instant.now())) {
            throw new BadRequestException("The deadline " + request.deadline() + " has passed; expected a time in the future.");
        }
        if (lab.state().isFinal() || lab.state() == LabState.SUBMITTED || lab.state() == LabState.GRADED) {
            throw new WebApplicationException("The lab is " + lab.state() + ": a deadline no longer applies.", 409);
        }
        deadlines.set(lab.id(), request.deadline(), access.me());
        return request;
    }
}
