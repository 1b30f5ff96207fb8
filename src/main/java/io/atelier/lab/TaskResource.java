package io.atelier.lab;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.security.Roles;
import io.atelier.template.LabTemplate;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSpec;
import io.smallrye.common.annotation.Blocking;

/**
 * The trainee starts a task: the platform applies the faults the template attaches to it
 * (an accidental overwrite to recover from…) and remembers when. Idempotent.
 */
@Path("/labs/{id}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ateliers")
@Blocking
public class TaskResource {

    @Inject
    LabAccess access;

    @Inject
    TemplateCatalog templates;

    @Inject
    TaskStarts starts;

    @POST
    @Path("/{taskId}/start")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Start a task: the first call applies its faults and records the start; later calls apply nothing and answer the same startedAt")
    public TaskStarts.Started start(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        Lab lab = access.operable(id);
        LabTemplate template = templates.find(lab.templateId()).orElseThrow(() -> new WebApplicationException(
                "Template " + lab.templateId() + " is no longer in the catalog.", 409));
        List<String> tasks = template.spec().tasks().stream().map(TemplateSpec.Task::id).toList();
        if (!tasks.contains(taskId)) {
            throw new NotFoundException("No task '" + taskId + "' in lab " + id + "; its tasks are: "
                    + String.join(", ", tasks) + ".");
        }
        try {
            return LabAccess.call(() -> {
                try {
                    return starts.start(lab.id(), taskId, access.me());
                } catch (Provisioner.FaultException e) {
                    throw new FaultFailed(e);
                }
            });
        } catch (FaultFailed e) {
            throw new WebApplicationException("Task " + taskId + " could not start, the platform failed to prepare it: "
                    + e.getCause().getMessage() + ". The task is not started; try again or tell the trainer.", 502);
        }
    }

    private static final class FaultFailed extends RuntimeException {
        FaultFailed(Provisioner.FaultException cause) {
            super(cause);
        }
    }
}
