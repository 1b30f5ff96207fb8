package io.atelier.prove;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.atelier.check.CheckPlaceholders;
import io.atelier.check.CheckResult;
import io.atelier.check.CheckResult.Verdict;
import io.atelier.check.CheckService;
import io.atelier.lab.Lab;
import io.atelier.lab.LabService;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTemplates;
import io.atelier.lab.TaskStarts;
import io.atelier.lab.TemplateSteps;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * Proves a template on one real lab ({@link ProofRules}): provisions it, takes it through
 * every stage (scripts run as root on its nodes, tasks started by the platform, a reboot by
 * the platform), runs every check after each stage, and reports each surprise. A
 * counterexample or an alternative is tried between a checkpoint of the lab's machines and
 * the return to it. The lab is deleted at the end, whatever happened.
 */
@ApplicationScoped
public class Prover {

    private static final Logger LOG = Logger.getLogger(Prover.class);

    /** The trainee of the labs the prover provisions. */
    public static final String TRAINEE = "prouveur";
    static final Duration READY_WITHIN = Duration.ofMinutes(15);
    /**
     * A script's bound, to stop one that hangs: a domain's provisioning by samba-tool took 470 s
     * under TCG with two other proofs side by side (2.5 min alone), once more than 600 s while
     * the examiners were VMs, more than 900 s with six proofs beside the other tests on a slower
     * host (CI on e53a935); an alternative making the same domain's accounts took 131 s alone.
     */
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(25);
    /** The checkpoint a counterexample or an alternative is tried from. */
    static final String CHECKPOINT = "avant-etat";

    /**
     * Proofs may run side by side (the suite proves the shipped templates so), but a lab
     * booting (provisioning, the reboot stage) takes the host's CPUs under TCG: the checks
     * of another proof then miss their timeouts (seen: SSH logins from the examiner failing,
     * a 20 s check timing out, while another proof's four VMs booted). Boots take this lock
     * alone; the solutions, counterexamples, alternatives and checks share it. (Solutions
     * took it alone while the examiner was a VM whose checks were as heavy as a domain's
     * provisioning; on the host the checks are light, and a solution alone left a core idle:
     * a directory proof blocked for 200 s at a time, run45. Scripts outside the lock were
     * tried, run49: the other proofs then ran beside the directory's provisioning, 525 s
     * instead of 313 s, and the directory's proof, the suite's longest, took 2174 s, not 1919.)
     */
    static final ReadWriteLock PACE = new ReentrantReadWriteLock(true);

    /**
     * How many stages of this platform's proofs run at once (0: as many as there are proofs).
     * Six proofs' stages at once beside the other tests overloaded 2 cores (load average 12
     * and more): under TCG every machine's work got dearer and waits ran past their bounds
     * (run74, CI on e53a935: a domain's provisioning over 900 s, RT's checks over 240 s). A
     * stage waits for its turn before it starts ({@link StageTurns}: the proof with the most
     * work left goes first), so its scripts and checks run on a host no busier than this many
     * stages make it; a proof's lab waits idle meanwhile (about 1 % of a core per machine).
     */
    @ConfigProperty(name = "atelier.proofs.stages-at-once", defaultValue = "0")
    int stagesAtOnce;
    private volatile StageTurns turns;
    /** What a proof's stage is reckoned to take before the proof has timed one. */
    static final Duration FIRST_STAGE_GUESS = Duration.ofSeconds(60);

    private final LabService labs;
    private final LabStore store;
    private final LabTemplates templates;
    private final CheckService checks;
    private final TaskStarts taskStarts;
    private final TemplateSteps steps;

    public Prover(LabService labs, LabStore store, LabTemplates templates, CheckService checks, TaskStarts taskStarts,
            TemplateSteps steps) {
        this.labs = labs;
        this.store = store;
        this.templates = templates;
        this.checks = checks;
        this.taskStarts = taskStarts;
        this.steps = steps;
    }

    /** The outcome: the surprises (none when proved), the counts of the summary line, and the time taken. */
    public record Proof(String template, List<String> surprises, int stages, int checks, int counterexamples,
            int alternatives, Duration took) {

        public boolean proved() {
            return surprises.isEmpty();
        }

        /** One line: what was proved, or how many surprises, and how long it took. */
        public String summary() {
            return template + ": " + (proved() ? "proved" : surprises.size() + " surprise(s)") + " — " + stages
                    + " stages, " + checks + " checks, " + counterexamples + " counterexample(s), " + alternatives
                    + " alternative(s), in " + took.toSeconds() + " s";
        }
    }

    /** Proves template {@code templateId} (as it is in the catalog now), printing its progress to {@code progress}. */
    public Proof prove(String templateId, String actor, Consumer<String> progress) {
        long started = System.nanoTime();
        PACE.writeLock().lock();
        Lab lab;
        try {
            lab = labs.createForProof(templateId, TRAINEE, actor);
        } catch (RuntimeException e) {
            PACE.writeLock().unlock();
            throw e;
        }
        progress.accept(templateId + ": lab " + lab.id() + " requested");
        List<String> surprises = new ArrayList<>();
        int stageCount = 0;
        int checkCount = 0;
        StageTurns turn = turns();
        // whether this proof holds a turn between two stages (it keeps it while it has the most work left)
        boolean held = false;
        try {
            try {
                lab = awaitReady(lab.id(), started, progress);
            } finally {
                PACE.writeLock().unlock();
            }
            TemplateSnapshot revision = templates.of(lab);
            TemplateSpec spec = revision.spec();
            Map<String, String> taskOf = new LinkedHashMap<>();
            spec.tasks().forEach(task -> task.checks().forEach(check -> taskOf.put(check.id(), task.id())));
            List<ProofRules.Stage> stages = ProofRules.stages(spec);
            stageCount = stages.size();
            checkCount = taskOf.size();
            Map<String, Verdict> current = null;
            Map<String, Duration> took = new java.util.HashMap<>();
            int n = 0;
            long stagesTook = 0;
            for (ProofRules.Stage stage : stages) {
                n++;
                long asked = System.nanoTime();
                // the work this proof has left: its stages left at its stages' mean so far
                double mean = n == 1 ? FIRST_STAGE_GUESS.toSeconds() : stagesTook / 1e9 / (n - 1);
                double workLeft = (stages.size() - n + 1) * mean;
                boolean frozen = false;
                if (!held || !turn.keep(workLeft)) {
                    held = false;
                    frozen = take(turn, workLeft, lab);
                    held = turn != null;
                }
                long stageStarted = System.nanoTime();
                long waited = stageStarted - asked;
                List<CheckResult> results;
                String back = "";
                try {
                    if (frozen) thaw(lab);
                    if (stage.kind() == ProofRules.Kind.REBOOT) {
                        PACE.writeLock().lock();
                        try {
                            lab = reboot(lab, started, progress);
                        } finally {
                            PACE.writeLock().unlock();
                        }
                    }
                    if (stage.kind() == ProofRules.Kind.SOLUTION) {
                        PACE.readLock().lock();
                        try {
                            startTask(lab, stage.task(), progress);
                            run(lab, revision, spec.solutionSteps(stage.task()));
                        } finally {
                            PACE.readLock().unlock();
                        }
                    }
                    PACE.readLock().lock();
                    try {
                        if (stage.triesAState()) {
                            startTask(lab, stage.task(), progress);
                            checkpoint(lab);
                            run(lab, revision, stage.state().apply());
                        }
                        // filled now: a task this stage started gives its checks {{task_started_at}}; the
                        // longest at the last stage start first (four run at once: the stage ends sooner)
                        results = checks.run(lab, CheckPlaceholders.fillAll(spec, c -> true, lab.placeholderValues(),
                                taskStarts.startedAt(lab.id())).stream().map(CheckPlaceholders.Filled::check)
                                .sorted(java.util.Comparator.comparing((TemplateSpec.Check c) -> took.getOrDefault(c.id(), Duration.ZERO))
                                        .reversed())
                                .toList());
                        results.forEach(r -> took.put(r.checkId(), r.took() == null ? Duration.ZERO : r.took()));
                        if (stage.triesAState()) {
                            long returning = System.nanoTime();
                            returnTo(lab);
                            back = String.format("; lab back at its checkpoint in %.1f s", (System.nanoTime() - returning) / 1e9);
                        }
                    } finally {
                        PACE.readLock().unlock();
                    }
                } finally {
                    stagesTook += System.nanoTime() - stageStarted;
                }
                Map<String, Verdict> verdicts = new LinkedHashMap<>();
                Map<String, String> reasons = new LinkedHashMap<>();
                Map<String, String> outputs = new LinkedHashMap<>();
                for (CheckResult r : results) {
                    verdicts.put(r.checkId(), r.verdict());
                    if (r.reason() != null) reasons.put(r.checkId(), r.reason());
                    if (r.output() != null) outputs.put(r.checkId(), r.output());
                }
                List<String> found = ProofRules.surprises(templateId, stage,
                        ProofRules.expected(stage, current == null ? Map.of() : current, taskOf), verdicts, taskOf,
                        reasons, outputs);
                surprises.addAll(found);
                // what a template's author needs to see why: each surprising check's evidence
                for (CheckResult r : results) {
                    if (found.stream().anyMatch(f -> f.contains(", check " + r.checkId() + ": "))) {
                        LOG.warnf("%s [%d/%d] %s: %s, exit %s, output:%n%s", templateId, n, stages.size(), r.checkId(),
                                r.verdict(), r.exit(), r.output());
                    }
                }
                long passed = verdicts.values().stream().filter(v -> v == Verdict.PASS).count();
                CheckResult slowest = results.stream().filter(r -> r.took() != null)
                        .max(java.util.Comparator.comparing(CheckResult::took)).orElse(null);
                progress.accept(String.format("%s: [%d/%d] %s: %d/%d checks pass%s (%d s%s%s%s)", templateId, n, stages.size(),
                        stage.label(), passed, verdicts.size(), found.isEmpty() ? ", as expected" : "",
                        (System.nanoTime() - stageStarted) / 1_000_000_000,
                        slowest == null ? "" : "; slowest check " + slowest.checkId() + ": " + slowest.took().toSeconds() + " s",
                        back, waited >= 1_000_000_000L ? "; its turn came after " + waited / 1_000_000_000 + " s"
                                + (frozen ? ", its machines frozen meanwhile" : "") : ""));
                found.forEach(s -> progress.accept("  ✘ " + s));
                LOG.infof("%s [%d/%d] each check's time: %s", templateId, n, stages.size(), results.stream()
                        .map(r -> r.checkId() + " " + (r.took() == null ? "-" : r.took().toMillis() / 1000.0 + " s"))
                        .collect(java.util.stream.Collectors.joining(", ")));
                current = ProofRules.verdictsAfter(stage, current, verdicts);
            }
            Proof proof = new Proof(templateId, surprises, stages.size(), taskOf.size(), spec.counterexamples().size(),
                    spec.alternatives().size(), Duration.ofNanos(System.nanoTime() - started));
            progress.accept(proof.summary());
            return proof;
        } catch (ProofStopped e) {
            String stopped = templateId + ": the proof stopped: " + e.getMessage();
            progress.accept("  ✘ " + stopped);
            surprises.add(stopped);
            Proof proof = new Proof(templateId, List.copyOf(surprises), stageCount, checkCount, 0, 0,
                    Duration.ofNanos(System.nanoTime() - started));
            progress.accept(proof.summary());
            return proof;
        } finally {
            if (held) turn.giveBack();
            try {
                labs.delete(lab.id(), actor, Duration.ofMinutes(2));
            } catch (RuntimeException e) {
                LOG.warnf("The prover's lab %s could not be deleted: %s", lab.id(), e.getMessage());
            }
        }
    }

    /** The stages' turns ({@link #stagesAtOnce}), or null when stages do not wait for one. */
    private StageTurns turns() {
        if (stagesAtOnce <= 0) return null;
        StageTurns t = turns;
        if (t == null) {
            synchronized (this) {
                if (turns == null) turns = new StageTurns(stagesAtOnce);
                t = turns;
            }
        }
        return t;
    }

    /**
     * Waits for a turn. A lab that must wait waits frozen ({@link LabService#freeze}): under TCG
     * an idle lab's machines still take a twentieth to a quarter of a core (timers, daemons;
     * run76: 676 s of CPU over the six proofs' waits), which the stages that run then get. True
     * when the lab was frozen: the stage thaws it first ({@link #thaw}). A lab that cannot be
     * frozen waits running.
     */
    private boolean take(StageTurns turn, double workLeft, Lab lab) {
        if (turn == null || turn.tryTake()) return false;
        try {
            labs.freeze(lab.id());
        } catch (RuntimeException e) {
            LOG.warnf("The prover's lab %s waits for its turn running: it could not be frozen (%s)", lab.id(), e.getMessage());
        }
        try {
            turn.take(workLeft);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProofStopped("interrupted while waiting for its turn");
        }
        return true;
    }

    /** The lab's machines running again after {@link #take}, on the host's time; the proof stops when they cannot be. */
    private void thaw(Lab lab) {
        try {
            labs.thaw(lab.id());
        } catch (RuntimeException e) {
            throw new ProofStopped("the lab could not run again after waiting for its turn: " + e.getMessage());
        }
    }

    /** Something that stops the proof (the lab did not become ready, a script failed): itself a surprise. */
    static final class ProofStopped extends RuntimeException {
        ProofStopped(String message) {
            super(message);
        }
    }

    /** Starts the task as the platform does for a trainee (its faults applied once); nothing for a task without faults. */
    private void startTask(Lab lab, String task, Consumer<String> progress) {
        if (lab.plan().faultsOf(task).isEmpty()) return;
        try {
            TaskStarts.Started s = taskStarts.start(lab.id(), task, TRAINEE);
            if (s.faultsApplied() > 0) progress.accept("  task " + task + " started: " + s.faultsApplied() + " fault(s) applied");
        } catch (Exception e) {
            throw new ProofStopped("task " + task + " could not start: " + e.getMessage());
        }
    }

    /**
     * Runs each step's script as root on its node ({@link TemplateSteps}: through its guest
     * agent when the state cut SSH); a failing script stops the proof.
     */
    private void run(Lab lab, TemplateSnapshot revision, List<TemplateSpec.Step> list) {
        for (TemplateSpec.Step step : list) {
            try {
                steps.run(lab, revision, step, SCRIPT_TIMEOUT);
            } catch (TemplateSteps.StepFailed e) {
                throw new ProofStopped(e.getMessage());
            }
        }
    }

    /** A checkpoint of the lab's machines, {@link #CHECKPOINT}; the proof stops when it cannot be taken. */
    private void checkpoint(Lab lab) {
        try {
            labs.checkpoint(lab.id(), CHECKPOINT);
        } catch (RuntimeException e) {
            throw new ProofStopped("the lab's checkpoint could not be taken: " + e.getMessage());
        }
    }

    /** The lab's machines back at {@link #CHECKPOINT}; the proof stops when they cannot be. */
    private void returnTo(Lab lab) {
        try {
            labs.returnTo(lab.id(), CHECKPOINT);
        } catch (RuntimeException e) {
            throw new ProofStopped("the lab could not go back to its checkpoint: " + e.getMessage());
        }
    }

    /** The platform powers the lab off and boots it again, as a trainer's Arrêter then Démarrer. */
    private Lab reboot(Lab lab, long started, Consumer<String> progress) {
        labs.stop(lab.id(), TRAINEE);
        labs.start(lab.id(), TRAINEE);
        progress.accept("  lab powered off and booted again by the platform");
        return awaitReady(lab.id(), started, progress);
    }

    private Lab awaitReady(UUID id, long started, Consumer<String> progress) {
        long until = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            Lab lab = store.find(id).orElseThrow(() -> new ProofStopped("lab " + id + " disappeared"));
            if (lab.state() == LabState.READY) {
                progress.accept(String.format("  lab READY (%d s since the request)", (System.nanoTime() - started) / 1_000_000_000));
                return lab;
            }
            if (lab.state() == LabState.FAILED || lab.state().isFinal()) {
                throw new ProofStopped("the lab is " + lab.state() + (lab.reason() == null ? "" : ": " + lab.reason()));
            }
            if (System.nanoTime() > until) {
                throw new ProofStopped("the lab is still " + lab.state() + " after " + READY_WITHIN.toMinutes() + " min");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProofStopped("interrupted");
            }
        }
    }
}
