package io.atelier.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.api.RequestRefused;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.image.ImageStore;
import io.atelier.security.UserNames;
import io.atelier.template.LabTemplate;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * What can be done to a lab, and the background jobs that do it. A state change is
 * committed before its job starts; jobs of one lab run one after the other (a delete waits
 * for the provisioning it cancels), jobs of different labs run at the same time.
 */
@ApplicationScoped
public class LabService {

    private static final Logger LOG = Logger.getLogger(LabService.class);
    static final String PLATFORM = "platform";

    private final LabStore store;
    private final Provisioner provisioner;
    private final TemplateCatalog templates;
    private final ImageStore images;
    private final Hypervisor hypervisor;
    private final ManagementNetwork management;
    private final LabConfig config;
    private final TaskStartStore taskStarts;
    private final LabSessionRules sessionRules;
    private final Event<LabClosed> closings;
    private final ExecutorService jobs = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("lab-job-", 1).daemon().factory());
    private final Map<UUID, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final SecureRandom secure = new SecureRandom();

    @Inject
    NodeSecretStore nodeSecrets;

    @Inject
    TaskGivenStore givenTasks;

    @Inject
    FaultAppliedStore faultRecords;

    @Inject
    LabPool pool;

    public LabService(LabStore store, Provisioner provisioner, TemplateCatalog templates, ImageStore images,
            Hypervisor hypervisor, ManagementNetwork management, LabConfig config, TaskStartStore taskStarts,
            LabSessionRules sessionRules, Event<LabClosed> closings) {
        this.store = store;
        this.provisioner = provisioner;
        this.templates = templates;
        this.images = images;
        this.hypervisor = hypervisor;
        this.management = management;
        this.config = config;
        this.taskStarts = taskStarts;
        this.sessionRules = sessionRules;
        this.closings = closings;
    }

    // --- requests

    /** Records a new lab (REQUESTED) for {@code trainee} and starts provisioning it. */
    public Lab create(String templateId, String trainee, String actor) {
        return create(templateId, trainee, actor, false);
    }

    /**
     * A lab for the prover: as {@link #create}, but with every fault of the template's
     * catalogues ({@link FaultDraw}: the prover proves each) and never a pooled lab (a pooled
     * lab drew its own).
     */
    public Lab createForProof(String templateId, String trainee, String actor) {
        return create(templateId, trainee, actor, true);
    }

    private Lab create(String templateId, String trainee, String actor, boolean everyFault) {
        LabTemplate template = template(templateId);
        UserNames.require("trainee", trainee);
        Lab lab = insert(template, List.of(trainee), actor, null, null, everyFault).get(0);
        LOG.infof("Lab %s (%s) requested by %s for %s", lab.id(), templateId, actor, trainee);
        provision(lab.id(), actor);
        return lab;
    }

    /**
     * A trainee starts a lab for themselves: only from a template open for practice, not
     * while they take an exam on it, and not beyond their share of practice labs
     * ({@code atelier.labs.max-practice-per-trainee}, counted with the insertion).
     */
    public Lab createPractice(String templateId, String trainee) {
        LabTemplate template = template(templateId);
        if (!template.spec().practice()) {
            throw new RequestRefused(403, "Template " + templateId + " is not open for practice; a trainer starts it.");
        }
        String refused = sessionRules.practiceClosed(trainee, templateId);
        if (refused != null) throw RequestRefused.conflict(refused);
        Lab lab = insert(template, List.of(trainee), trainee, null,
                (c, labs) -> requirePracticeShare(store.poweredPracticeLabsOf(c, trainee)), false).get(0);
        LOG.infof("Practice lab %s (%s) requested by %s", lab.id(), templateId, trainee);
        provision(lab.id(), trainee);
        return lab;
    }

    /**
     * One lab per trainee for a session, all or none, in one transaction with the session's
     * own rows ({@code also}); each is kept at least until {@code keepUntil}. Provisioning
     * starts once that transaction is committed (after a crash the reconciler takes up the
     * REQUESTED labs).
     */
    public List<Lab> createForSession(String templateId, List<String> trainees, String actor, Instant keepUntil,
            LabStore.AlsoInTransaction also) {
        LabTemplate template = template(templateId);
        trainees.forEach(t -> UserNames.require("trainees", t));
        List<Lab> labs = insert(template, trainees, actor, keepUntil, also, false);
        for (Lab lab : labs) provision(lab.id(), actor);
        LOG.infof("%d lab(s) of %s requested by %s for a session", labs.size(), templateId, actor);
        return labs;
    }

    /**
     * Records one lab per trainee, all or none, each claiming a waiting lab of the template's
     * hot pool when there is one (same id, machines already running), else a new lab; a
     * request over the host's limits first makes the pools give way, then is refused (409).
     */
    private List<Lab> insert(LabTemplate template, List<String> trainees, String actor, Instant keepUntil,
            LabStore.AlsoInTransaction also, boolean everyFault) {
        List<Lab> pooled = everyFault ? List.of() : pool.claimable(template.id(), trainees.size());
        List<LabStore.NewLab> requests = new ArrayList<>();
        for (int i = 0; i < trainees.size(); i++) {
            LabStore.NewLab request = newLab(template, trainees.get(i), actor, keepUntil, everyFault);
            requests.add(i < pooled.size()
                    ? request.orClaim(claimed(pooled.get(i), template, trainees.get(i), actor, keepUntil)) : request);
        }
        List<Lab> labs;
        try {
            labs = store.insertAll(requests, limits(), management.capacity(), also);
        } catch (LabLimits.OverLimitException e) {
            int unclaimed = trainees.size() - pooled.size();
            if (unclaimed <= 0 || !pool.giveWay(unclaimed, unclaimed * memoryOf(template))) {
                throw RequestRefused.conflict(e.getMessage());
            }
            try {
                labs = store.insertAll(requests, limits(), management.capacity(), also);
            } catch (LabLimits.OverLimitException again) {
                throw RequestRefused.conflict(again.getMessage());
            }
        }
        Set<UUID> pooledIds = Set.copyOf(pooled.stream().map(Lab::id).toList());
        List<UUID> claims = labs.stream().map(Lab::id).filter(pooledIds::contains).toList();
        if (!claims.isEmpty()) {
            LOG.infof("%d lab(s) of %s claimed from its hot pool", claims.size(), template.id());
            pool.claimed(claims);
        }
        return labs;
    }

    /**
     * A pooled lab as it becomes {@code trainee}'s when claimed: its id, slots, keys, password,
     * node secrets and parameters kept; its plan made again with the trainee's name (the setup
     * scripts and faults name it); PROVISIONING (the provisioning gives it the trainee's account
     * and runs its setup scripts); created now and kept as long as a new lab would be.
     */
    private Lab claimed(Lab pooled, LabTemplate template, String trainee, String actor, Instant keepUntil) {
        Map<String, String> values = new HashMap<>(pooled.parameters());
        values.put("trainee", trainee);
        values.put("lab_id", pooled.id().toString());
        Map<String, String> hostKeys = new HashMap<>();
        pooled.plan().nodes().forEach(n -> hostKeys.put(n.name(), n.hostKey()));
        LabPlan plan = LabPlanner.plan(FaultDraw.forLab(TemplateSnapshot.of(template), pooled.id(), false), pooled.id(),
                hypervisor.prefix(),
                pooled.plan().nodes().stream().map(LabPlan.Node::managementNumber).toList(), management, values,
                setupScripts(template), hostKeys);
        Instant now = Instant.now();
        return new Lab(pooled.id(), pooled.templateId(), template.contentHash(), trainee, actor, LabState.PROVISIONING,
                null, plan, pooled.parameters(), pooled.traineePassword(), pooled.sshPrivateKey(), pooled.sshPublicKey(),
                now, now, null, expiry(template, keepUntil));
    }

    /**
     * A lab for the template's hot pool (no trainee, launched by the platform; the pool's own
     * rows written with it, {@code also}), unless the host's limits leave no room; its
     * provisioning ends in POOLED.
     */
    public Optional<Lab> createPooled(String templateId, LabStore.AlsoInTransaction also) {
        LabTemplate template = template(templateId);
        Lab lab;
        try {
            lab = store.insertAll(List.of(newLab(template, "", PLATFORM, null, false)), limits(), management.capacity(), also)
                    .get(0);
        } catch (LabLimits.OverLimitException e) {
            return Optional.empty();
        }
        provision(lab.id(), PLATFORM);
        return Optional.of(lab);
    }

    /** Deletes a hot pool's lab and its machines, unless a request claimed it meanwhile (then false). */
    public boolean removePooled(UUID id, String why) {
        if (!store.removePooled(id, why)) return false;
        Lab lab = require(id);
        enqueue(id, () -> tearDown(lab));
        return true;
    }

    /** The hot pools' labs (waiting or not), oldest first. */
    public List<Lab> pooledLabs() {
        return store.pooled();
    }

    /** What the pools plan with: the labs whose VMs are meant to run, their memory, and the host's limits. */
    public PoolRoom room() {
        int[] usage = store.usage();
        return new PoolRoom(usage[0], usage[1], config.maxRunning(), config.maxMemoryMib());
    }

    /** The host's labs with VMs meant to run (pooled ones included), their memory, and its limits. */
    public record PoolRoom(int running, int usedMib, int maxRunning, int maxMemoryMib) {
    }

    private LabTemplate template(String templateId) {
        LabTemplate template = templates.find(templateId).orElseThrow(
                () -> RequestRefused.notFound("No lab template '" + templateId + "'."));
        for (TemplateSpec.Node node : template.spec().machines()) {
            try {
                images.find(node.image());
            } catch (ImageStore.ImageMissingException e) {
                throw RequestRefused.conflict("Node " + node.name() + ": " + e.getMessage());
            }
        }
        return template;
    }

    /** The memory of a lab's VMs: the trainee's machines (the examiner runs on the host). */
    private static int memoryOf(LabTemplate template) {
        return template.spec().nodes().stream().mapToInt(TemplateSpec.Node::memoryMiB).sum();
    }

    /**
     * A new lab of {@code template}: how it is planned once it has its management slots, and
     * its nodes' own secrets (SSH host key, display password) written with it, sealed.
     */
    private LabStore.NewLab newLab(LabTemplate template, String trainee, String actor, Instant keepUntil,
            boolean everyFault) {
        TemplateSpec spec = template.spec();
        Map<String, String> scripts = setupScripts(template);
        UUID id = UUID.randomUUID();
        Map<String, String> values = new HashMap<>(ParameterDraw.draw(spec.parameters(), id));
        values.put("trainee", trainee);
        values.put("lab_id", id.toString());
        LabKeys keys = LabKeys.generate("atelier-lab-" + id);
        Map<String, NodeSecrets> secrets = new HashMap<>();
        Map<String, String> hostKeys = new HashMap<>();
        for (TemplateSpec.Node node : spec.machines()) {
            NodeSecrets generated = NodeSecrets.generate(node.name());
            secrets.put(node.name(), generated);
            hostKeys.put(node.name(), generated.hostPublicKey());
        }
        // its own faults only (the prover's lab: all of them), and the checks bound to them
        TemplateSnapshot revision = FaultDraw.forLab(TemplateSnapshot.of(template), id, everyFault);
        Instant now = Instant.now();
        Instant expiresAt = trainee.isEmpty() ? now.plus(POOLED_FOR) : expiry(template, keepUntil);
        return new LabStore.NewLab(spec.machines().size(), memoryOf(template),
                slots -> new Lab(id, template.id(), template.contentHash(), trainee, actor, LabState.REQUESTED, null,
                        LabPlanner.plan(revision, id, hypervisor.prefix(), slots, management, values, scripts, hostKeys),
                        ParameterDraw.draw(spec.parameters(), id), traineePassword(), keys.privateKey(), keys.publicKey(),
                        now, now, null, expiresAt),
                (c, inserted) -> nodeSecrets.write(c, inserted.id(), secrets));
    }

    /** A lab's end: the template's duration and grace from now, or later for a session that keeps it. */
    private Instant expiry(LabTemplate template, Instant keepUntil) {
        Instant expires = Instant.now().plus(template.duration()).plus(config.graceAfterDuration());
        return keepUntil != null && keepUntil.isAfter(expires) ? keepUntil : expires;
    }

    /** How long a pooled lab may wait unclaimed (a claim gives it a lab's usual time from then). */
    static final Duration POOLED_FOR = Duration.ofDays(30);

    public Lab stop(UUID id, String actor) {
        Lab lab = require(id);
        if (lab.state() == LabState.GRADED) {
            if (store.inspect(id, false, actor, limits())) enqueue(id, () -> provisioner.stop(lab));
            return require(id);
        }
        move(lab, EnumSet.of(LabState.READY), LabState.STOPPED, actor, "stop");
        closings.fire(new LabClosed(id, lab.trainee(), "The lab was stopped."));
        enqueue(id, () -> provisioner.stop(lab));
        return require(id);
    }

    /**
     * Boots a stopped lab again (through PROVISIONING), or powers a GRADED lab's VMs on for
     * the staff to inspect it (it stays GRADED); both count against the host's limits.
     */
    public Lab start(UUID id, String actor) {
        Lab lab = require(id);
        if (lab.state() == LabState.GRADED) {
            try {
                if (!store.inspect(id, true, actor, limits())) throw RequestRefused.conflict("The lab is no longer GRADED.");
            } catch (LabLimits.OverLimitException e) {
                throw RequestRefused.conflict(e.getMessage());
            }
            enqueue(id, () -> provisioner.powerOn(lab));
            return require(id);
        }
        LabStore.PowerOnCheck practiceShare = null;
        if (isPractice(lab)) {
            String refused = sessionRules.practiceClosed(lab.trainee(), lab.templateId());
            if (refused != null) throw RequestRefused.conflict(refused);
            practiceShare = c -> requirePracticeShare(store.poweredPracticeLabsOf(c, lab.trainee()) + 1);
        }
        try {
            if (lab.state() != LabState.STOPPED
                    || !store.moveChecked(id, EnumSet.of(LabState.STOPPED), LabState.PROVISIONING, actor, limits(), practiceShare)) {
                throw refusedMove(lab, "start");
            }
        } catch (LabLimits.OverLimitException e) {
            throw RequestRefused.conflict(e.getMessage());
        }
        provision(id, actor);
        return require(id);
    }

    /**
     * Back to the template's initial disks: VMs and overlays are recreated, started tasks
     * forgotten (their faults are gone), tasks given marked as no longer on the machines; the
     * faults' records are marked once the old disks are wiped (in {@link #provision}).
     */
    public Lab reset(UUID id, String actor) {
        Lab lab = require(id);
        EnumSet<LabState> from = EnumSet.of(LabState.READY, LabState.STOPPED, LabState.FAILED);
        try {
            if (!from.contains(lab.state()) || !store.moveToReset(id, from, actor, limits())) throw refusedMove(lab, "reset");
        } catch (LabLimits.OverLimitException e) {
            throw RequestRefused.conflict(e.getMessage());
        }
        taskStarts.clear(id);
        givenTasks.disksReset(id);
        provision(id, actor);
        return require(id);
    }

    /**
     * Marks the lab DESTROYED (so nothing adopts it again), then deletes its VMs, disks and
     * networks; waits up to {@code wait} for that and answers whether it is finished.
     */
    public boolean delete(UUID id, String actor, Duration wait) {
        Lab lab = require(id);
        if (!lab.state().isFinal()) {
            move(lab, EnumSet.complementOf(EnumSet.of(LabState.DESTROYED, LabState.EXPIRED)), LabState.DESTROYED,
                    actor, "delete");
            closings.fire(new LabClosed(id, lab.trainee(), "The lab was deleted."));
        }
        enqueue(id, () -> tearDown(lab));
        return awaitJobs(id, wait);
    }

    // --- what grading and sessions ask of a lab

    /** READY → SUBMITTED: the trainee's consoles close; false when the lab was not READY. */
    public boolean submitted(UUID id, String actor) {
        if (!store.move(id, List.of(LabState.READY), LabState.SUBMITTED, "submitted", actor)) return false;
        closings.fire(new LabClosed(id, require(id).trainee(), "The work was handed in: the lab is closed."));
        return true;
    }

    /** SUBMITTED → GRADED, then its VMs are powered off (disks kept: staff can start them again to inspect). */
    public void graded(UUID id, String reason) {
        if (store.move(id, List.of(LabState.SUBMITTED), LabState.GRADED, reason, PLATFORM)) {
            Lab lab = require(id);
            enqueue(id, () -> provisioner.stop(lab));
        }
    }

    /**
     * The final run's reboot of a SUBMITTED lab (checks {@code after: reboot}): its VMs are
     * powered off (ACPI, then forced) and booted again as a start does, until every node
     * answers again, within {@code atelier.labs.ready-timeout}. The lab stays SUBMITTED (its
     * VMs are meant to run: nothing else stops or starts them meanwhile, the job holds the
     * lab's queue) and its events say what happened. Answers why the lab did not come back,
     * or empty when it did.
     */
    public Optional<String> rebootForGrading(UUID id) {
        Lab lab = require(id);
        if (lab.state() != LabState.SUBMITTED) return Optional.of("the lab is " + lab.state() + ", not SUBMITTED");
        store.note(id, LabState.SUBMITTED, "VMs powered off and booted again by the platform for the final run", PLATFORM);
        CompletableFuture<Void> job = enqueue(id, () -> {
            provisioner.stop(lab);
            provisioner.bringUp(lab, () -> require(id).state() != LabState.SUBMITTED);
        });
        Duration bound = config.readyTimeout().plus(REBOOT_MARGIN);
        String why;
        try {
            job.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Lab %s: rebooted by the platform for its final run", id);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            why = cause instanceof Provisioner.CancelledException ? "the lab left SUBMITTED during the reboot"
                    : String.valueOf(cause.getMessage());
        } catch (TimeoutException e) {
            why = "its machines did not answer within " + bound.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        LOG.warnf("Lab %s did not come back after the platform's reboot: %s", id, why);
        store.note(id, LabState.SUBMITTED, "the lab did not come back after the platform's reboot: " + why, PLATFORM);
        return Optional.of(why);
    }

    /** Beyond the ready timeout, the time a reboot may take to power the VMs off (ACPI grace, then forced). */
    static final Duration REBOOT_MARGIN = Duration.ofSeconds(60);

    // --- what the prover asks of a lab

    /**
     * Checkpoints every VM of a READY lab (memory, devices, disk; {@link Provisioner#checkpoint})
     * in the lab's job queue, and waits for it: the prover takes the lab back to it
     * ({@link #returnTo}) after trying a counterexample or an alternative on it.
     */
    public void checkpoint(UUID id, String name) {
        Lab lab = require(id);
        if (lab.state() != LabState.READY) throw RequestRefused.conflict("The lab is " + lab.state() + ", not READY.");
        awaitJob(enqueue(id, () -> provisioner.checkpoint(lab, name)));
    }

    /** Takes every VM of the lab back to its checkpoint {@code name} ({@link Provisioner#returnTo}), and waits for it. */
    public void returnTo(UUID id, String name) {
        Lab lab = require(id);
        awaitJob(enqueue(id, () -> provisioner.returnTo(lab, name)));
    }

    /**
     * Freezes the lab's VMs now and waits for it: a proof's lab waiting for its turn, whose
     * machines' idle work would otherwise take CPU from the stages that run. {@link #thaw} undoes it.
     */
    public void freeze(UUID id) {
        Lab lab = require(id);
        awaitJob(enqueue(id, () -> provisioner.suspend(lab)));
    }

    /** Thaws the lab's frozen VMs, each given the host's time ({@link Provisioner#resume}), and waits for it. */
    public void thaw(UUID id) {
        Lab lab = require(id);
        awaitJob(enqueue(id, () -> provisioner.resume(lab)));
    }

    private static void awaitJob(CompletableFuture<Void> job) {
        try {
            job.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** The lab closes to its trainee for {@code reason} (a session paused or ended): open consoles are let go. */
    public void closeToTrainee(UUID id, String reason) {
        store.find(id).ifPresent(lab -> closings.fire(new LabClosed(id, lab.trainee(), reason)));
    }

    /**
     * Freezes the lab's running VMs (a session's pause); {@link #resumeVms} thaws them, each given
     * the host's time. Errors are logged, not thrown.
     */
    public void pauseVms(UUID id) {
        store.find(id).filter(l -> LabState.SETTLED.contains(l.state()) || l.state() == LabState.PROVISIONING)
                .ifPresent(lab -> enqueue(id, () -> provisioner.suspend(lab)));
    }

    public void resumeVms(UUID id) {
        store.find(id).ifPresent(lab -> enqueue(id, () -> provisioner.resume(lab)));
    }

    /** 409 when a trainee would have {@code running} practice labs running, beyond their share. */
    private void requirePracticeShare(int running) {
        int cap = config.maxPracticePerTrainee();
        if (running > cap) {
            throw RequestRefused.conflict("You already have " + cap + " practice lab(s) running, your share on this platform "
                    + "(atelier.labs.max-practice-per-trainee = " + cap + "); stop or delete one first.");
        }
    }

    private boolean isPractice(Lab lab) {
        return lab.createdBy().equals(lab.trainee());
    }

    public Optional<Lab> find(UUID id) {
        return store.find(id);
    }

    public Lab require(UUID id) {
        return store.find(id).orElseThrow(() -> RequestRefused.notFound("No lab " + id + "."));
    }

    /** Whether a job of this lab is running or queued in this process. */
    public boolean busy(UUID id) {
        CompletableFuture<Void> chain = chains.get(id);
        return chain != null && !chain.isDone();
    }

    /** Waits until the lab's queued jobs are done; false if they still run after {@code wait}. */
    public boolean awaitJobs(UUID id, Duration wait) {
        CompletableFuture<Void> chain = chains.get(id);
        if (chain == null) return true;
        try {
            chain.handle((ok, error) -> null).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    // --- jobs (also used by the reconciler)

    /**
     * Provisions (or, after a restart, resumes provisioning) the lab until READY or FAILED.
     * A reset not finished wipes the disks first ({@code wipe_pending}, kept across a crash),
     * then marks the faults applied to them as gone, before the wipe is recorded as done: a
     * crash in between wipes and marks again.
     */
    void provision(UUID id, String actor) {
        enqueue(id, () -> {
            Lab lab = require(id);
            if (lab.state() == LabState.REQUESTED
                    && !store.move(id, EnumSet.of(LabState.REQUESTED), LabState.PROVISIONING, null, actor)) {
                return;
            }
            if (require(id).state() != LabState.PROVISIONING) return;
            long started = System.nanoTime();
            try {
                if (store.wipePending(id)) {
                    provisioner.wipe(lab);
                    faultRecords.disksReset(id);
                    store.wiped(id);
                    store.note(id, LabState.PROVISIONING, "disks wiped for the reset", PLATFORM);
                }
                provisioner.bringUp(lab, () -> require(id).state() != LabState.PROVISIONING);
                LabState done = lab.pooled() ? LabState.POOLED : LabState.READY;
                if (store.move(id, EnumSet.of(LabState.PROVISIONING), done, null, PLATFORM)) {
                    LOG.infof("Lab %s %s (%d nodes) in %.1f s", id, done, lab.plan().nodes().size(),
                            (System.nanoTime() - started) / 1e9);
                }
            } catch (Provisioner.CancelledException e) {
                LOG.infof("Lab %s: provisioning stopped (the lab left PROVISIONING)", id);
            } catch (RuntimeException e) {
                LOG.warnf("Lab %s FAILED: %s", id, e.getMessage());
                if (store.move(id, EnumSet.of(LabState.PROVISIONING), LabState.FAILED, e.getMessage(), PLATFORM)) {
                    powerOffQuietly(lab);
                }
            }
        });
    }

    /** A failed lab's VMs are powered off (disks kept for a reset); a failure to do so is the reconciler's to retry. */
    private void powerOffQuietly(Lab lab) {
        try {
            provisioner.stop(lab);
        } catch (RuntimeException e) {
            LOG.warnf("Lab %s: its VMs could not be powered off yet: %s", lab.id(), e.getMessage());
        }
    }

    void tearDown(Lab lab) {
        provisioner.tearDown(lab);
        store.releaseManagementSlots(lab.id());
    }

    /** Marks an expired lab EXPIRED and deletes its VMs. */
    void expire(Lab lab) {
        if (store.move(lab.id(), EnumSet.complementOf(EnumSet.of(LabState.DESTROYED, LabState.EXPIRED)),
                LabState.EXPIRED, "its time ran out at " + lab.expiresAt(), PLATFORM)) {
            LOG.infof("Lab %s expired", lab.id());
            enqueue(lab.id(), () -> tearDown(lab));
        }
    }

    /** Marks a lab FAILED with a reason found by the reconciler. */
    void fail(Lab lab, String reason) {
        if (store.move(lab.id(), LabState.SETTLED, LabState.FAILED, reason, PLATFORM)) {
            LOG.warnf("Lab %s FAILED: %s", lab.id(), reason);
            closings.fire(new LabClosed(lab.id(), lab.trainee(), "The lab failed: " + reason));
            enqueue(lab.id(), () -> powerOffQuietly(lab));
        }
    }

    /** Powers off the VMs of a lab that is not meant to run (the reconciler found them running). */
    void powerOff(Lab lab) {
        enqueue(lab.id(), () -> powerOffQuietly(lab));
    }

    private CompletableFuture<Void> enqueue(UUID id, Runnable job) {
        return chains.compute(id, (key, previous) -> (previous == null ? CompletableFuture.<Void>completedFuture(null)
                : previous.handle((ok, error) -> (Void) null)).thenRunAsync(() -> {
                    try {
                        job.run();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Lab %s: job failed", id);
                        throw e;
                    }
                }, jobs));
    }

    // --- helpers

    private void move(Lab lab, Set<LabState> from, LabState to, String actor, String action) {
        if (!from.contains(lab.state()) || !lab.state().canMoveTo(to) || !store.move(lab.id(), from, to, null, actor)) {
            throw refusedMove(lab, action);
        }
    }

    private RequestRefused refusedMove(Lab lab, String action) {
        return RequestRefused.conflict("Cannot " + action + " lab " + lab.id() + " while it is " + require(lab.id()).state() + ".");
    }

    private LabLimits limits() {
        return new LabLimits(config.maxRunning(), config.maxMemoryMib());
    }

    private Map<String, String> setupScripts(LabTemplate template) {
        Map<String, String> scripts = new HashMap<>();
        for (TemplateSpec.Node node : template.spec().nodes()) {
            if (node.setup() == null) continue;
            try {
                scripts.put(node.name(), Files.readString(template.folder().resolve(node.setup())));
            } catch (IOException e) {
                throw new RequestRefused(500, "Template " + template.id() + ": cannot read " + node.setup());
            }
        }
        return scripts;
    }

    private String traineePassword() {
        return ParameterDraw.password(10, new SplittableRandom(secure.nextLong()));
    }

    /** Labs a user may list: their own, the ones they launched, or all for admins and validators. */
    public List<Lab> visibleTo(String user, boolean seesAll) {
        if (seesAll) return store.all();
        Map<UUID, Lab> labs = new LinkedHashMap<>();
        store.forTrainee(user).forEach(l -> labs.put(l.id(), l));
        store.createdBy(user).forEach(l -> labs.put(l.id(), l));
        return List.copyOf(labs.values());
    }

    @PreDestroy
    void close() {
        jobs.shutdownNow();
    }
}
