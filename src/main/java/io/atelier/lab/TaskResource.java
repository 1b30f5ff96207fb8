package io.atelier.lab;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.document.Text;
import io.atelier.security.Roles;
import io.atelier.template.InstructionsRenderer;
import io.atelier.template.Placeholders;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;
import io.smallrye.common.annotation.Blocking;

/**
 * The trainee starts a task: the platform applies the faults the template attaches to it
 * (an accidental overwrite to recover from…) and remembers when. Idempotent. The lab's
 * trainer may catch the lab up to a task ({@link CatchUp}).
 */
@Path("/labs/{id}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ateliers")
@Blocking
public class TaskResource {

    @Inject
    LabAccess access;

    @Inject
    LabTemplates templates;

    @Inject
    TaskStarts starts;

    @Inject
    CatchUp catchUp;

    @POST
    @Path("/{taskId}/start")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Start a task: the first call applies its faults and records the start; later calls apply nothing and answer the same startedAt")
    public TaskStarts.Started start(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        Lab lab = access.operable(id);
        task(lab, templates.of(lab), taskId);
        access.requireOpenToTrainee(lab);
        try {
            return starts.start(lab.id(), taskId, access.me());
        } catch (Provisioner.FaultException e) {
            throw new WebApplicationException("Task " + taskId + " could not start, the platform failed to prepare it: "
                    + e.getMessage() + ". The task is not started; try again or tell the trainer.", 502);
        }
    }

    @POST
    @Path("/{taskId}/catch-up")
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Catch the lab up to the start of a task (its trainer or an admin): the solutions of the earlier tasks run on its machines, each once; the grid marks what only they evidence as given by the trainer, not acquired")
    public CatchUp.CaughtUp catchUp(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        Lab lab = access.operable(id);
        if (access.isTrainee(lab)) {
            throw new ForbiddenException("Only the lab's trainer or an admin can catch it up, not its trainee.");
        }
        task(lab, templates.of(lab), taskId);
        return catchUp.catchUp(lab.id(), taskId, access.me());
    }

    /** A task as the trainee reads it: title, instructions as HTML and hints, parameters filled in. */
    public record TaskInstructions(String task, Text title, Text html, List<Text> hints) {
    }

    @GET
    @Path("/{taskId}/instructions")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "A task's instructions (Markdown rendered to HTML, French and English when written) and hints, with the lab's parameters filled in")
    public TaskInstructions instructions(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        Lab lab = access.visible(id);
        TemplateSnapshot template = templates.of(lab);
        TemplateSpec.Task task = task(lab, template, taskId);
        Map<String, String> values = lab.placeholderValues();
        return new TaskInstructions(task.id(), Placeholders.fill(task.title(), values),
                new Text(render(template, task.instructions().fr(), values), render(template, task.instructions().en(), values)),
                access.hintsHiddenFromMe(lab) ? List.of() : task.hints().stream().map(h -> Placeholders.fill(h, values)).toList());
    }

    /** The instructions as the lab's template revision had them. */
    private static String render(TemplateSnapshot template, String file, Map<String, String> values) {
        if (file == null) return null;
        return InstructionsRenderer.html(Placeholders.fill(template.file(file), values));
    }

    private static TemplateSpec.Task task(Lab lab, TemplateSnapshot template, String taskId) {
        return template.spec().tasks().stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No task '" + taskId + "' in lab " + lab.id() + "; its tasks are: "
                        + String.join(", ", template.spec().tasks().stream().map(TemplateSpec.Task::id).toList()) + "."));
    }
}
