package io.atelier.check;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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
import io.atelier.lab.LabSessionRules;
import io.atelier.lab.LabState;
import io.atelier.security.Roles;
import io.atelier.lab.LabTemplates;
import io.atelier.template.TemplateSnapshot;
import io.smallrye.common.annotation.Blocking;

/**
 * The trainee's "Vérifier": every check of the lab's template runs on the live machines and
 * the answer says, per task, what passes and the feedback of what does not. Each run is
 * kept; the last one is shown again when the page opens. How often is
 * {@link VerificationLimiter}'s to say (429 with Retry-After otherwise).
 */
@Path("/labs/{id}/verifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Vérifications")
@Blocking
public class VerificationResource {

    @Inject
    LabAccess access;

    @Inject
    LabTemplates templates;

    @Inject
    LabChecks labChecks;

    @Inject
    CheckRunStore runs;

    @Inject
    VerificationLimiter limiter;

    @Inject
    LabSessionRules sessionRules;

    @POST
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Verify the lab now (formative): pass/fail per task with each check's feedback, never its command")
    public Verification verify(@PathParam("id") String id) {
        Lab lab = access.operable(id);
        access.requireOpenToTrainee(lab);
        if (lab.state() != LabState.READY) {
            throw new WebApplicationException("The lab is " + lab.state() + ", not READY: it can be verified once it is ready.", 409);
        }
        TemplateSnapshot template = templates.of(lab);
        if (access.isTrainee(lab)) {
            String refused = sessionRules.verificationRefused(lab.id(),
                    runs.countBy(lab.id(), CheckRun.Kind.VERIFICATION, lab.trainee()));
            if (refused != null) throw new WebApplicationException(refused, 409);
        }
        VerificationLimiter.Refusal refusal = limiter.start(lab.id());
        if (refusal != null) {
            throw new WebApplicationException(refusal.message(),
                    Response.status(429).header("Retry-After", refusal.retryAfterSeconds()).build());
        }
        try {
            CheckRun run = labChecks.verify(lab, template.spec(), access.me());
            return Verification.of(run, template.spec(), lab.placeholderValues());
        } finally {
            limiter.ended(lab.id());
        }
    }

    @GET
    @Path("latest")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The lab's last verification, as it was answered (404 when the lab was never verified)")
    public Verification latest(@PathParam("id") String id) {
        Lab lab = access.visible(id);
        CheckRun run = runs.latest(lab.id(), CheckRun.Kind.VERIFICATION)
                .orElseThrow(() -> new NotFoundException("Lab " + id + " has not been verified yet."));
        return Verification.of(run, templates.of(lab).spec(), lab.placeholderValues());
    }

}
