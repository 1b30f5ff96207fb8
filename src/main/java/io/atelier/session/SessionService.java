package io.atelier.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.api.RequestRefused;
import io.atelier.check.CheckRun;
import io.atelier.check.CheckRunStore;
import io.atelier.check.Verification;
import io.atelier.document.Text;
import io.atelier.grading.DeadlineStore;
import io.atelier.lab.Lab;
import io.atelier.lab.LabService;
import io.atelier.lab.LabSessionRules;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTemplates;
import io.atelier.template.LabTemplate;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sessions: a trainer runs a template for a class. Creating one provisions every trainee's
 * lab at once, so labs are READY when the session opens. Start, pause, resume, extend and
 * accommodations change the trainees' time ({@link SessionClock}); each change is audited
 * and written to the labs' deadlines, which submit each lab by itself when its time is up
 * (paused: no deadline). Ending submits every lab still open. Before the start, during a
 * pause and after the end, a trainee's lab is closed to them.
 */
@ApplicationScoped
public class SessionService implements LabSessionRules {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    static final String PLATFORM = "plateforme";

    /** How long a session's lab is kept after its deadline (for reading results, then it expires). */
    static final Duration KEEP_AFTER = Duration.ofHours(2);

    @Inject
    SessionStore store;

    @Inject
    LabService labService;

    @Inject
    LabStore labs;

    @Inject
    TemplateCatalog templates;

    @Inject
    LabTemplates labTemplates;

    @Inject
    DeadlineStore deadlines;

    @Inject
    CheckRunStore runs;

    public record NewSession(String templateId, String title, List<String> trainees, int durationMinutes, String mode,
            Instant startAt, Integer verificationLimit) {
    }

    /**
     * Creates the session and one lab per trainee in one transaction (all or nothing), then
     * their provisioning starts: labs are READY when the session opens.
     */
    public Session create(NewSession request, String actor) {
        LabTemplate template = templates.find(request.templateId())
                .orElseThrow(() -> RequestRefused.notFound("No lab template '" + request.templateId() + "'."));
        List<String> trainees = List.copyOf(new LinkedHashSet<>(request.trainees()));
        Integer limit = request.verificationLimit() != null ? request.verificationLimit()
                : Session.EXAM.equals(request.mode()) ? Integer.valueOf(0) : null;
        String title = request.title() == null || request.title().isBlank() ? template.spec().title().fr() : request.title().strip();
        Instant opens = request.startAt() != null ? request.startAt() : Instant.now();
        Duration longest = SessionClock.allowed(request.durationMinutes(), 0, new SessionClock.Allowance(true, 0, 0));
        UUID id = UUID.randomUUID();
        List<Session> made = new ArrayList<>(1);
        labService.createForSession(template.id(), trainees, actor, opens.plus(longest).plus(KEEP_AFTER), (c, labs) -> {
            List<Session.Member> members = new ArrayList<>();
            for (int i = 0; i < labs.size(); i++) members.add(new Session.Member(trainees.get(i), labs.get(i).id(), false, 0, 0));
            Session session = new Session(id, title, template.id(), actor, request.mode(), request.durationMinutes(), 0, limit,
                    Session.State.PLANNED, request.startAt(), null, null, 0, null, Instant.now(), members);
            store.insert(c, session, actor);
            made.add(session);
        });
        LOG.infof("Session %s (%s) created by %s for %d trainee(s)", id, template.id(), actor, trainees.size());
        return made.get(0);
    }

    public Session start(Session s, String actor) {
        return change(s, EnumSet.of(Session.State.PLANNED), "state = 'RUNNING', started_at = ?", List.of(Instant.now()),
                actor, null, "session démarrée", "start");
    }

    /** Time stops for everyone: deadlines are lifted, the trainees' consoles close and their VMs freeze until the resume. */
    public Session pause(Session s, String actor) {
        Session paused = change(s, EnumSet.of(Session.State.RUNNING), "state = 'PAUSED', paused_since = ?", List.of(Instant.now()),
                actor, null, "session en pause : le temps ne compte plus", "pause");
        for (Session.Member m : paused.members()) {
            labService.closeToTrainee(m.labId(), "The session is paused: time does not count and the lab waits for it to resume.");
            labService.pauseVms(m.labId());
        }
        return paused;
    }

    public Session resume(Session s, String actor) {
        Session current = require(s.id());
        long paused = current.pausedSince() == null ? 0 : Duration.between(current.pausedSince(), Instant.now()).toSeconds();
        Session resumed = change(s, EnumSet.of(Session.State.PAUSED),
                "state = 'RUNNING', paused_seconds = paused_seconds + ?, paused_since = null", List.of(paused), actor, null,
                "session reprise après " + paused + " s de pause", "resume");
        for (Session.Member m : resumed.members()) labService.resumeVms(m.labId());
        return resumed;
    }

    /**
     * Ends the session: time stops, every lab still open gets its deadline now (in the same
     * transaction) and is submitted by the deadline sweep at once; the trainees' consoles close.
     */
    public Session end(Session s, String actor) {
        Session current = require(s.id());
        long paused = current.pausedSince() == null ? 0 : Duration.between(current.pausedSince(), Instant.now()).toSeconds();
        Instant now = Instant.now();
        Session ended = change(s, EnumSet.of(Session.State.PLANNED, Session.State.RUNNING, Session.State.PAUSED),
                "state = 'ENDED', ended_at = ?, paused_seconds = paused_seconds + ?, paused_since = null", List.of(now, paused),
                actor, null, "session terminée : les ateliers encore ouverts sont rendus", "end");
        for (Session.Member m : ended.members()) {
            labService.closeToTrainee(m.labId(), "The session has ended.");
            labService.resumeVms(m.labId());
        }
        return ended;
    }

    /** Gives everyone {@code minutes} more. */
    public Session extend(Session s, int minutes, String actor) {
        return change(s, EnumSet.of(Session.State.PLANNED, Session.State.RUNNING, Session.State.PAUSED),
                "extension_minutes = extension_minutes + ?", List.of(minutes), actor, null,
                "prolongation pour tous : " + minutes + " min", "extend");
    }

    /** Changes one trainee's accommodations; each given field replaces (tiers temps, extra) or adds (given back). */
    public Session accommodate(Session s, String trainee, Boolean tiersTemps, Integer extraMinutes, Integer givenBackMinutes,
            String reason, String actor) {
        Session current = require(s.id());
        if (current.state() == Session.State.ENDED) throw RequestRefused.conflict("The session has ended.");
        Session.Member m = current.member(trainee).orElseThrow(() -> RequestRefused.notFound(
                "No trainee '" + trainee + "' in this session; its trainees are: "
                        + String.join(", ", current.members().stream().map(Session.Member::trainee).toList()) + "."));
        List<String> what = new ArrayList<>();
        boolean tt = m.tiersTemps();
        int extra = m.extraMinutes();
        int back = m.givenBackMinutes();
        if (tiersTemps != null && tiersTemps != tt) {
            tt = tiersTemps;
            what.add(tt ? "tiers temps accordé" : "tiers temps retiré");
        }
        if (extraMinutes != null && extraMinutes != extra) {
            what.add("temps supplémentaire : " + extraMinutes + " min (avant : " + extra + " min)");
            extra = extraMinutes;
        }
        if (givenBackMinutes != null) {
            back += givenBackMinutes;
            what.add(givenBackMinutes + " min rendues : " + reason.strip());
        }
        if (what.isEmpty()) return current;
        store.accommodate(current.id(), new Session.Member(trainee, m.labId(), tt, extra, back), actor, String.join(" ; ", what),
                (c, updated) -> writeDeadlines(c, updated, actor));
        return require(current.id());
    }

    /** A change of the session's row and audit, and of its labs' deadlines, in one transaction. */
    private Session change(Session s, Set<Session.State> from, String set, List<Object> args, String actor, String trainee,
            String what, String action) {
        if (!store.change(s.id(), from, set, args, actor, trainee, what, (c, updated) -> writeDeadlines(c, updated, actor))) {
            Session current = require(s.id());
            throw RequestRefused.conflict("Cannot " + action + " the session while it is " + current.state() + ".");
        }
        return require(s.id());
    }

    /**
     * Writes each lab's deadline from the session's time, in {@code c}'s transaction: none
     * while planned or paused, the allowed time from the start while running, the end once
     * ended (a lab still open is then submitted at once).
     */
    void writeDeadlines(Connection c, Session s, String actor) throws SQLException {
        for (Session.Member m : s.members()) {
            Instant deadline = s.state() == Session.State.ENDED ? s.endedAt() : SessionClock.deadline(s.timing(), allowed(s, m));
            if (deadline == null) {
                deadlines.clear(c, m.labId());
            } else {
                deadlines.set(c, m.labId(), deadline, actor);
                labs.keepUntil(c, m.labId(), deadline.plus(KEEP_AFTER));
            }
        }
    }

    /**
     * At start-up, before the deadline sweep may submit anything: every session that has not
     * ended gets its labs' deadlines derived again from its own row (state, start, pauses,
     * accommodations, written with their audit lines), so a deadline left behind by a crash
     * never submits a paused lab; and its VMs are frozen or thawed to match the session.
     */
    void rederive(@Observes StartupEvent start) {
        for (Session s : store.list(null)) {
            if (s.state() == Session.State.ENDED) continue;
            try {
                store.rewrite(s.id(), (c, current) -> writeDeadlines(c, current, PLATFORM));
                for (Session.Member m : s.members()) {
                    if (s.state() == Session.State.PAUSED) {
                        labService.pauseVms(m.labId());
                    } else {
                        labService.resumeVms(m.labId());
                    }
                }
            } catch (RuntimeException e) {
                LOG.errorf("Session %s: its deadlines could not be derived again at start-up: %s", s.id(), e.getMessage());
            }
        }
    }

    static Duration allowed(Session s, Session.Member m) {
        return SessionClock.allowed(s.durationMinutes(), s.extensionMinutes(), m.allowance());
    }

    public Session require(UUID id) {
        return store.find(id).orElseThrow(() -> RequestRefused.notFound("No session " + id + "."));
    }

    /** Starts the sessions whose planned start time has come. */
    @Scheduled(every = "${atelier.sessions.sweep-every:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void startDue() {
        for (Session s : store.due(Instant.now())) {
            try {
                start(s, PLATFORM);
                LOG.infof("Session %s started at its planned time", s.id());
            } catch (RuntimeException e) {
                LOG.warnf("Session %s could not start: %s", s.id(), e.getMessage());
            }
        }
    }

    // --- views

    public SessionView view(Session s) {
        Instant now = Instant.now();
        // the revision the session's labs were built from (all the same), else the catalog's
        Optional<TemplateSpec> template = s.members().stream().map(m -> labs.find(m.labId())).flatMap(Optional::stream)
                .findFirst().flatMap(labTemplates::find).map(TemplateSnapshot::spec)
                .or(() -> templates.find(s.templateId()).map(LabTemplate::spec));
        Text title = template.map(TemplateSpec::title).orElse(new Text(s.templateId(), null));
        int totalTasks = template.map(t -> t.tasks().size()).orElse(0);
        List<SessionView.TraineeRow> rows = new ArrayList<>();
        for (Session.Member m : s.members()) {
            Optional<Lab> lab = labs.find(m.labId());
            Optional<TemplateSpec> revision = lab.flatMap(labTemplates::find).map(TemplateSnapshot::spec);
            Duration allowed = allowed(s, m);
            Duration left = SessionClock.remaining(s.timing(), allowed, now);
            Optional<CheckRun> last = runs.latest(m.labId(), CheckRun.Kind.VERIFICATION);
            Optional<CheckRun> submitted = runs.finalRun(m.labId());
            Integer passed = submitted.or(() -> last)
                    .flatMap(run -> revision.map(t -> Verification.of(run, t, lab.map(Lab::placeholderValues)
                            .orElse(Map.of())).passedTasks()))
                    .orElse(null);
            rows.add(new SessionView.TraineeRow(m.trainee(), m.labId(), lab.map(Lab::state).orElse(LabState.DESTROYED),
                    m.tiersTemps(), m.extraMinutes(), m.givenBackMinutes(), allowed.toSeconds() / 60.0,
                    SessionClock.deadline(s.timing(), allowed), left == null ? null : left.toSeconds(), passed, totalTasks,
                    last.map(CheckRun::startedAt).orElse(null), submitted.map(CheckRun::startedAt).orElse(null)));
        }
        return new SessionView(s.id(), s.title(), s.templateId(), title, s.createdBy(), s.mode(), s.durationMinutes(),
                s.extensionMinutes(), s.verificationLimit(), s.state(), s.startAt(), s.startedAt(), s.pausedSince(),
                s.endedAt(), s.createdAt(), rows);
    }

    public Optional<SessionView.ForTrainee> forLab(UUID lab) {
        return store.ofLab(lab).map(s -> {
            Session.Member m = s.members().stream().filter(x -> x.labId().equals(lab)).findFirst().orElseThrow();
            Duration allowed = allowed(s, m);
            Duration left = SessionClock.remaining(s.timing(), allowed, Instant.now());
            Integer leftVerifications = s.verificationLimit() == null ? null
                    : Math.max(0, s.verificationLimit() - runs.countBy(lab, CheckRun.Kind.VERIFICATION, m.trainee()));
            return new SessionView.ForTrainee(s.id(), s.title(), s.mode(), s.state(), SessionClock.deadline(s.timing(), allowed),
                    left == null ? null : left.toSeconds(), s.verificationLimit(), leftVerifications, s.exam());
        });
    }

    // --- what a session allows its labs (LabSessionRules)

    @Override
    public String closed(UUID lab) {
        return store.ofLab(lab).map(s -> switch (s.state()) {
            case PLANNED -> "The session has not started yet: the lab opens when the trainer starts it.";
            case PAUSED -> "The session is paused: time does not count and the lab waits for it to resume.";
            case ENDED -> "The session has ended.";
            case RUNNING -> null;
        }).orElse(null);
    }

    @Override
    public String verificationRefused(UUID lab, int done) {
        return store.ofLab(lab).map(s -> {
            if (s.verificationLimit() == null || done < s.verificationLimit()) return null;
            return s.verificationLimit() == 0 ? "Verification is off in this exam: your work is checked when you submit it."
                    : "This exam allows " + s.verificationLimit() + " verification(s); you have used them all.";
        }).orElse(null);
    }

    @Override
    public boolean inSession(UUID lab) {
        return store.ofLab(lab).isPresent();
    }

    @Override
    public boolean hintsHidden(UUID lab) {
        return store.ofLab(lab).map(Session::exam).orElse(false);
    }

    @Override
    public String practiceClosed(String trainee, String templateId) {
        return store.openExamOf(trainee, templateId).map(s -> "You take an exam on this lab (session « " + s.title()
                + " »): its practice labs are closed until the exam ends.").orElse(null);
    }

    @Override
    public boolean submissionHeld(UUID lab) {
        return store.ofLab(lab).map(s -> s.state() == Session.State.PLANNED || s.state() == Session.State.PAUSED)
                .orElse(false);
    }
}
