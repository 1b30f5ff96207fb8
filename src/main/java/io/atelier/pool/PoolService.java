package io.atelier.pool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.atelier.image.ImageStore;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPool;
import io.atelier.lab.LabService;
import io.atelier.lab.LabState;
import io.atelier.template.LabTemplate;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSpec;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Hot pools (issue 14): each template keeps the number of labs its {@code ATELIER_POOL_<ID>}
 * setting asks (default 0) restored and waiting for a trainee, within the host's limits, and
 * gives way to any request that would not fit otherwise. The rules are {@link PoolRules}; the
 * labs are made, claimed and removed by {@link LabService} (the only writer of lab state);
 * this service owns the {@code pool_lab} rows (the images a pooled lab was made from) and
 * applies the plan: at start, every {@code atelier.pools.plan-every}, and after each claim.
 */
@ApplicationScoped
public class PoolService implements LabPool {

    private static final Logger LOG = Logger.getLogger(PoolService.class);

    @Inject
    LabService labs;

    @Inject
    TemplateCatalog catalog;

    @Inject
    ImageStore images;

    @Inject
    DataSource db;

    private final ExecutorService planner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("pool-plan").daemon().factory());
    private final AtomicBoolean planQueued = new AtomicBoolean();
    private final Map<String, String> refusedSettings = new HashMap<>();

    void onStart(@Observes StartupEvent event) {
        planSoon();
    }

    @Scheduled(every = "${atelier.pools.plan-every:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        planSoon();
    }

    /**
     * Refills the pools once the claimed labs are READY (or left PROVISIONING otherwise): a
     * refill restoring machines beside a claim's setup scripts would slow the trainee's lab
     * (under TCG the host's cores are the limit), and a trainee waits, a pool does not.
     */
    @Override
    public void claimed(List<UUID> claimed) {
        planner.submit(() -> {
            long until = System.nanoTime() + CLAIM_WAIT.toNanos();
            for (UUID id : claimed) {
                while (System.nanoTime() < until && labs.find(id).map(l -> l.state() == LabState.PROVISIONING).orElse(false)) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            planSoon();
        });
    }

    /** How long a refill waits at most for the claimed labs to be READY. */
    static final java.time.Duration CLAIM_WAIT = java.time.Duration.ofMinutes(5);

    /** Applies the plan in the pool's own thread, once for any number of asks made meanwhile. */
    private void planSoon() {
        if (!planQueued.compareAndSet(false, true)) return;
        planner.submit(() -> {
            planQueued.set(false);
            try {
                apply();
            } catch (RuntimeException e) {
                LOG.warnf("Hot pools: the plan could not be applied (will retry): %s", e.getMessage());
            }
        });
    }

    /**
     * One pass: a pooled lab that FAILED is removed; then the rules' plan: labs of templates
     * gone, changed, rebuilt or beyond their pool's size removed, missing ones asked for while
     * the host holds them. Answers what it did.
     */
    public synchronized PoolRules.Plan apply() {
        List<PoolRules.Template> templates = templates();
        List<Lab> pooledLabs = labs.pooledLabs();
        if (pooledLabs.isEmpty() && templates.stream().allMatch(t -> t.wanted() <= 0)) {
            return new PoolRules.Plan(List.of(), List.of());
        }
        List<Lab> live = new ArrayList<>();
        for (Lab lab : pooledLabs) {
            if (lab.state() == LabState.FAILED) {
                remove(lab.id(), "it failed: " + lab.reason());
            } else {
                live.add(lab);
            }
        }
        PoolRules.Plan plan = PoolRules.plan(templates, pooled(live), host());
        for (PoolRules.Removal removal : plan.remove()) remove(removal.lab(), removal.why());
        Map<String, PoolRules.Template> byId = templates.stream()
                .collect(Collectors.toMap(PoolRules.Template::id, t -> t));
        for (String templateId : plan.create()) {
            PoolRules.Template t = byId.get(templateId);
            try {
                Optional<Lab> lab = labs.createPooled(templateId, (c, inserted) -> writeRow(c, inserted.get(0), t));
                lab.ifPresent(l -> LOG.infof("Hot pool of %s: lab %s asked for (%d wanted)", templateId, l.id(), t.wanted()));
            } catch (RuntimeException e) {
                LOG.warnf("Hot pool of %s: no lab made: %s", templateId, e.getMessage());
            }
        }
        return plan;
    }

    /** Up to {@code count} waiting labs of the template's current revision and images, the longest waiting first. */
    @Override
    public synchronized List<Lab> claimable(String templateId, int count) {
        List<Lab> pooledLabs = labs.pooledLabs();
        if (pooledLabs.isEmpty()) return List.of();
        Optional<PoolRules.Template> template = catalog.find(templateId).map(this::asPooled);
        if (template.isEmpty()) return List.of();
        Map<UUID, Lab> byId = new HashMap<>();
        pooledLabs.forEach(l -> byId.put(l.id(), l));
        List<PoolRules.Pooled> left = new ArrayList<>(pooled(pooledLabs));
        List<Lab> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            Optional<PoolRules.Pooled> next = PoolRules.claim(template.get(), left);
            if (next.isEmpty()) break;
            left.remove(next.get());
            chosen.add(byId.get(next.get().lab()));
        }
        return chosen;
    }

    @Override
    public synchronized boolean giveWay(int count, int memoryMib) {
        List<PoolRules.Pooled> taken = PoolRules.giveWay(count, memoryMib, host(), pooled(labs.pooledLabs()));
        boolean removed = false;
        for (PoolRules.Pooled p : taken) {
            removed |= remove(p.lab(), "it gave way to a request the host could not hold otherwise");
        }
        return removed;
    }

    /** A template's pool as an administrator reads it: its setting and its labs by state. */
    public record PoolStatus(String templateId, String setting, int wanted, int waiting, int warming) {
    }

    /** The templates that keep a pool or still have pooled labs, in catalog order. */
    public List<PoolStatus> status() {
        List<Lab> pooledLabs = labs.pooledLabs();
        List<PoolStatus> out = new ArrayList<>();
        for (PoolRules.Template t : templates()) {
            long waiting = pooledLabs.stream().filter(l -> l.templateId().equals(t.id()) && l.state() == LabState.POOLED).count();
            long all = pooledLabs.stream().filter(l -> l.templateId().equals(t.id())).count();
            if (t.wanted() > 0 || all > 0) {
                out.add(new PoolStatus(t.id(), PoolRules.variableOf(t.id()), t.wanted(), (int) waiting, (int) (all - waiting)));
            }
        }
        return out;
    }

    private boolean remove(UUID lab, String why) {
        boolean removed = labs.removePooled(lab, "removed from its hot pool: " + why);
        if (removed) LOG.infof("Hot pool: lab %s removed, %s", lab, why);
        return removed;
    }

    private PoolRules.Host host() {
        LabService.PoolRoom room = labs.room();
        return new PoolRules.Host(room.running(), room.usedMib(), room.maxRunning(), room.maxMemoryMib());
    }

    /** The catalog's templates as the pools see them: revision, images, memory, the labs wanted. */
    private List<PoolRules.Template> templates() {
        return catalog.all().stream().map(this::asPooled).toList();
    }

    /**
     * The size is read first: a template that keeps no pool (most of them) needs no look at
     * its images (the plan removes its pooled labs whatever they were made from, and a
     * request claims none of them).
     */
    private PoolRules.Template asPooled(LabTemplate template) {
        int asked = wanted(template.id());
        String imagesOf = asked > 0 ? imagesOf(template) : "";
        int wanted = imagesOf == null ? 0 : asked;
        return new PoolRules.Template(template.id(), template.contentHash(), imagesOf == null ? "" : imagesOf,
                template.spec().machines().stream().mapToInt(TemplateSpec.Node::memoryMiB).sum(), wanted);
    }

    /** Each node's image and the hash of its build, in node order; null when one is not built. */
    private String imagesOf(LabTemplate template) {
        StringBuilder out = new StringBuilder();
        for (TemplateSpec.Node node : template.spec().machines()) {
            try {
                out.append(node.image()).append('@').append(images.find(node.image()).hash()).append(' ');
            } catch (ImageStore.ImageMissingException e) {
                return null;
            }
        }
        return out.toString().strip();
    }

    /** The template's pool size, {@code ATELIER_POOL_<ID>} (environment or configuration), 0 when unset; a bad value is logged once and counts as 0. */
    private int wanted(String templateId) {
        String name = PoolRules.variableOf(templateId);
        Optional<String> value = ConfigProvider.getConfig().getOptionalValue(name, String.class);
        if (value.isEmpty() || value.get().isBlank()) return 0;
        try {
            int n = Integer.parseInt(value.get().strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // logged below
        }
        if (!value.get().equals(refusedSettings.put(name, value.get()))) {
            LOG.warnf("%s=%s is not a number of labs (0 or more): the template keeps no pool", name, value.get());
        }
        return 0;
    }

    /** Pooled labs as the rules see them, with the images their rows recorded ("" without a row: never kept). */
    private List<PoolRules.Pooled> pooled(List<Lab> pooledLabs) {
        Map<UUID, String> rows = imagesByLab();
        List<PoolRules.Pooled> out = new ArrayList<>();
        for (Lab lab : pooledLabs) {
            String imagesOf = rows.getOrDefault(lab.id(), "");
            int memory = lab.plan().memoryMiB();
            out.add(new PoolRules.Pooled(lab.id(), lab.templateId(), lab.templateHash(), imagesOf, memory,
                    lab.state() == LabState.POOLED, lab.createdAt().toEpochMilli()));
        }
        return out;
    }

    private Map<UUID, String> imagesByLab() {
        Map<UUID, String> rows = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select p.lab_id, p.images from pool_lab p join lab l on l.id = p.lab_id "
                        + "where l.trainee = '' and l.state not in ('DESTROYED', 'EXPIRED')");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.put(rs.getObject(1, UUID.class), rs.getString(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the hot pools: " + e.getMessage(), e);
        }
        return rows;
    }

    private static void writeRow(Connection c, Lab lab, PoolRules.Template template) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into pool_lab (lab_id, template_id, images, requested_at) values (?, ?, ?, ?)")) {
            ps.setObject(1, lab.id());
            ps.setString(2, template.id());
            ps.setString(3, template.images());
            ps.setTimestamp(4, Timestamp.from(lab.createdAt()));
            ps.executeUpdate();
        }
    }

    @PreDestroy
    void close() {
        planner.shutdownNow();
    }
}
