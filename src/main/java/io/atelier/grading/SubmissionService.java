package io.atelier.grading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.atelier.check.CheckRun;
import io.atelier.check.CheckRunStore;
import io.atelier.check.LabChecks;
import io.atelier.check.Verification;
import io.atelier.lab.Lab;
import io.atelier.lab.LabService;
import io.atelier.lab.LabSessionRules;
import io.atelier.api.RequestRefused;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTemplates;
import io.atelier.lab.TaskGivenStore;
import io.atelier.referential.Referential;
import io.atelier.referential.ReferentialCatalog;
import io.atelier.template.TemplateSnapshot;
import io.quarkus.scheduler.Scheduled;

/**
 * Submission and grading. Submitting moves a READY lab to SUBMITTED (written first), runs
 * every check once more as the FINAL run, stores it sealed by its hash, and moves the lab to
 * GRADED. A lab left SUBMITTED by a crash is graded again by the sweep; a lab whose
 * deadline passed is submitted by it. Overrides change a criterion's outcome, never the
 * results: they are added to the audit log with the value they replace.
 */
@ApplicationScoped
public class SubmissionService {

    private static final Logger LOG = Logger.getLogger(SubmissionService.class);

    /** The actor of submissions the platform makes when a deadline passes. */
    public static final String DEADLINE = "échéance";

    @Inject
    LabStore labs;

    @Inject
    LabTemplates templates;

    @Inject
    ReferentialCatalog referentials;

    @Inject
    LabChecks labChecks;

    @Inject
    CheckRunStore runs;

    @Inject
    OverrideStore overrides;

    @Inject
    DeadlineStore deadlines;

    @Inject
    LabService labService;

    @Inject
    LabSessionRules sessionRules;

    @Inject
    TaskGivenStore givenTasks;

    @ConfigProperty(name = "atelier.grading.parallel-submissions", defaultValue = "4")
    int parallelSubmissions;

    private final Set<UUID> grading = ConcurrentHashMap.newKeySet();

    /** Submits and grades {@code lab} now; 409 unless it is READY. */
    public Submission submit(Lab lab, String actor) {
        TemplateSnapshot template = template(lab);
        return guarded(lab, () -> {
            if (!labService.submitted(lab.id(), actor)) {
                throw RequestRefused.conflict("The lab is " + current(lab.id()) + ": only a READY lab can be submitted.");
            }
            return submission(lab, finalRun(lab, template, actor));
        });
    }

    /**
     * Runs the final checks of a SUBMITTED lab (unless it has its final run already) and
     * moves it to GRADED, which powers its VMs off. The final run is stored before the move,
     * so a crash in between only leaves the move to do. It waits for a verification going on.
     */
    private CheckRun finalRun(Lab lab, TemplateSnapshot template, String actor) {
        CheckRun run = runs.finalRun(lab.id()).orElseGet(() -> labChecks.runFinal(lab, template.spec(), actor));
        Grade grade = Grading.grade(referential(template), template.spec().grading(), run, List.of(),
                givenTasks.taskIds(lab.id()));
        labService.graded(lab.id(), "graded: " + grade.acquiredCriteria() + "/" + grade.totalCriteria() + " criteria acquired");
        return run;
    }

    /**
     * One submission or grading of a lab at a time: {@link #sweep} leaves alone a SUBMITTED lab
     * whose grading runs here (tests that build a graded lab by hand do it under this too).
     */
    <T> T guarded(Lab lab, Supplier<T> work) {
        if (!grading.add(lab.id())) throw RequestRefused.conflict("The lab is being submitted and graded.");
        try {
            return work.get();
        } finally {
            grading.remove(lab.id());
        }
    }

    /** The submission of a graded lab, or null if it has no final run. */
    public Submission submission(Lab lab) {
        return runs.finalRun(lab.id()).map(run -> submission(lab, run)).orElse(null);
    }

    private Submission submission(Lab lab, CheckRun run) {
        TemplateSnapshot template = template(lab);
        Grade grade = Grading.grade(referential(template), template.spec().grading(), run, overrides.of(lab.id()),
                givenTasks.taskIds(lab.id()));
        Verification tasks = Verification.of(run, template.spec(), lab.placeholderValues());
        return new Submission(lab.id(), run.startedAt(), run.actor(), run.hash(), run.intact(), grade.acquiredCriteria(),
                grade.totalCriteria(), grade.points(), grade.maxPoints(), tasks.tasks());
    }

    /** The evaluation grid of a graded lab, or null if it has no final run. */
    public Report report(Lab lab) {
        CheckRun run = runs.finalRun(lab.id()).orElse(null);
        if (run == null) return null;
        TemplateSnapshot template = template(lab);
        Referential referential = referential(template);
        List<GradeOverride> audit = overrides.of(lab.id());
        List<TaskGivenStore.Given> given = givenTasks.of(lab.id());
        Grade grade = Grading.grade(referential, template.spec().grading(), run, audit,
                given.stream().map(TaskGivenStore.Given::taskId).collect(java.util.stream.Collectors.toSet()));
        return new Report(lab.id(), lab.trainee(), lab.templateId(), template.spec().title(), run.templateVersion(),
                new Report.Ref(referential.id(), referential.title()), run.startedAt(), run.actor(), run.hash(),
                run.intact(), grade, audit,
                given.stream().map(g -> new Report.GivenTask(g.taskId(), g.givenBy(), g.givenAt())).toList());
    }

    /** Sets a criterion's outcome with a reason; the audit log keeps the computed and the replaced values. */
    public Report override(Lab lab, String criterionId, boolean acquired, String reason, String actor) {
        Report report = report(lab);
        if (report == null) throw new RequestRefused(409, "The lab has no final results yet: submit it first.");
        Grade.CriterionGrade criterion = report.grade().criteria().stream().filter(c -> c.id().equals(criterionId))
                .findFirst().orElseThrow(() -> new RequestRefused(404, "The grid of this lab has no criterion '"
                        + criterionId + "'; expected one of: "
                        + report.grade().criteria().stream().map(Grade.CriterionGrade::id).toList()));
        overrides.add(lab.id(), new GradeOverride(criterionId, criterion.computed(), criterion.acquired(), acquired,
                reason.strip(), actor, Instant.now()));
        labs.note(lab.id(), current(lab.id()), "criterion " + criterionId + " set to "
                + (acquired ? "acquired" : "not acquired") + ": " + reason.strip(), actor);
        return report(lab);
    }

    /**
     * Submits labs whose deadline passed (not while their session holds the time: planned or
     * paused), and grades labs a crash left SUBMITTED; at most
     * {@code atelier.grading.parallel-submissions} at once, so the twentieth trainee of a
     * class is graded with the first ones, not minutes later.
     */
    @Scheduled(every = "${atelier.grading.sweep-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<Runnable> work = new ArrayList<>();
        for (UUID id : deadlines.due(Instant.now())) {
            if (sessionRules.submissionHeld(id)) continue;
            labs.find(id).ifPresent(lab -> work.add(() -> {
                try {
                    submit(lab, DEADLINE);
                    LOG.infof("lab %s submitted at its deadline", id);
                } catch (RuntimeException e) {
                    LOG.warnf("lab %s could not be submitted at its deadline: %s", id, e.getMessage());
                }
            }));
        }
        for (Lab lab : labs.live()) {
            if (lab.state() != LabState.SUBMITTED || grading.contains(lab.id())) continue;
            work.add(() -> {
                try {
                    guarded(lab, () -> finalRun(lab, template(lab), "platform"));
                    LOG.infof("lab %s, left SUBMITTED, is graded", lab.id());
                } catch (RuntimeException e) {
                    LOG.warnf("lab %s could not be graded yet: %s", lab.id(), e.getMessage());
                }
            });
        }
        runBounded(work, parallelSubmissions);
    }

    /** Runs every piece of work, at most {@code bound} at once, and returns when all are done. */
    static void runBounded(List<Runnable> work, int bound) {
        if (work.isEmpty()) return;
        Semaphore slots = new Semaphore(Math.max(1, bound));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Runnable w : work) {
                threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        w.run();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    /** The template revision the lab was built from (a reload of the catalog changes no grade). */
    private TemplateSnapshot template(Lab lab) {
        return templates.of(lab);
    }

    private Referential referential(TemplateSnapshot template) {
        return referentials.find(template.spec().referential()).orElseThrow(() -> new RequestRefused(409,
                "Referential " + template.spec().referential() + " is no longer in the catalog."));
    }

    private LabState current(UUID id) {
        return labs.find(id).map(Lab::state).orElse(LabState.DESTROYED);
    }
}
