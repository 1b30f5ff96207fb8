package io.atelier.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atelier.api.RequestRefused;
import io.atelier.lab.Lab;
import io.atelier.lab.LabService;
import io.atelier.lab.LabState;
import io.atelier.lab.TaskStarts;
import io.atelier.template.TemplateSpec;

/**
 * Runs every check of a lab's template on its live machines, with the lab's parameters
 * filled in, and keeps the run: the one place both "Vérifier" and the final run go through.
 * One run per lab at a time, whatever its kind: a verification does not start while
 * another run of the lab goes on (409), and the final run waits for a verification to end,
 * so "Vérifier" racing "Rendre" never runs the checks twice at once on the same machines.
 */
@ApplicationScoped
public class LabChecks {

    @Inject
    CheckService checks;

    @Inject
    CheckRunStore runs;

    @Inject
    LabService labs;

    @Inject
    TaskStarts taskStarts;

    private final Map<UUID, ReentrantLock> running = new ConcurrentHashMap<>();

    /** A verification, now: 409 when a run of the lab is going on or the lab is no longer READY. */
    public CheckRun verify(Lab lab, TemplateSpec spec, String actor) {
        ReentrantLock lock = lockOf(lab.id());
        if (!lock.tryLock()) {
            throw RequestRefused.conflict("The checks of this lab are running (a verification or the final run): "
                    + "wait for them to end.");
        }
        try {
            LabState now = labs.require(lab.id()).state();
            if (now != LabState.READY) {
                throw RequestRefused.conflict("The lab is " + now + ", not READY: it can no longer be verified.");
            }
            return runLocked(lab, spec, CheckRun.Kind.VERIFICATION, actor);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The final run of a submitted lab: waits for a verification going on, then runs. When the
     * template has checks {@code after: reboot}, every check runs and that run is stored
     * ({@link CheckRun.Kind#BEFORE_REBOOT}, or taken as stored when a crash interrupted an
     * earlier attempt), the platform reboots the lab, those checks run again, and the final run
     * combines both ({@link AfterReboot}). Nothing FINAL is stored before it is complete.
     */
    public CheckRun runFinal(Lab lab, TemplateSpec spec, String actor) {
        ReentrantLock lock = lockOf(lab.id());
        lock.lock();
        try {
            if (!spec.rebootsForGrading()) return runLocked(lab, spec, CheckRun.Kind.FINAL, actor);
            CheckRun before = runs.latest(lab.id(), CheckRun.Kind.BEFORE_REBOOT)
                    .orElseGet(() -> runLocked(lab, spec, CheckRun.Kind.BEFORE_REBOOT, actor));
            Optional<String> notBack = labs.rebootForGrading(lab.id());
            Map<String, CheckRun.Result> after = new HashMap<>();
            if (notBack.isEmpty()) {
                for (CheckRun.Result r : results(lab, spec, TemplateSpec.Check::afterReboot)) after.put(r.checkId(), r);
            }
            Set<String> rebooted = new HashSet<>();
            spec.tasks().forEach(t -> t.checks().stream().filter(TemplateSpec.Check::afterReboot)
                    .forEach(c -> rebooted.add(c.id())));
            List<CheckRun.Result> combined = AfterReboot.combine(before.results(), rebooted, after, notBack.orElse(null),
                    Instant.now());
            return runs.save(new CheckRun(UUID.randomUUID(), lab.id(), CheckRun.Kind.FINAL, actor, spec.version(),
                    before.startedAt(), Instant.now(), combined, null, true));
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(UUID lab) {
        return running.computeIfAbsent(lab, k -> new ReentrantLock());
    }

    /** Runs and stores all checks of {@code spec} on {@code lab}. */
    private CheckRun runLocked(Lab lab, TemplateSpec spec, CheckRun.Kind kind, String actor) {
        Instant started = Instant.now();
        List<CheckRun.Result> results = results(lab, spec, c -> true);
        return runs.save(new CheckRun(UUID.randomUUID(), lab.id(), kind, actor, spec.version(), started, Instant.now(),
                results, null, true));
    }

    /** Runs the checks of {@code spec} that {@code which} selects, their placeholders filled, in the template's order. */
    private List<CheckRun.Result> results(Lab lab, TemplateSpec spec, Predicate<TemplateSpec.Check> which) {
        List<CheckPlaceholders.Filled> all = CheckPlaceholders.fillAll(spec, which, lab.placeholderValues(),
                taskStarts.startedAt(lab.id()));
        List<CheckResult> outcomes = checks.run(lab, all.stream().map(CheckPlaceholders.Filled::check).toList());
        List<CheckRun.Result> results = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TemplateSpec.Check check = all.get(i).check();
            CheckResult r = outcomes.get(i);
            results.add(new CheckRun.Result(check.id(), all.get(i).task(), check.criteria(), check.pointsOrDefault(),
                    check.description(), check.feedback(), r.verdict(), r.transport(), r.command(), r.exit(), r.output(),
                    r.reason(), r.at(), r.took() == null ? 0 : r.took().toMillis()));
        }
        return results;
    }
}
