package io.atelier.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.atelier.hypervisor.HypervisorConfig;
import io.atelier.node.HostExaminer;

/**
 * The labs' examiners on the host ({@link HostExaminer}), for the labs whose plan says so
 * ({@link LabPlan#examinerOnHost()}): made with the lab's networks, found again after a
 * restart of the platform (their holders outlive it), closed with the lab's VMs. Their state
 * is under {@code /run/atelier-examiners/<data folder's hash>}: readable by the checks' uid
 * (the data folder is the platform's alone), gone with the host's reboot as the namespaces
 * are, and apart from another platform's on the same host. On libvirt's test driver (no
 * machine runs, no bridge exists) there is none.
 */
@ApplicationScoped
public class LabExaminers {

    private static final Logger LOG = Logger.getLogger(LabExaminers.class);

    private final Path root;
    private final boolean machinesRun;
    private final Map<UUID, HostExaminer> open = new ConcurrentHashMap<>();

    public LabExaminers(@ConfigProperty(name = "atelier.data-dir", defaultValue = "var") String dataDir,
            HypervisorConfig hypervisor) {
        // libvirt's test driver (fast tests) runs no machine and makes no bridge: no examiner either
        this.machinesRun = !hypervisor.uri().startsWith("test:");
        this.root = Path.of("/run/atelier-examiners",
                HostExaminer.shortHash(Path.of(dataDir).toAbsolutePath().normalize().toString(), 12));
    }

    /** The lab's examiner, made (or found again) when it is not open: none when the lab's examiner is no host one. */
    public Optional<HostExaminer> of(Lab lab) {
        LabPlan plan = lab.plan();
        if (!machinesRun || !plan.examinerOnHost() || plan.examiner().isEmpty()) return Optional.empty();
        synchronized (this) {
            HostExaminer known = open.get(lab.id());
            if (known != null && known.alive()) return Optional.of(known);
            try {
                if (known != null) known.close();
                Optional<HostExaminer> found = HostExaminer.find(lab.id().toString(), root);
                if (found.isPresent() && found.get().alive()) {
                    open.put(lab.id(), found.get());
                    return found;
                }
                found.ifPresent(HostExaminer::close);
                Files.createDirectories(root);
                HostExaminer made = HostExaminer.create(lab.id().toString(), nics(plan), root);
                open.put(lab.id(), made);
                LOG.infof("Lab %s: its examiner on the host is up", lab.id());
                return Optional.of(made);
            } catch (IOException e) {
                throw new IllegalStateException("the examiner of lab " + lab.id() + " could not be made on the host: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Closes the lab's examiner, if it has one (open, or left by an earlier run). */
    public synchronized void close(UUID labId) {
        HostExaminer known = open.remove(labId);
        if (known != null) known.close();
        try {
            HostExaminer.find(labId.toString(), root).ifPresent(HostExaminer::close);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Lab %s: its examiner's state could not be read: %s", labId, e.getMessage());
        }
    }

    /** The labs that have an examiner's state on the host (open, or left by an earlier run): for the reconciler. */
    public List<UUID> labs() {
        List<UUID> labs = new ArrayList<>();
        try {
            for (String key : HostExaminer.keys(root)) {
                try {
                    labs.add(UUID.fromString(key));
                } catch (IllegalArgumentException e) {
                    // not a lab's
                }
            }
        } catch (IOException e) {
            LOG.warnf("The examiners' state under %s could not be listed: %s", root, e.getMessage());
        }
        return labs;
    }

    /** Where the examiners' state is: for tests. */
    Path root() {
        return root;
    }

    private static List<HostExaminer.Nic> nics(LabPlan plan) {
        List<HostExaminer.Nic> nics = new ArrayList<>();
        for (LabPlan.Nic nic : plan.examiner().orElseThrow().nics()) {
            LabPlan.Network network = plan.network(nic.libvirtNetwork()).orElseThrow(
                    () -> new IllegalStateException("the examiner's network " + nic.network() + " is not in the lab's plan"));
            if (nic.ip() == null || !nic.ip().contains("/")) {
                throw new IllegalStateException("the examiner's NIC on " + nic.network() + " has no static address (" + nic.ip() + ")");
            }
            nics.add(new HostExaminer.Nic(nic.network(), network.bridge(), nic.ip(), nic.gateway()));
        }
        return nics;
    }
}
