package io.atelier.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.document.Text;
import io.atelier.lab.Lab;
import io.atelier.lab.LabAccess;
import io.atelier.lab.LabState;
import io.atelier.security.Roles;
import io.atelier.template.LabTemplate;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSpec;
import io.smallrye.common.annotation.Blocking;

/**
 * The trainee's "Vérifier": every check of the lab's template runs on the live machines and
 * the answer says, per task, what passes and the feedback of what does not. How often is
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
    TemplateCatalog templates;

    @Inject
    CheckService checks;

    @Inject
    VerificationLimiter limiter;

    @POST
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Verify the lab now (formative): pass/fail per task with each check's feedback, never its command")
    public Verification verify(@PathParam("id") String id) {
        Lab lab = access.operable(id);
        if (lab.state() != LabState.READY) {
            throw new WebApplicationException("The lab is " + lab.state() + ", not READY: it can be verified once it is ready.", 409);
        }
        LabTemplate template = templates.find(lab.templateId()).orElseThrow(() -> new WebApplicationException(
                "Template " + lab.templateId() + " is no longer in the catalog.", 409));
        VerificationLimiter.Refusal refusal = limiter.start(lab.id());
        if (refusal != null) {
            throw new WebApplicationException(refusal.message(),
                    Response.status(429).header("Retry-After", refusal.retryAfterSeconds()).build());
        }
        try {
            return run(lab, template);
        } finally {
            limiter.ended(lab.id());
        }
    }

    private Verification run(Lab lab, LabTemplate template) {
        Map<String, String> values = new HashMap<>(lab.parameters());
        values.put("trainee", lab.trainee());
        values.put("lab_id", lab.id().toString());
        List<TemplateSpec.Check> all = new ArrayList<>();
        for (TemplateSpec.Task task : template.spec().tasks()) {
            for (TemplateSpec.Check check : task.checks()) all.add(CheckPlaceholders.fill(check, values));
        }
        Instant at = Instant.now();
        List<CheckResult> results = checks.run(lab, all);
        List<Verification.TaskResult> tasks = new ArrayList<>();
        int i = 0;
        int passed = 0;
        for (TemplateSpec.Task task : template.spec().tasks()) {
            List<Verification.CheckView> views = new ArrayList<>();
            boolean taskPassed = true;
            for (int n = 0; n < task.checks().size(); n++, i++) {
                TemplateSpec.Check check = all.get(i);
                CheckResult result = results.get(i);
                boolean ok = result.verdict() == CheckResult.Verdict.PASS;
                taskPassed &= ok;
                Text feedback = ok ? null : result.verdict() == CheckResult.Verdict.ERROR
                        ? new Text("La plateforme n'a pas pu faire cette vérification ; réessayez dans un moment.",
                                "The platform could not run this check; try again in a moment.")
                        : check.feedback();
                views.add(new Verification.CheckView(check.id(), check.description(), result.verdict(), feedback));
            }
            if (taskPassed) passed++;
            tasks.add(new Verification.TaskResult(task.id(), CheckPlaceholders.fill(task.title(), values), taskPassed, views));
        }
        return new Verification(at, passed, tasks.size(), tasks);
    }
}
