package io.atelier.session;

import java.time.Duration;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.grading.Report;
import io.atelier.grading.ReportCsv;
import io.atelier.grading.SubmissionService;
import io.atelier.lab.LabStore;
import io.atelier.security.Roles;
import io.atelier.security.UserNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Sessions for a class. A trainer sees and runs the sessions they created; validators read
 * every session, admins run them all. {@code /events} streams the grid as server-sent
 * events: the session at once, then every time something a trainer watches changes (a
 * lab's state, a verification, a submission, time given), checked every half second.
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@Blocking
public class SessionResource {

    static final Duration STREAM_CHECK = Duration.ofMillis(500);
    static final Duration STREAM_HEARTBEAT = Duration.ofSeconds(15);

    @Inject
    SessionService sessions;

    @Inject
    SessionStore store;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    @Inject
    LabStore labs;

    @Inject
    SubmissionService submissions;

    public record CreateSession(String templateId, String title, List<String> trainees, Integer durationMinutes, String mode,
            Instant startAt, Integer verificationLimit) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Create a session for trainees from a template; their labs are provisioned at once (before the start)")
    public Response create(CreateSession r) {
        if (r == null || r.templateId() == null || r.templateId().isBlank()) {
            throw new BadRequestException("The body must be JSON {\"templateId\", \"trainees\": [...], \"durationMinutes\", "
                    + "\"mode\": \"entrainement\"|\"examen\", \"startAt\"?}; templateId is missing.");
        }
        if (r.trainees() == null || r.trainees().isEmpty()) throw new BadRequestException("'trainees' must list at least one user name.");
        for (String t : r.trainees()) {
            UserNames.require("trainees", t);
        }
        if (r.durationMinutes() == null || r.durationMinutes() < 1 || r.durationMinutes() > 24 * 60) {
            throw new BadRequestException("'durationMinutes' must be between 1 and 1440, not " + r.durationMinutes() + ".");
        }
        if (!Session.PRACTICE.equals(r.mode()) && !Session.EXAM.equals(r.mode())) {
            throw new BadRequestException("'mode' must be \"entrainement\" or \"examen\", not " + r.mode() + ".");
        }
        if (r.startAt() != null && r.startAt().isBefore(Instant.now().minusSeconds(60))) {
            throw new BadRequestException("'startAt' " + r.startAt() + " has passed; leave it out to start by hand.");
        }
        if (r.verificationLimit() != null && (r.verificationLimit() < 0 || r.verificationLimit() > 1000)) {
            throw new BadRequestException("'verificationLimit' must be between 0 (off) and 1000, or absent (unlimited).");
        }
        Session s = sessions.create(new SessionService.NewSession(r.templateId(), r.title(), r.trainees(),
                r.durationMinutes(), r.mode(), r.startAt(), r.verificationLimit()), me());
        return Response.status(201).entity(sessions.view(s)).build();
    }

    @GET
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "Sessions, newest first: a trainer's own; every session for validators and admins")
    public List<SessionView> list() {
        return store.list(seesAll() ? null : me()).stream().map(sessions::view).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "A session: state and, per trainee, lab state, time left, deadline, tasks passed")
    public SessionView get(@PathParam("id") String id) {
        return sessions.view(visible(id));
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "Every change of the session's state and time: who, when, for whom")
    public List<SessionStore.AuditEntry> audit(@PathParam("id") String id) {
        return store.audit(visible(id).id());
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The session's grid as server-sent events (event 'session'): at once, then on every change")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        UUID session = visible(id).id();
        SessionStream stream = new SessionStream(() -> sessions.view(sessions.require(session)), STREAM_HEARTBEAT);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(0L),
                Multi.createFrom().ticks().every(STREAM_CHECK).onOverflow().drop())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> stream.next())
                .filter(Optional::isPresent)
                .map(view -> sse.newEventBuilder().name("session").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(write(view.get())).build());
    }

    @GET
    @Path("{id}/report")
    @Produces(ReportCsv.MEDIA_TYPE)
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The session's results as a spreadsheet: one row per trainee × criterion, for every graded lab")
    public Response report(@PathParam("id") String id) {
        Session s = visible(id);
        List<Report> reports = s.members().stream()
                .map(m -> labs.find(m.labId()).map(submissions::report).orElse(null))
                .filter(r -> r != null).toList();
        if (reports.isEmpty()) throw new NotFoundException("No lab of session " + id + " is graded yet.");
        return Response.ok(ReportCsv.write(reports), ReportCsv.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"resultats-" + s.id().toString().substring(0, 8) + ".csv\"")
                .build();
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Start the session now: time starts counting for every trainee")
    public SessionView start(@PathParam("id") String id) {
        return sessions.view(sessions.start(operable(id), me()));
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Pause the session: time stops counting for everyone, labs are closed to trainees")
    public SessionView pause(@PathParam("id") String id) {
        return sessions.view(sessions.pause(operable(id), me()));
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Resume a paused session")
    public SessionView resume(@PathParam("id") String id) {
        return sessions.view(sessions.resume(operable(id), me()));
    }

    @POST
    @Path("{id}/end")
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "End the session: every lab still open is submitted and graded")
    public SessionView end(@PathParam("id") String id) {
        return sessions.view(sessions.end(operable(id), me()));
    }

    public record Extend(Integer minutes) {
    }

    @POST
    @Path("{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "Give every trainee more minutes")
    public SessionView extend(@PathParam("id") String id, Extend r) {
        Session s = operable(id);
        if (r == null || r.minutes() == null || r.minutes() < 1 || r.minutes() > 600) {
            throw new BadRequestException("The body must be JSON {\"minutes\": n} with n between 1 and 600.");
        }
        return sessions.view(sessions.extend(s, r.minutes(), me()));
    }

    /** Any of: tiers temps on or off, extra minutes (replaces), minutes given back after a platform fault (adds; reason required). */
    public record Accommodation(Boolean tiersTemps, Integer extraMinutes, Integer givenBackMinutes, String reason) {
    }

    @PUT
    @Path("{id}/trainees/{user}/accommodation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINER, Roles.ADMIN })
    @Operation(summary = "A trainee's accommodations: {\"tiersTemps\": true} (+1/3 of the duration), {\"extraMinutes\": n}, or {\"givenBackMinutes\": n, \"reason\": \"…\"}")
    public SessionView accommodate(@PathParam("id") String id, @PathParam("user") String user, Accommodation r) {
        Session s = operable(id);
        if (r == null || (r.tiersTemps() == null && r.extraMinutes() == null && r.givenBackMinutes() == null)) {
            throw new BadRequestException("The body must be JSON with tiersTemps (true|false), extraMinutes (0–600) "
                    + "or givenBackMinutes (1–600) with a reason.");
        }
        if (r.extraMinutes() != null && (r.extraMinutes() < 0 || r.extraMinutes() > 600)) {
            throw new BadRequestException("'extraMinutes' must be between 0 and 600, not " + r.extraMinutes() + ".");
        }
        if (r.givenBackMinutes() != null) {
            if (r.givenBackMinutes() < 1 || r.givenBackMinutes() > 600) {
                throw new BadRequestException("'givenBackMinutes' must be between 1 and 600, not " + r.givenBackMinutes() + ".");
            }
            if (r.reason() == null || r.reason().isBlank()) {
                throw new BadRequestException("Giving time back needs a reason (the platform fault that cost it); it is kept in the history.");
            }
        }
        return sessions.view(sessions.accommodate(s, user, r.tiersTemps(), r.extraMinutes(),
                r.givenBackMinutes(), r.reason(), me()));
    }

    // --- who may

    private Session visible(String id) {
        Session s;
        try {
            s = store.find(UUID.fromString(id)).orElse(null);
        } catch (IllegalArgumentException e) {
            s = null;
        }
        if (s == null || (!seesAll() && !s.createdBy().equals(me()))) throw new NotFoundException("No session " + id + ".");
        return s;
    }

    private Session operable(String id) {
        Session s = visible(id);
        if (!identity.hasRole(Roles.ADMIN) && !s.createdBy().equals(me())) {
            throw new ForbiddenException("Only the trainer who created the session or an admin can run it.");
        }
        return s;
    }

    private boolean seesAll() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.VALIDATOR);
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
