package io.atelier.lab;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.document.Text;
import io.atelier.security.Roles;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;
import io.smallrye.common.annotation.Blocking;

/**
 * Lab instances. A trainee sees and operates their own labs, and may start a practice lab
 * for themselves when the template allows it; a trainer launches labs for trainees and
 * manages the labs they launched; validators and admins see every lab. A lab someone may
 * not see answers 404, as if it did not exist.
 */
@Path("/labs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ateliers")
@Blocking
public class LabResource {

    @Inject
    LabService labs;

    @Inject
    Provisioner provisioner;

    @Inject
    LabTemplates templates;

    @Inject
    LabAccess access;

    @Inject
    TaskStartStore taskStarts;

    @Inject
    TaskGivenStore givenTasks;

    /** {@code trainee} defaults to the caller. */
    public record CreateLab(String templateId, String trainee) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Start a lab from a template for a trainee (a trainee: a practice lab for themselves); answers its id and state at once, provisioning goes on in the background")
    public Response create(CreateLab request) {
        if (request == null || request.templateId() == null || request.templateId().isBlank()) {
            throw new BadRequestException("The body must be JSON {\"templateId\": \"…\", \"trainee\": \"…\"}; templateId is missing.");
        }
        String me = access.me();
        String trainee = request.trainee() == null ? me : request.trainee();
        Lab lab;
        if (access.isStaff()) {
            lab = labs.create(request.templateId(), trainee, me);
        } else {
            if (!trainee.equals(me)) throw new ForbiddenException("A trainee can only start a lab for themselves.");
            lab = labs.createPractice(request.templateId(), me);
        }
        return Response.status(201).entity(view(lab, null)).build();
    }

    @GET
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The caller's labs: a trainee's own, the ones a trainer launched, every lab for validators and admins")
    public List<LabView> list() {
        List<Lab> visible = labs.visibleTo(access.me(), access.seesAll());
        Map<UUID, Map<String, TaskStartStore.TaskStart>> starts = taskStarts.of(visible.stream().map(Lab::id).toList());
        Map<UUID, List<TaskGivenStore.Given>> given = givenTasks.of(visible.stream().map(Lab::id).toList());
        return visible.stream().map(l -> view(l, null, starts.getOrDefault(l.id(), Map.of()),
                given.getOrDefault(l.id(), List.of()))).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "One lab: state (and reason when FAILED), nodes with their addresses, consoles and whether their VM runs")
    public LabView get(@PathParam("id") String id) {
        Lab lab = access.visible(id);
        Map<String, Boolean> running = lab.state().isFinal() ? null : provisioner.running(lab);
        return view(lab, running);
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Power the lab's VMs off, keeping their disks (READY → STOPPED; a GRADED lab being inspected: off again)")
    public Response stop(@PathParam("id") String id) {
        Lab lab = graded(access.manageable(id));
        return accepted(labs.stop(lab.id(), access.me()));
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Boot a stopped lab again (STOPPED → PROVISIONING → READY); a GRADED lab's VMs are started again for the staff to inspect it (it stays GRADED)")
    public Response start(@PathParam("id") String id) {
        Lab lab = graded(access.manageable(id));
        return accepted(labs.start(lab.id(), access.me()));
    }

    /** A graded lab's VMs are the staff's to start again and stop (to inspect the work), not its trainee's. */
    private Lab graded(Lab lab) {
        if (lab.state() == LabState.GRADED && access.isTrainee(lab)) {
            throw new ForbiddenException("This lab is graded: its trainer can start its machines again to inspect it.");
        }
        return lab;
    }

    @POST
    @Path("/{id}/reset")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Back to the initial disks: every VM is recreated from its image (→ PROVISIONING → READY)")
    public Response reset(@PathParam("id") String id) {
        Lab lab = access.manageable(id);
        return accepted(labs.reset(lab.id(), access.me()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Delete the lab: DESTROYED at once, then its VMs, disks and networks; 204 when they are gone, 202 while they are being deleted")
    public Response delete(@PathParam("id") String id) {
        Lab lab = access.manageable(id);
        if (!access.isStaff() && !lab.createdBy().equals(access.me())) {
            throw new ForbiddenException("Only the trainer who launched this lab can delete it.");
        }
        boolean done = labs.delete(lab.id(), access.me(), Duration.ofMinutes(2));
        return done ? Response.noContent().build() : accepted(labs.require(lab.id()));
    }

    private Response accepted(Lab lab) {
        return Response.accepted(view(lab, null)).build();
    }

    private LabView view(Lab lab, Map<String, Boolean> running) {
        return view(lab, running, taskStarts.of(List.of(lab.id())).getOrDefault(lab.id(), Map.of()), givenTasks.of(lab.id()));
    }

    private LabView view(Lab lab, Map<String, Boolean> running, Map<String, TaskStartStore.TaskStart> starts,
            List<TaskGivenStore.Given> given) {
        Optional<TemplateSpec> template = templates.find(lab).map(TemplateSnapshot::spec);
        Text title = template.map(TemplateSpec::title).orElse(null);
        List<TemplateSpec.Task> tasks = template.map(TemplateSpec::tasks).orElse(List.of());
        return LabView.of(lab, title, running, tasks, starts, given, access.seesPassword(lab),
                LabView.shownParameters(template, access.seesHiddenParameters(lab)));
    }
}
