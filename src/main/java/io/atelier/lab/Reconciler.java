package io.atelier.lab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.hypervisor.HostFirewall;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.HypervisorConfig;
import io.atelier.hypervisor.Inventory;
import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.snapshot.ShapeSnapshots;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps libvirt and the database in agreement, at start-up and then every minute:
 * <ul>
 * <li>a domain, disk or network named for a lab that is unknown, DESTROYED or EXPIRED is an
 * orphan and is deleted;</li>
 * <li>a lab being provisioned that no job is working on (the server restarted) is
 * provisioned again — its existing VMs and disks are adopted;</li>
 * <li>a READY, STOPPED, SUBMITTED or GRADED lab whose VM vanished is FAILED, with the VM's
 * name as the reason;</li>
 * <li>a lab past its expiry time is EXPIRED and its VMs deleted;</li>
 * <li>a lab whose VMs are not meant to run (stopped, graded, failed) but run is powered off,
 * so the host's limits count what really runs;</li>
 * <li>the machine and disk of a shape's build that no build of this process is making (the
 * platform stopped during it) are deleted ({@link ShapeSnapshots#removeUnfinishedBuilds}).</li>
 * </ul>
 * Objects of another platform instance (another prefix) are never touched.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final Hypervisor hypervisor;
    private final ManagementNetwork management;
    private final HostFirewall firewall;
    private final HypervisorConfig hypervisorConfig;
    private final LabStore store;
    private final LabService labs;
    private final AtomicBoolean infrastructureReady = new AtomicBoolean();
    @Inject
    ShapeSnapshots snapshots;
    @Inject
    LabExaminers examiners;

    public Reconciler(Hypervisor hypervisor, ManagementNetwork management, HostFirewall firewall,
            HypervisorConfig hypervisorConfig, LabStore store, LabService labs) {
        this.hypervisor = hypervisor;
        this.management = management;
        this.firewall = firewall;
        this.hypervisorConfig = hypervisorConfig;
        this.store = store;
        this.labs = labs;
    }

    /** What one pass did, for the log and the tests. */
    public record Report(List<String> removed, List<UUID> resumed, List<UUID> failed, List<UUID> expired,
            List<UUID> poweredOff) {
        boolean isEmpty() {
            return removed.isEmpty() && resumed.isEmpty() && failed.isEmpty() && expired.isEmpty() && poweredOff.isEmpty();
        }
    }

    void onStart(@Observes StartupEvent event) {
        Thread.ofPlatform().name("reconcile-at-start").daemon().start(this::runQuietly);
    }

    @Scheduled(every = "${atelier.labs.reconcile-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        runQuietly();
    }

    private void runQuietly() {
        try {
            Report report = reconcile();
            if (!report.isEmpty()) LOG.infof("Reconcile: %s", report);
        } catch (RuntimeException e) {
            LOG.errorf("Reconcile failed (will retry): %s", e.getMessage());
        }
    }

    /** The host's shared parts: disk pool, management network, firewall rules. */
    public void ensureInfrastructure() {
        hypervisor.ensurePool();
        hypervisor.ensureNetwork(management.name(), management.xml());
        if (hypervisorConfig.firewall()) firewall.apply();
        if (infrastructureReady.compareAndSet(false, true)) {
            LOG.infof("Hypervisor %s ready: accelerator %s, management network %s (%s/%d)", hypervisorConfig.uri(),
                    hypervisor.accelerator(), management.name(), management.hostAddress(), management.prefix());
        }
    }

    public synchronized Report reconcile() {
        ensureInfrastructure();
        Report report = new Report(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (Lab lab : store.expired(Instant.now())) {
            if (labs.busy(lab.id())) continue;
            labs.expire(lab);
            report.expired().add(lab.id());
        }
        Map<UUID, Lab> live = new HashMap<>();
        store.live().forEach(lab -> live.put(lab.id(), lab));
        Inventory inventory = hypervisor.inventory();
        removeOrphans(inventory, live, report);
        report.removed().addAll(snapshots.removeUnfinishedBuilds(inventory));
        for (Lab lab : live.values()) {
            if (labs.busy(lab.id())) continue;
            if (lab.state() == LabState.REQUESTED || lab.state() == LabState.PROVISIONING) {
                labs.provision(lab.id(), LabService.PLATFORM);
                report.resumed().add(lab.id());
            } else if (LabState.SETTLED.contains(lab.state())) {
                Optional<String> missing = lab.plan().vms().stream().map(LabPlan.Node::domain)
                        .filter(d -> !inventory.domains().contains(d)).findFirst();
                if (missing.isPresent()) {
                    labs.fail(lab, "VM " + missing.get() + " vanished from the hypervisor");
                    report.failed().add(lab.id());
                }
            }
        }
        for (Lab lab : store.unpowered()) {
            if (labs.busy(lab.id())) continue;
            boolean runs = lab.plan().vms().stream().anyMatch(n -> hypervisor.isRunning(n.domain()));
            if (runs) {
                labs.powerOff(lab);
                report.poweredOff().add(lab.id());
            }
        }
        return report;
    }

    private void removeOrphans(Inventory inventory, Map<UUID, Lab> live, Report report) {
        for (String domain : inventory.domains()) {
            UUID lab = labIdIn(domain, hypervisor.prefix());
            if (lab != null && isOrphan(lab, live)) {
                hypervisor.removeDomain(domain, hypervisor.consoleLog(domain));
                report.removed().add("domain " + domain);
            }
        }
        for (String volume : inventory.volumes()) {
            UUID lab = labIdIn(volume, "");
            if (lab != null && isOrphan(lab, live)) {
                hypervisor.removeVolume(volume);
                report.removed().add("volume " + volume);
            }
        }
        for (String network : inventory.networks()) {
            UUID lab = labIdIn(network, hypervisor.prefix());
            if (lab != null && isOrphan(lab, live)) {
                hypervisor.removeNetwork(network);
                report.removed().add("network " + network);
            }
        }
        for (UUID lab : examiners.labs()) {
            if (isOrphan(lab, live)) {
                examiners.close(lab);
                report.removed().add("examiner " + lab);
            }
        }
    }

    /** Not a live lab: neither in the snapshot, nor busy now, nor created since the snapshot. */
    private boolean isOrphan(UUID lab, Map<UUID, Lab> live) {
        return !live.containsKey(lab) && !labs.busy(lab)
                && store.find(lab).map(l -> l.state().isFinal()).orElse(true);
    }

    /** The lab id in {@code <prefix><uuid>-…}, or null when the name is not a lab's. */
    static UUID labIdIn(String name, String prefix) {
        if (prefix.isEmpty()) {
            // volumes are "<uuid>-<node>.qcow2"; a UUID is 36 characters
            return name.length() > 36 ? parseUuid(name.substring(0, 36)) : null;
        }
        if (!name.startsWith(prefix) || name.length() < prefix.length() + 36) return null;
        return parseUuid(name.substring(prefix.length(), prefix.length() + 36));
    }

    private static UUID parseUuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equals(text) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
