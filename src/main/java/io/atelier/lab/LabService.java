package io.atelier.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.api.RequestRefused;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.image.ImageStore;
import io.atelier.security.UserNames;
import io.atelier.template.LabTemplate;
import io.atelier.template.TemplateCatalog;
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
    private final ExecutorService jobs = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("lab-job-", 1).daemon().factory());
    private final Map<UUID, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final SecureRandom secure = new SecureRandom();

    @Inject
    NodeSecretStore nodeSecrets;

    public LabService(LabStore store, Provisioner provisioner, TemplateCatalog templates, ImageStore images,
            Hypervisor hypervisor, ManagementNetwork management, LabConfig config, TaskStartStore taskStarts) {
        this.store = store;
        this.provisioner = provisioner;
        this.templates = templates;
        this.images = images;
        this.hypervisor = hypervisor;
        this.management = management;
        this.config = config;
        this.taskStarts = taskStarts;
    }

    // --- requests

    /** Records a new lab (REQUESTED) for {@code trainee} and starts provisioning it. */
    public Lab create(String templateId, String trainee, String actor) {
        LabTemplate template = templates.find(templateId).orElseThrow(
                () -> new RequestRefused(404, "No lab template '" + templateId + "'."));
        UserNames.require("trainee", trainee);
        TemplateSpec spec = template.spec();
        for (TemplateSpec.Node node : spec.nodes()) {
            try {
                images.find(node.image());
            } catch (ImageStore.ImageMissingException e) {
                throw new RequestRefused(409, "Node " + node.name() + ": " + e.getMessage());
            }
        }
        Map<String, String> scripts = setupScripts(template);
        UUID id = UUID.randomUUID();
        Map<String, String> values = new HashMap<>(ParameterDraw.draw(spec.parameters(), id));
        values.put("trainee", trainee);
        values.put("lab_id", id.toString());
        LabKeys keys = LabKeys.generate("atelier-lab-" + id);
        Map<String, NodeSecrets> secrets = new HashMap<>();
        Map<String, String> hostKeys = new HashMap<>();
        for (TemplateSpec.Node node : spec.nodes()) {
            NodeSecrets generated = NodeSecrets.generate(node.name());
            secrets.put(node.name(), generated);
            hostKeys.put(node.name(), generated.hostPublicKey());
        }
        Instant now = Instant.now();
        int memory = spec.nodes().stream().mapToInt(TemplateSpec.Node::memoryMiB).sum();
        Lab lab;
        try {
            lab = store.insert(spec.nodes().size(), memory,
                    limits(), management.capacity(),
                    slots -> new Lab(id, template.id(), template.contentHash(), trainee, actor, LabState.REQUESTED, null,
                            LabPlanner.plan(template, id, hypervisor.prefix(), slots, management, values, scripts, hostKeys),
                            ParameterDraw.draw(spec.parameters(), id), traineePassword(), keys.privateKey(),
                            keys.publicKey(), now, now,
                            null, now.plus(template.duration()).plus(config.graceAfterDuration())),
                    (c, inserted) -> nodeSecrets.write(c, inserted.id(), secrets));
        } catch (LabLimits.OverLimitException e) {
            throw new RequestRefused(409, e.getMessage());
        }
        LOG.infof("Lab %s (%s) requested by %s for %s", id, templateId, actor, trainee);
        provision(lab.id(), false, actor);
        return lab;
    }

    public Lab stop(UUID id, String actor) {
        Lab lab = require(id);
        move(lab, EnumSet.of(LabState.READY), LabState.STOPPED, actor, "stop");
        enqueue(id, () -> provisioner.stop(lab));
        return require(id);
    }

    public Lab start(UUID id, String actor) {
        Lab lab = require(id);
        checkLimitsToRun(lab);
        move(lab, EnumSet.of(LabState.STOPPED), LabState.PROVISIONING, actor, "start");
        provision(id, false, actor);
        return require(id);
    }

    /** Back to the template's initial disks: VMs and overlays are recreated, started tasks forgotten (their faults are gone). */
    public Lab reset(UUID id, String actor) {
        Lab lab = require(id);
        if (lab.state() == LabState.STOPPED) checkLimitsToRun(lab);
        move(lab, EnumSet.of(LabState.READY, LabState.STOPPED, LabState.FAILED), LabState.PROVISIONING, actor, "reset");
        taskStarts.clear(id);
        provision(id, true, actor);
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
        }
        enqueue(id, () -> tearDown(lab));
        return awaitJobs(id, wait);
    }

    public Lab require(UUID id) {
        return store.find(id).orElseThrow(() -> new RequestRefused(404, "No lab " + id + "."));
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

    /** Provisions (or, after a restart, resumes provisioning) the lab until READY or FAILED. */
    void provision(UUID id, boolean wipeFirst, String actor) {
        enqueue(id, () -> {
            Lab lab = require(id);
            if (lab.state() == LabState.REQUESTED
                    && !store.move(id, EnumSet.of(LabState.REQUESTED), LabState.PROVISIONING, null, actor)) {
                return;
            }
            if (require(id).state() != LabState.PROVISIONING) return;
            long started = System.nanoTime();
            try {
                if (wipeFirst) provisioner.wipe(lab);
                provisioner.bringUp(lab, () -> require(id).state() != LabState.PROVISIONING);
                if (store.move(id, EnumSet.of(LabState.PROVISIONING), LabState.READY, null, PLATFORM)) {
                    LOG.infof("Lab %s READY (%d nodes) in %.1f s", id, lab.plan().nodes().size(),
                            (System.nanoTime() - started) / 1e9);
                }
            } catch (Provisioner.CancelledException e) {
                LOG.infof("Lab %s: provisioning stopped (the lab left PROVISIONING)", id);
            } catch (RuntimeException e) {
                LOG.warnf("Lab %s FAILED: %s", id, e.getMessage());
                store.move(id, EnumSet.of(LabState.PROVISIONING), LabState.FAILED, e.getMessage(), PLATFORM);
            }
        });
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
        }
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
            throw new RequestRefused(409, "Cannot " + action + " lab " + lab.id() + " while it is "
                    + require(lab.id()).state() + ".");
        }
    }

    /** Starting a stopped lab again counts against the same limits as a new one. */
    private void checkLimitsToRun(Lab lab) {
        List<Lab> running = store.live().stream().filter(l -> LabState.RUNNING.contains(l.state())).toList();
        try {
            limits().check(running.size(), running.stream().mapToInt(l -> l.plan().memoryMiB()).sum(),
                    lab.plan().memoryMiB());
        } catch (LabLimits.OverLimitException e) {
            throw new RequestRefused(409, e.getMessage());
        }
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
