package io.atelier.console;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
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
import org.jboss.logging.Logger;

import io.atelier.lab.Lab;
import io.atelier.lab.LabAccess;
import io.atelier.lab.LabStore;
import io.atelier.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * Consoles of a lab's machines. The lab's trainee gets a ticket to act; its trainer (and an
 * admin) gets a read-only one unless they ask to take control, which is recorded in the
 * lab's events; a validator only watches. The ticket opens the WebSocket named by
 * {@code url} once, within {@code atelier.consoles.ticket-ttl}.
 */
@Path("/labs/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consoles")
@Blocking
public class ConsoleResource {

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);

    @Inject
    LabAccess access;

    @Inject
    ConsoleTickets tickets;

    @Inject
    ConsoleTargets targets;

    @Inject
    LabStore store;

    @Inject
    RecordingStore recordings;

    /** {@code control}: a trainer takes control (they watch otherwise). */
    public record OpenConsole(String node, String kind, Boolean control) {
    }

    /** {@code url}: the WebSocket to open, relative to the platform; it carries the ticket. */
    public record Opened(String ticket, String url, boolean readOnly, Instant expiresAt) {
    }

    @POST
    @Path("/consoles")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "A single-use, short-lived ticket to open a console (vnc, serial or ssh) of a node of the lab; answers the WebSocket URL to open")
    public Response open(@PathParam("id") String id, OpenConsole request) {
        if (request == null || request.node() == null || request.kind() == null) {
            throw new BadRequestException("The body must be JSON {\"node\": \"…\", \"kind\": \"vnc\"|\"serial\"|\"ssh\"}.");
        }
        ConsoleKind kind = ConsoleKind.of(request.kind()).orElseThrow(() -> new BadRequestException(
                "Unknown console kind '" + request.kind() + "'; expected vnc, serial or ssh."));
        Lab lab = access.visible(id);
        boolean trainee = access.isTrainee(lab);
        access.requireOpenToTrainee(lab);
        boolean mayControl = trainee || lab.createdBy().equals(access.me()) || access.isAdmin();
        boolean control = Boolean.TRUE.equals(request.control());
        if (control && !mayControl) {
            throw new ForbiddenException("Only the lab's trainee, the trainer who launched it or an admin can act on its consoles.");
        }
        try {
            targets.resolve(lab, request.node(), kind, access.me());
        } catch (ConsoleUnavailableException e) {
            throw new WebApplicationException(e.getMessage(), e.status);
        }
        boolean readOnly = !trainee && !control;
        if (!trainee && control) {
            store.note(lab.id(), lab.state(), "console control taken: " + kind.id() + " of " + request.node(), access.me());
            LOG.infof("%s takes control of the %s console of %s in lab %s (trainee %s)", access.me(), kind.id(),
                    request.node(), lab.id(), lab.trainee());
        }
        ConsoleTicket ticket = tickets.issue(lab.id(), request.node(), kind, access.me(), readOnly);
        String path = kind == ConsoleKind.VNC ? "/api/consoles/display" : "/api/consoles/terminal";
        return Response.status(201)
                .entity(new Opened(ticket.value(), path + "?ticket=" + ticket.value(), readOnly, ticket.expiresAt()))
                .build();
    }

    @GET
    @Path("/recordings")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The lab's recorded terminal sessions (evidence), oldest first")
    public List<Recording> recordings(@PathParam("id") String id) {
        return recordings.ofLab(access.visible(id).id());
    }

    @GET
    @Path("/recordings/{recording}")
    @Produces("application/x-asciicast")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "One recorded terminal session as an asciicast v2 file (play it with asciinema)")
    public Response recording(@PathParam("id") String id, @PathParam("recording") String recordingId) {
        Lab lab = access.visible(id);
        Recording recording = parse(recordingId).flatMap(r -> recordings.find(lab.id(), r))
                .orElseThrow(() -> new NotFoundException("No recording " + recordingId + " in this lab."));
        java.nio.file.Path file = java.nio.file.Path.of(recording.path());
        if (!Files.isReadable(file)) {
            throw new WebApplicationException("The file of recording " + recordingId + " cannot be read.", 500);
        }
        // a Path entity is sent from the file as it is read (Vert.x sendFile), never held in memory whole
        return Response.ok(file, "application/x-asciicast")
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"").build();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
