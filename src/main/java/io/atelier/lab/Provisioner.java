package io.atelier.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.jboss.logging.Logger;

import io.atelier.hypervisor.DomainSpec;
import io.atelier.hypervisor.HostFirewall;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.HypervisorConfig;
import io.atelier.hypervisor.HypervisorException;
import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.hypervisor.NetworkXml;
import io.atelier.image.BaseImage;
import io.atelier.image.ImageStore;
import io.atelier.node.NodeRunner;
import io.atelier.node.NodeShell;
import io.atelier.security.UserNames;
import io.atelier.snapshot.Shape;
import io.atelier.snapshot.ShapeSnapshots;
import io.atelier.snapshot.SnapshotConfig;

/**
 * Turns a lab's plan into libvirt objects and back: networks, then every node in parallel
 * (qcow2 overlay, domain, boot, wait until it answers over SSH on the management network —
 * or through its guest agent once booted, when the trainee's settings cut SSH — run its
 * setup script once), then the faults applied at boot. Every step is idempotent, so provisioning a half-built lab
 * again (after a crash) completes it.
 * <p>
 * A new node (no domain, no disk yet) is not booted but restored from its shape's booted
 * snapshot ({@link ShapeSnapshots}, built the first time the shape is needed) and given its
 * own identity; when that cannot be done the node boots cold and the log says why. A node
 * whose disk exists (a lab started again, rebooted for grading, provisioned again after a
 * crash) boots from its disk as before.
 */
@ApplicationScoped
public class Provisioner {

    private static final Logger LOG = Logger.getLogger(Provisioner.class);
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REIDENTIFY_WITHIN = Duration.ofSeconds(90);

    private final Hypervisor hypervisor;
    private final ManagementNetwork management;
    private final ImageStore images;
    private final LabConfig config;
    private final HostFirewall firewall;
    private final HypervisorConfig hypervisorConfig;
    @Inject
    NodeSecretStore secrets;
    @Inject
    NodeRunner runner;
    @Inject
    FaultAppliedStore faultRecords;
    @Inject
    ShapeSnapshots snapshots;
    @Inject
    SnapshotConfig snapshotConfig;
    @Inject
    LabExaminers examiners;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService nodes = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("lab-node-", 1).daemon().factory());

    public Provisioner(Hypervisor hypervisor, ManagementNetwork management, ImageStore images, LabConfig config,
            HostFirewall firewall, HypervisorConfig hypervisorConfig) {
        this.hypervisor = hypervisor;
        this.management = management;
        this.images = images;
        this.config = config;
        this.firewall = firewall;
        this.hypervisorConfig = hypervisorConfig;
    }

    /** Raised when the lab was deleted while it was being provisioned. */
    public static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("cancelled");
        }
    }

    /**
     * Brings every VM up until each answers; throws with a reason a trainer can act on. The
     * host firewall is installed and read back first: no VM starts without it.
     */
    public void bringUp(Lab lab, BooleanSupplier cancelled) {
        requireFirewall();
        for (LabPlan.Network network : lab.plan().networks()) {
            hypervisor.ensureNetwork(network.libvirtName(), NetworkXml.lab(network.libvirtName(), network.bridge()));
        }
        examiners.of(lab); // on the host: its namespaces on the networks' bridges
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        long labTurn = snapshots.labTurn();
        CountDownLatch setupsHaveTurns = new CountDownLatch((int) lab.plan().vms().stream()
                .filter(n -> n.setupScript() != null).count());
        parallel(lab, LONG_WORK_FIRST, node -> {
            BaseImage image = images.find(node.image());
            Runnable hasTurn = once(node.setupScript() == null ? () -> { } : setupsHaveTurns::countDown);
            boolean restored;
            try {
                restored = snapshotConfig.enabled() && restoreNode(lab, node, image, labTurn,
                        node.setupScript() == null ? setupsHaveTurns : null, hasTurn);
            } finally {
                hasTurn.run(); // not restored, or failed: the lab's other nodes need not wait for it
            }
            boolean wasUp = false;
            if (!restored) {
                wasUp = hypervisor.isRunning(node.domain());
                hypervisor.ensureOverlay(node.volume(), image.disk(), image.virtualSize());
                startNode(lab, node, image);
            }
            // A node restored here took its configuration (and its trainee's account) in its
            // identity, waited for: only its sshd is waited for, not an SSH session (1-2 s under TCG)
            boolean noAccount = false; // a restored node has its account, or is a pooled lab's, which has none yet by design
            boolean agentAnswers = true; // restored here, or running with its configuration applied: its guest agent answers
            if (restored) awaitSsh(lab, node, deadline, cancelled);
            else if (!wasUp || !upAlready(lab, node)) {
                noAccount = waitUntilAnswering(lab, node, deadline, cancelled);
                agentAnswers = false;
                if (!wasUp && !lab.pooled()) awaitBooted(lab, node);
            }
            if (lab.pooled()) return; // a pooled lab waits for its trainee: no account, setup script nor fault yet
            prepare(lab, node, noAccount, agentAnswers);
        });
        if (lab.pooled()) return;
        for (LabPlan.Fault fault : lab.plan().faults()) {
            if (cancelled.getAsBoolean()) throw new CancelledException();
            if (fault.atBoot()) {
                try {
                    applyFault(lab, fault);
                } catch (FaultException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    /** A fault that could not be applied: the platform's problem, not the trainee's. */
    public static final class FaultException extends Exception {
        FaultException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Applies one fault as root on its node, once per disk, as the platform's records say
     * ({@link FaultRule}, table {@code fault_applied}): nothing on the node decides it, so a
     * file the trainee wrote first cannot make the platform skip the fault. Provisioning again
     * (after a restart) or a second start of the same task does not break things twice; a
     * reset (new disks) marks the records, and the fault applies again.
     *
     * @return whether the script ran now (false: it was on the lab's current disks already)
     */
    public boolean applyFault(Lab lab, LabPlan.Fault fault) throws FaultException {
        LabPlan.Node node = lab.plan().nodes().stream().filter(n -> n.name().equals(fault.node())).findFirst()
                .orElseThrow(() -> new FaultException("fault " + fault.id() + ": the lab has no node " + fault.node(), null));
        String nodeFile = FaultRule.nodeFile(fault.id());
        List<FaultRule.Attempt> attempts = faultRecords.of(lab.id(), fault.id());
        Optional<FaultRule.Attempt> unmarked = FaultRule.lastUnmarked(attempts);
        FaultRule.Decision decision;
        try {
            decision = FaultRule.decide(attempts, () -> readNodeFile(lab, node, nodeFile));
        } catch (IOException e) {
            throw new FaultException("fault " + fault.id() + " on node " + node.name()
                    + ": cannot ask the node whether it was applied before the platform stopped: " + e.getMessage(), e);
        }
        switch (decision) {
            case ON_THE_DISKS -> {
                return false;
            }
            case APPLIED_BEFORE_A_RESTART -> {
                faultRecords.applied(unmarked.orElseThrow().id());
                LOG.infof("Lab %s: fault %s was applied on %s before the platform stopped (its nonce is there)",
                        lab.id(), fault.id(), node.name());
                return false;
            }
            case APPLY -> {
                unmarked.ifPresent(a -> faultRecords.failed(a.id(),
                        "interrupted: its nonce is not on the node, so the fault is applied again"));
            }
        }
        String nonce = HexFormat.of().formatHex(nonceBytes());
        long attempt = faultRecords.begin(lab.id(), fault.id(), node.name(), nonce);
        String command = "sh -s && mkdir -p /var/lib/atelier && printf '%s\\n' " + nonce + " > " + nodeFile;
        NodeShell.Result r;
        try {
            r = runner.asRoot(node, lab.sshPrivateKey(), command, fault.run(), Duration.ofMinutes(2));
        } catch (IOException e) {
            // Unmarked: the script may have run (no answer in time); the next try asks the node for the nonce.
            throw new FaultException("fault " + fault.id() + " on node " + node.name() + " could not run: "
                    + e.getMessage(), e);
        }
        if (!r.ok()) {
            String why = "failed (" + r.status() + "): " + tail(r.stderr().isBlank() ? r.stdout() : r.stderr());
            faultRecords.failed(attempt, why);
            throw new FaultException("fault " + fault.id() + " on node " + node.name() + " " + why, null);
        }
        faultRecords.applied(attempt);
        LOG.infof("Lab %s: fault %s applied on %s", lab.id(), fault.id(), node.name());
        return true;
    }

    private Optional<String> readNodeFile(Lab lab, LabPlan.Node node, String file) throws IOException {
        NodeShell.Result r = runner.asRoot(node, lab.sshPrivateKey(), "cat " + file + " 2>/dev/null || true", null,
                Duration.ofSeconds(30));
        if (!r.ok()) throw new IOException("reading " + file + " answered " + r.status());
        return r.stdout().isEmpty() ? Optional.empty() : Optional.of(r.stdout());
    }

    private byte[] nonceBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    DomainSpec domainSpec(Lab lab, LabPlan.Node node, BaseImage image) {
        return domainSpec(lab, node, image, secrets.of(lab, node), false);
    }

    /** {@code restored}: its first-boot configuration is {@link FirstBootConfig#restored}, padded. */
    private DomainSpec domainSpec(Lab lab, LabPlan.Node node, BaseImage image, Optional<NodeSecrets> own, boolean restored) {
        List<DomainSpec.Nic> nics = new ArrayList<>();
        nics.add(new DomainSpec.Nic(management.name(), node.managementMac(), node.managementIp()));
        node.nics().forEach(nic -> nics.add(new DomainSpec.Nic(nic.libvirtNetwork(), nic.mac())));
        String config = restored ? ShapeSnapshots.padded(FirstBootConfig.restored(lab, node, management.prefix()))
                : FirstBootConfig.of(lab, node, management.prefix(), own.map(NodeSecrets::hostPrivateKey).orElse(null));
        return new DomainSpec(node.domain(),
                new DomainSpec.Owner(hypervisor.instance(), lab.id().toString(), node.name(), lab.trainee()),
                node.memoryMiB(), node.cpus(), image, hypervisor.volumePath(node.volume()),
                hypervisor.consoleLog(node.domain()), hypervisor.serialSocket(node.domain()), nics, config,
                own.map(NodeSecrets::vncPassword).orElse(null), hypervisor.firstBootFile(node.domain()));
    }

    /**
     * Restores a new node from its shape's snapshot and gives it its identity (MACs, clock,
     * entropy, machine-id, then its first-boot configuration: hostname, keys, accounts,
     * addresses). Answers false, having left neither domain nor disk, when the node is not new
     * or could not be restored (the reason logged): it then boots cold. A node whose restore a
     * stopped platform left unfinished (its {@link Hypervisor#restoringMark}, written before
     * anything else, is still there) is deleted and restored again: it never had its identity,
     * so neither the trainee nor the platform could reach it.
     */
    private boolean restoreNode(Lab lab, LabPlan.Node node, BaseImage image, long labTurn, CountDownLatch after,
            Runnable hasTurn) {
        Path mark = hypervisor.restoringMark(node.domain());
        if (Files.exists(mark)) {
            LOG.infof("Lab %s: node %s was being restored when the platform stopped: restored again", lab.id(), node.name());
            hypervisor.removeDomain(node.domain(), hypervisor.consoleLog(node.domain()));
            hypervisor.removeVolume(node.volume());
        }
        if (hypervisor.exists(node.domain()) || hypervisor.volumeExists(node.volume())) return false;
        long started = System.nanoTime();
        try {
            Files.createDirectories(mark.getParent());
            Files.writeString(mark, lab.id() + " " + node.name() + "\n");
            Shape shape = snapshots.shapeOf(image, node.memoryMiB(), node.cpus(), 1 + node.nics().size());
            ShapeSnapshots.Snapshot snapshot = snapshots.findOrBuild(shape,
                    step -> LOG.infof("Lab %s, node %s: %s", lab.id(), node.name(), step));
            // A node without setup script asks for its turn once its lab's nodes with one have
            // theirs (their threads may reach the queue later); not longer than SETUPS_FIRST_WITHIN
            if (after != null) after.await(SETUPS_FIRST_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            try (ShapeSnapshots.Turn turn = snapshots.turn(labTurn, node.setupScript() != null)) {
                hasTurn.run();
                long restoring = System.nanoTime();
                hypervisor.ensureOverlay(node.volume(), snapshot.disk(), image.virtualSize());
                Optional<NodeSecrets> own = secrets.of(lab, node);
                DomainSpec spec = domainSpec(lab, node, image, own, true);
                hypervisor.writeFirstBoot(spec.firstBootFile(), spec.firstBootConfig());
                hypervisor.define(node.domain(), hypervisor.domainXml(spec));
                snapshots.restore(snapshot, node.domain());
                long identifying = System.nanoTime();
                snapshots.reidentify(node.domain(), new ShapeSnapshots.Identity(
                        spec.nics().stream().map(DomainSpec.Nic::mac).toList(),
                        own.map(NodeSecrets::hostPrivateKey).orElse(null), own.map(NodeSecrets::hostPublicKey).orElse(null),
                        lab.pooled() || node.platformOwned() ? null : account(lab), node.setupScript() != null),
                        REIDENTIFY_WITHIN);
                Files.delete(mark);
                LOG.infof("Lab %s: node %s restored from shape %s in %.1f s (its turn after %.1f s, restore %.1f s,"
                        + " identity %.1f s)", lab.id(), node.name(), shape.id(), (System.nanoTime() - started) / 1e9,
                        turn.waited(), (identifying - restoring) / 1e9, (System.nanoTime() - identifying) / 1e9);
            }
            return true;
        } catch (InterruptedException e) {
            // Stopped while waiting for its turn: its mark stays, so provisioning it again restores it anew.
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The platform stops (or the lab's job was cancelled): no cold boot now; the mark
                // stays, so provisioning the node again deletes what is there and restores it anew.
                throw new CancelledException();
            }
            LOG.warnf("Lab %s: node %s boots cold, it could not be restored from its shape's snapshot: %s", lab.id(),
                    node.name(), e.getMessage());
            hypervisor.removeDomain(node.domain(), hypervisor.consoleLog(node.domain())); // and the mark
            hypervisor.removeVolume(node.volume());
            return false;
        }
    }

    /** Defines the node's VM if missing and starts it, its first-boot configuration written (0600) for QEMU to read. */
    private void startNode(Lab lab, LabPlan.Node node, BaseImage image) {
        DomainSpec spec = domainSpec(lab, node, image);
        hypervisor.writeFirstBoot(spec.firstBootFile(), spec.firstBootConfig());
        hypervisor.ensureRunning(node.domain(), hypervisor.domainXml(spec));
    }

    /**
     * Waits until the node has applied its first-boot configuration and answers; answers true
     * when it has no account for the lab's trainee (a claimed pooled lab's nodes: they were
     * configured before the lab had a trainee), which the same probe tells.
     */
    private boolean waitUntilAnswering(Lab lab, LabPlan.Node node, long deadline, BooleanSupplier cancelled) {
        String lastError = "no answer yet";
        boolean account = !lab.pooled() && !node.platformOwned();
        String probe = "test -f " + DomainSpec.CONFIGURED_MARKER + " || exit 3"
                + (account ? "; id -u " + UserNames.require("trainee", lab.trainee()) + " >/dev/null 2>&1 || exit 4" : "");
        while (true) {
            if (cancelled.getAsBoolean()) throw new CancelledException();
            try {
                NodeShell.Result r = NodeShell.run(node, lab.sshPrivateKey(), probe, null, Duration.ofSeconds(15));
                if (r.ok()) return false;
                if (r.exit() == NO_ACCOUNT && !r.cut()) return true;
                lastError = "first-boot configuration not applied yet";
            } catch (NodeShell.HostKeyRefused e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                lastError = e.getMessage();
                // The trainee's firewall or sshd settings may cut the platform's SSH for good:
                // a node booted again with them is up when its guest agent says so.
                if (runner.bootedThroughGuestAgent(node, "test -f " + DomainSpec.CONFIGURED_MARKER)) {
                    LOG.infof("Lab %s: node %s is up, reached through its guest agent only (SSH: %s)", lab.id(),
                            node.name(), lastError);
                    return false;
                }
            }
            if (!hypervisor.isRunning(node.domain())) {
                throw new IllegalStateException("VM " + node.name() + " stopped while booting." + consoleTail(node));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + node.name() + " did not answer on the management network ("
                        + node.managementIp() + ") within " + config.readyTimeout().toSeconds() + " s: " + lastError
                        + "." + consoleTail(node));
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }

    /** How long a cold-booted node's start-up jobs are waited for once it answers ({@link #awaitBooted}). */
    static final Duration BOOT_WITHIN = Duration.ofMinutes(2);

    /**
     * Waits, through its guest agent and at most {@link #BOOT_WITHIN}, until systemd says a
     * cold-booted node's start-up jobs are done ({@code systemctl is-system-running --wait}):
     * its sshd answers before the services the checks observe (the prover's reboot graded a
     * domain controller before samba-ad-dc had started: 5 checks failed that passed a minute
     * later). A node still starting after that, or whose agent does not answer, is left as it
     * is: it answered, and a trainee's unit may well never finish.
     */
    private void awaitBooted(Lab lab, LabPlan.Node node) {
        long started = System.nanoTime();
        try {
            NodeShell.Result r = runner.throughGuestAgent(node, "timeout " + BOOT_WITHIN.toSeconds()
                    + " systemctl is-system-running --wait", null, BOOT_WITHIN.plusSeconds(30));
            LOG.infof("Lab %s: node %s's boot %s, %.1f s after it answered", lab.id(), node.name(),
                    r.stdout().isBlank() ? "still starting" : r.stdout().strip(), (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
            LOG.infof("Lab %s: node %s answered; when its boot finishes is unknown (%s)", lab.id(), node.name(), e.getMessage());
        }
    }

    /**
     * Waits until the restored node's sshd greets on the management network (its banner read,
     * no session opened): its identity applied its first-boot configuration.
     */
    private void awaitSsh(Lab lab, LabPlan.Node node, long deadline, BooleanSupplier cancelled) {
        while (!NodeShell.greets(node)) {
            if (cancelled.getAsBoolean()) throw new CancelledException();
            if (!hypervisor.isRunning(node.domain())) {
                throw new IllegalStateException("VM " + node.name() + " stopped after its restore." + consoleTail(node));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("restored node " + node.name() + " has no sshd answering on the management network ("
                        + node.managementIp() + ") within " + config.readyTimeout().toSeconds() + " s." + consoleTail(node));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }

    private String consoleTail(LabPlan.Node node) {
        Path log = hypervisor.consoleLog(node.domain());
        try {
            List<String> lines = Files.readAllLines(log);
            return " Last console lines: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static final int NO_ACCOUNT = 4;

    /**
     * A node already running when its lab is provisioned (a claimed pooled lab's; or one a
     * stopped platform left running): whether, asked through its guest agent and without an SSH
     * session, it has applied its first-boot configuration and now has its trainee's account
     * (given here when missing, {@link #account}), and its sshd greets. False sends it the usual
     * way ({@link #waitUntilAnswering}), which also knows a node whose SSH the trainee cut.
     */
    private boolean upAlready(Lab lab, LabPlan.Node node) {
        boolean account = !lab.pooled() && !node.platformOwned();
        String command = "test -f " + DomainSpec.CONFIGURED_MARKER + " || exit 3" + (account ? "; " + account(lab) : "");
        long started = System.nanoTime();
        try {
            NodeShell.Result r = runner.throughGuestAgent(node, command, null, Duration.ofSeconds(30));
            if (!r.ok()) {
                LOG.infof("Lab %s: node %s is running; through its guest agent it answered %s: %s", lab.id(),
                        node.name(), r.status(), tail(r.stderr()));
                return false;
            }
        } catch (IOException e) {
            LOG.infof("Lab %s: node %s is running; its guest agent: %s", lab.id(), node.name(), e.getMessage());
            return false;
        }
        if (!NodeShell.greets(node)) return false;
        LOG.infof("Lab %s: node %s was up already%s, in %.1f s through its guest agent", lab.id(), node.name(),
                account ? " and has its trainee's account" : "", (System.nanoTime() - started) / 1e9);
        return true;
    }

    /**
     * The trainee's account, made when missing: a sudoer whose password is the lab's, given as
     * its crypt(3) hash: SHA-512 crypt (glibc's {@code $6$}, which PAM on the node checks), its
     * salt drawn by commons-codec from the platform's generator, so the guest runs one
     * {@code useradd} (chpasswd's yescrypt took 0.5-0.7 s under TCG). The hash is no weaker a
     * secret than the password itself on a node whose root is the trainee, its only reader.
     * Under a lock, for the guest agent's try and an SSH session after it may run this at once.
     */
    private String account(Lab lab) {
        String name = UserNames.require("trainee", lab.trainee());
        String hash = Sha2Crypt.sha512Crypt(lab.traineePassword().getBytes(StandardCharsets.UTF_8), null, random);
        if (!hash.matches("[$][0-9A-Za-z./$]+")) throw new IllegalStateException("an unexpected crypt(3) hash");
        return "exec 9>/run/atelier-account.lock && flock 9 || exit 1; id -u " + name
                + " >/dev/null 2>&1 || useradd -m -s /bin/bash -G sudo -p '" + hash + "' " + name + " || exit 1; exec 9>&-; ";
    }

    /**
     * Runs as root, in one command, what the node still needs before its trainee: the
     * trainee's account when it has none (a node booted cold for a claimed pooled lab;
     * {@code atelier-firstboot} gives it to any other node: a sudoer with the lab's password),
     * then its setup script once per disk (a marker file remembers it; the script is stdin) and
     * what a restored machine does after it ({@link ShapeSnapshots#AFTER_SETUP}). A node whose
     * guest agent just answered ({@code agentAnswers}: restored here, or found running, as a
     * claimed pooled lab's) runs this through its agent (no SSH session: 1-3 s of a TCG guest's
     * CPU), any other over SSH.
     * The script runs under a lock and leaves its mark, so when the agent stops answering midway
     * (guests starved of CPU by a class's restores let libvirt's 5 s pass), the same command over
     * SSH waits for the first run and finds its mark; it runs the script again only after a
     * failed first run.
     */
    private void prepare(Lab lab, LabPlan.Node node, boolean account, boolean agentAnswers) {
        if (!account && node.setupScript() == null) return;
        StringBuilder command = new StringBuilder();
        String what = "the setup script";
        if (account) {
            command.append(account(lab));
            what = node.setupScript() == null ? "the trainee's account" : "the trainee's account or the setup script";
        }
        if (node.setupScript() != null) {
            command.append(SETUP_ONCE).append(" && { ").append(ShapeSnapshots.AFTER_SETUP).append("; }");
        }
        String input = node.setupScript(); // null without one
        NodeShell.Result r = null;
        long started = System.nanoTime();
        if (agentAnswers) {
            try {
                r = runner.throughGuestAgent(node, command.toString(), input, SETUP_WITHIN);
            } catch (IOException e) {
                LOG.warnf("Lab %s: node %s: %s runs over SSH (%s)", lab.id(), node.name(), what, e.getMessage());
            }
        }
        try {
            if (r == null) r = runner.asRoot(node, lab.sshPrivateKey(), command.toString(), input, SETUP_WITHIN);
            if (!r.ok()) {
                throw new IllegalStateException(what + " of node " + node.name() + " failed (" + r.status() + "): "
                        + tail(r.stderr().isBlank() ? r.stdout() : r.stderr()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(what + " of node " + node.name() + " could not run: " + e.getMessage(), e);
        }
        LOG.infof("Lab %s: node %s: %s done in %.1f s%s", lab.id(), node.name(), what, (System.nanoTime() - started) / 1e9,
                account ? " (its trainee " + lab.trainee() + " had no account)" : "");
    }

    /**
     * Runs the script on stdin unless the node's disk has its mark, under a lock held by
     * {@code flock} alone (the script's own children do not inherit it), and marks the disk.
     */
    static final String SETUP_ONCE = "flock -o /run/atelier-setup.lock sh -c 'if [ -f /var/lib/atelier/setup-done ];"
            + " then exit 0; fi; sh -s && touch /var/lib/atelier/setup-done'";

    /** How long a setup script may run. */
    private static final Duration SETUP_WITHIN = Duration.ofMinutes(5);

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= 400 ? t : "…" + t.substring(t.length() - 400);
    }

    private void requireFirewall() {
        if (!hypervisorConfig.firewall()) return;
        try {
            firewall.verify();
        } catch (HypervisorException e) {
            throw new IllegalStateException("no VM was started: " + e.getMessage(), e);
        }
    }

    /** Starts the VMs of a lab whose disks are provisioned already (a graded lab inspected again). */
    public void powerOn(Lab lab) {
        requireFirewall();
        for (LabPlan.Network network : lab.plan().networks()) {
            hypervisor.ensureNetwork(network.libvirtName(), NetworkXml.lab(network.libvirtName(), network.bridge()));
        }
        examiners.of(lab);
        parallel(lab, node -> {
            BaseImage image = images.find(node.image());
            startNode(lab, node, image);
        });
    }

    /** Freezes every VM of the lab (a session's pause). */
    public void suspend(Lab lab) {
        parallel(lab, node -> hypervisor.suspend(node.domain()));
    }

    /**
     * Thaws every frozen VM of the lab, each given the host's time: a frozen guest's clock stops
     * with it, so after a pause of minutes it would be minutes behind (Kerberos, for one, refuses
     * a clock five minutes off). A VM that was not frozen (powered off, say) is left as it is.
     */
    public void resume(Lab lab) {
        parallel(lab, node -> {
            if (hypervisor.resume(node.domain())) takeHostTime(node, "thawed");
        });
    }

    /** Powers every VM off (ACPI first, then forced), keeping the disks. */
    public void stop(Lab lab) {
        parallel(lab, node -> hypervisor.stop(node.domain(), Duration.ofSeconds(30)));
    }

    /** Checkpoints every running VM of the lab, side by side ({@link Hypervisor#checkpoint}). */
    public void checkpoint(Lab lab, String name) {
        parallel(lab, node -> hypervisor.checkpoint(node.domain(), name));
    }

    /**
     * Takes every VM of the lab back to its checkpoint {@code name}, side by side, each given
     * the host's time through its guest agent (the checkpoint's clock is behind by the time
     * since it was taken: Kerberos, for one, refuses a clock five minutes off).
     */
    public void returnTo(Lab lab, String name) {
        parallel(lab, node -> {
            hypervisor.returnTo(node.domain(), name);
            takeHostTime(node, "back at its checkpoint");
        });
    }

    /**
     * Sets the clock of {@code node}, running again after a stop of its clock (restored or
     * thawed: {@code what}), to the host's, through its guest agent, whose channel reconnects
     * once the guest runs again (about a second).
     */
    private void takeHostTime(LabPlan.Node node, String what) throws InterruptedException {
        long until = System.nanoTime() + AGENT_BACK_WITHIN.toNanos();
        while (true) {
            Instant now = Instant.now();
            try {
                NodeShell.Result r = runner.throughGuestAgent(node, String.format("date -u -s @%d.%09d >/dev/null",
                        now.getEpochSecond(), now.getNano()), null, Duration.ofSeconds(30));
                if (r.ok()) return;
                throw new IllegalStateException("node " + node.name() + " " + what + " could not take the host's time: "
                        + r.stderr().strip());
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("node " + node.name() + " " + what + ": its guest agent did not answer"
                            + " within " + AGENT_BACK_WITHIN.toSeconds() + " s (" + e.getMessage() + ")", e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** How long a machine back at its checkpoint, or thawed, may take for its guest agent to answer again. */
    static final Duration AGENT_BACK_WITHIN = Duration.ofSeconds(60);

    /** Deletes the VMs and their disks, and the examiner on the host (reset starts from the base images again). */
    public void wipe(Lab lab) {
        examiners.close(lab.id());
        parallel(lab, node -> {
            hypervisor.removeDomain(node.domain(), hypervisor.consoleLog(node.domain()));
            hypervisor.removeVolume(node.volume());
        });
    }

    /** Deletes everything the lab had: VMs, disks, networks. */
    public void tearDown(Lab lab) {
        wipe(lab);
        for (LabPlan.Network network : lab.plan().networks()) {
            hypervisor.removeNetwork(network.libvirtName());
        }
        LOG.infof("Lab %s: VMs, disks and networks deleted", lab.id());
    }

    /** Which of the lab's VMs are running now (node name → running). */
    public Map<String, Boolean> running(Lab lab) {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (LabPlan.Node node : lab.plan().vms()) {
            states.put(node.name(), hypervisor.isRunning(node.domain()));
        }
        return states;
    }

    private interface NodeStep {
        void run(LabPlan.Node node) throws Exception;
    }

    /** How long a lab's node without setup script leaves its lab's nodes with one to take their restore's turn first. */
    private static final Duration SETUPS_FIRST_WITHIN = Duration.ofSeconds(30);

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) action.run();
        };
    }

    /** The nodes with a setup script first: started first, they ask for their restore's turn first. */
    private static final Comparator<LabPlan.Node> LONG_WORK_FIRST = Comparator.comparing(n -> n.setupScript() == null);

    /** Runs a step on every node at once; the first failure (in node order) is thrown. */
    private void parallel(Lab lab, NodeStep step) {
        parallel(lab, PLAN_ORDER, step);
    }

    private static final Comparator<LabPlan.Node> PLAN_ORDER = (a, b) -> 0;

    /** Runs a step on every VM at once, started in {@code order}; the first failure (in that order) is thrown. */
    private void parallel(Lab lab, Comparator<LabPlan.Node> order, NodeStep step) {
        List<Future<?>> running = new ArrayList<>();
        for (LabPlan.Node node : lab.plan().vms().stream().sorted(order).toList()) {
            running.add(nodes.submit(() -> {
                step.run(node);
                return null;
            }));
        }
        RuntimeException first = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
        if (first != null) throw first;
    }

    @PreDestroy
    void close() {
        nodes.shutdownNow();
    }
}
