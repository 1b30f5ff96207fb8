package io.atelier.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.atelier.hypervisor.DomainSpec;
import io.atelier.hypervisor.DomainXml;
import io.atelier.hypervisor.GuestAgent;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.HypervisorException;
import io.atelier.hypervisor.Inventory;
import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.hypervisor.SaveImage;
import io.atelier.image.BaseImage;

/**
 * Booted machines saved once per {@link Shape} and restored as many times as nodes need one
 * (issue 14). A snapshot is the memory and devices of a machine booted until systemd said
 * it was running ({@code memory.save}, libvirt's save image) and the overlay it booted on
 * ({@code booted.qcow2}, read-only: the saved memory expects what the boot wrote to disk, so
 * a clone's disk is a fresh overlay on it), kept next to the base image in
 * {@code <image folder>/shapes/<shape id>/}: an image rebuilt is another folder, so its old
 * snapshots are never used.
 * <p>
 * A clone is a domain defined as any node (its own name, UUID, MACs, disk, first-boot file
 * padded to {@link #CONFIG_BYTES}), started by {@link #restore} from a copy of the image
 * holding that domain's document ({@link SaveImage}), then given its identity through the
 * guest agent by {@link #reidentify}.
 */
@ApplicationScoped
public class ShapeSnapshots {

    private static final Logger LOG = Logger.getLogger(ShapeSnapshots.class);
    /**
     * The size of every first-boot configuration of a restored machine: the guest's fw_cfg
     * driver keeps the size it read at boot, so a longer one would be cut, a shorter one
     * followed by zeros. Measured: a node's configuration is under 2 KiB.
     */
    public static final int CONFIG_BYTES = 8192;
    static final Duration BOOT_WITHIN = Duration.ofMinutes(10);
    static final String MEMORY = "memory.save";
    static final String DISK = "booted.qcow2";
    /** The file a shape's build holds a lock on, host-wide (two platforms' processes). */
    static final String BUILD_LOCK = "build.lock";

    private final Hypervisor hypervisor;
    private final ManagementNetwork management;
    /** One lock per shape: two nodes of one shape wait for one build, nodes of two shapes build side by side. */
    private final Map<String, Object> building = new ConcurrentHashMap<>();
    /** Why a shape's build failed, so that this process does not boot it again for every node. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /** The machines of this process's builds under way. */
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    static final String BUILD_PREFIX = "shape-";
    private final SecureRandom random = new SecureRandom();
    /** Restores with their identity under way at once ({@link SnapshotConfig#parallelRestores}). */
    private final Turns restoring;
    /** The order in which labs asked for restores: their nodes' turns come in that order. */
    private final AtomicLong labsAsking = new AtomicLong();

    public ShapeSnapshots(Hypervisor hypervisor, ManagementNetwork management, SnapshotConfig config) {
        this.hypervisor = hypervisor;
        this.management = management;
        this.restoring = new Turns(Math.max(1, config == null ? 1
                : config.parallelRestores().orElse(Runtime.getRuntime().availableProcessors())));
    }

    /**
     * A turn to restore one machine and give it its identity ({@link #turn}); closing it gives
     * the turn to the next. {@code waited}: seconds spent in the queue.
     */
    public final class Turn implements AutoCloseable {
        private final double waited;
        private boolean given;

        private Turn(double waited) {
            this.waited = waited;
        }

        public double waited() {
            return waited;
        }

        @Override
        public void close() {
            if (given) return;
            given = true;
            restoring.give();
        }
    }

    /** A lab's place among the labs asking for restores: one per lab, for its nodes' {@link #turn}. */
    public long labTurn() {
        return labsAsking.getAndIncrement();
    }

    /**
     * Waits for a turn to restore a machine: at most {@link SnapshotConfig#parallelRestores} at
     * a time (under TCG a guest's identity is CPU work: twelve at once on two cores took over
     * 90 s each), labs in the order of their {@link #labTurn}, and within a lab the nodes with
     * {@code longWork} after their restore (a setup script) first: a lab is ready when its
     * slowest node is.
     */
    public Turn turn(long labTurn, boolean longWork) throws InterruptedException {
        long asked = System.nanoTime();
        restoring.take(new Turns.Ticket(labTurn, longWork));
        return new Turn((System.nanoTime() - asked) / 1e9);
    }

    /** A shape's saved machine: its memory image (as read once by {@link #find}) and the disk it booted on. */
    public record Snapshot(Shape shape, Path memory, SaveImage image, Path disk) {
    }

    /** The shape of a node of this image, memory, vCPUs and NICs on this host. */
    public Shape shapeOf(BaseImage image, int memoryMiB, int vcpus, int nics) {
        return new Shape(image, memoryMiB, vcpus, nics, hypervisor.versions());
    }

    public Path folder(Shape shape) {
        return shape.image().disk().getParent().resolve("shapes").resolve(shape.id());
    }

    /** The shape's snapshot when it was built completely and its image reads as one. */
    public Optional<Snapshot> find(Shape shape) {
        Path folder = folder(shape);
        Path memory = folder.resolve(MEMORY);
        Path disk = folder.resolve(DISK);
        if (!Files.isRegularFile(memory) || !Files.isRegularFile(disk)) return Optional.empty();
        try {
            return Optional.of(new Snapshot(shape, memory, SaveImage.read(memory), disk));
        } catch (IOException e) {
            LOG.warnf("The snapshot of shape %s is unusable (%s): nodes of that shape boot", shape.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The shape's snapshot, built now when there is none ({@link #build}); a shape whose build
     * failed in this process is not booted again: its first failure is thrown.
     */
    public Snapshot findOrBuild(Shape shape, Consumer<String> progress) {
        Optional<Snapshot> done = find(shape);
        if (done.isPresent()) return done.get();
        String before = failed.get(shape.id());
        if (before != null) throw new HypervisorException("its shape's snapshot could not be made earlier: " + before);
        try {
            return build(shape, progress);
        } catch (RuntimeException e) {
            failed.put(shape.id(), e.getMessage());
            throw e;
        }
    }

    /**
     * Boots a machine of {@code shape} (placeholder MACs, every NIC on the management network
     * and unconfigured, a padded configuration with a hostname only), waits until systemd says
     * it is running, takes off the first-boot marker (a clone is configured by
     * {@link #reidentify}; a clone's disk booted cold configures itself), and saves it. One
     * build per shape at a time, on this host: another platform's process (another instance,
     * as {@code ./atelier test} runs the shipped templates' proofs beside the other tests)
     * building the same shape is waited for through a lock on a file of the shape's folder,
     * since its move of the disk would replace the one this build's nodes were given; a shape
     * built meanwhile is answered.
     */
    public Snapshot build(Shape shape, Consumer<String> progress) {
        synchronized (building.computeIfAbsent(shape.id(), id -> new Object())) {
            Path folder = folder(shape);
            try {
                Files.createDirectories(folder);
                try (FileChannel file = FileChannel.open(folder.resolve(BUILD_LOCK), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock hostWide = file.lock()) {
                    return buildAlone(shape, progress);
                }
            } catch (IOException e) {
                throw new HypervisorException("the snapshot of shape " + shape.id() + " could not be made: its folder "
                        + folder + " cannot be locked: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Deletes, of {@code inventory}, the machines and disks of shape builds that are none of
     * this process's builds under way (a stopped platform left them); answers what it deleted.
     */
    public List<String> removeUnfinishedBuilds(Inventory inventory) {
        String prefix = hypervisor.prefix() + BUILD_PREFIX;
        List<String> removed = new ArrayList<>();
        for (String domain : inventory.domains()) {
            if (domain.startsWith(prefix) && !inProgress.contains(domain)) {
                hypervisor.removeDomain(domain, hypervisor.consoleLog(domain));
                removed.add("shape build " + domain);
            }
        }
        for (String volume : inventory.volumes()) {
            if (volume.startsWith(prefix) && !inProgress.contains(volume.replaceFirst("\\.qcow2$", ""))) {
                hypervisor.removeVolume(volume);
                removed.add("shape build volume " + volume);
            }
        }
        return removed;
    }

    private Snapshot buildAlone(Shape shape, Consumer<String> progress) {
        Optional<Snapshot> done = find(shape);
        if (done.isPresent()) return done.get();
        long started = System.nanoTime();
        Path folder = folder(shape);
        String name = hypervisor.prefix() + BUILD_PREFIX + shape.id();
        inProgress.add(name);
        String volume = name + ".qcow2";
        hypervisor.removeDomain(name, hypervisor.consoleLog(name)); // what a build cut short left
        hypervisor.removeVolume(volume);
        try {
            Files.createDirectories(folder);
            hypervisor.ensureOverlay(volume, shape.image().disk(), shape.image().virtualSize());
            List<DomainSpec.Nic> nics = new ArrayList<>();
            for (int i = 0; i < shape.nics(); i++) nics.add(new DomainSpec.Nic(management.name(), Shape.placeholderMac(i)));
            DomainSpec spec = new DomainSpec(name, new DomainSpec.Owner(hypervisor.instance(), "shape", shape.id(), "-"),
                    shape.memoryMiB(), shape.vcpus(), shape.image(), hypervisor.volumePath(volume), hypervisor.consoleLog(name),
                    hypervisor.serialSocket(name), nics, padded("hostname=forme\n"), null, hypervisor.firstBootFile(name));
            hypervisor.writeFirstBoot(spec.firstBootFile(), spec.firstBootConfig());
            hypervisor.ensureRunning(name, hypervisor.domainXml(spec));
            progress.accept("shape " + shape.id() + " (" + shape.image().name() + ", " + shape.memoryMiB() + " MiB, "
                    + shape.nics() + " NIC(s)): booting once");
            awaitRunning(name);
            progress.accept("shape " + shape.id() + ": running after " + seconds(started) + " s, saving it");
            Hypervisor.GuestCommand sync = hypervisor.guestExec(name, "rm -f " + DomainSpec.CONFIGURED_MARKER + " && sync", Duration.ofSeconds(60));
            if (sync.exit() != 0) throw new HypervisorException("sync in the shape's machine answered " + sync.exit());
            Path partial = folder.resolve(MEMORY + ".part");
            Files.deleteIfExists(partial);
            hypervisor.save(name, partial);
            hypervisor.removeDomain(name, hypervisor.consoleLog(name));
            Path disk = folder.resolve(DISK);
            Files.move(hypervisor.volumePath(volume), disk, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("r--r--r--"));
            Files.writeString(folder.resolve("shape.txt"), "image " + shape.image().name() + " " + shape.image().hash()
                    + "\nmemory " + shape.memoryMiB() + " MiB, " + shape.vcpus() + " vCPU(s), " + shape.nics() + " NIC(s)"
                    + "\nlayout " + DomainXml.LAYOUT + ", recipe " + Shape.RECIPE + "\n" + shape.versions() + "\n", StandardCharsets.UTF_8);
            Files.move(partial, folder.resolve(MEMORY), StandardCopyOption.ATOMIC_MOVE);
            progress.accept("shape " + shape.id() + ": saved in " + seconds(started) + " s ("
                    + Files.size(folder.resolve(MEMORY)) / (1 << 20) + " MiB)");
            return find(shape).orElseThrow(() -> new IllegalStateException("the snapshot just saved does not read"));
        } catch (IOException | TimeoutException e) {
            throw new HypervisorException("the snapshot of shape " + shape.id() + " could not be made: " + e.getMessage(), e);
        } finally {
            hypervisor.removeDomain(name, hypervisor.consoleLog(name));
            hypervisor.removeVolume(volume);
            inProgress.remove(name);
        }
    }

    /**
     * Starts {@code domain} (defined, off, its disk an overlay of the snapshot's, its first-boot
     * file padded) from the snapshot: a copy of the image with the domain's document, restored,
     * then deleted. The machine runs with the shape's identity until {@link #reidentify}.
     */
    public void restore(Snapshot snapshot, String domain) throws IOException {
        Path copy = snapshot.memory().resolveSibling(domain + ".save");
        long started = System.nanoTime();
        snapshot.image().copyWithXml(hypervisor.migratableXml(domain), copy);
        long copied = System.nanoTime();
        try {
            hypervisor.restore(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
        LOG.infof("%s: its image written in %.1f s, restored by libvirt in %.1f s", domain, (copied - started) / 1e9,
                (System.nanoTime() - copied) / 1e9);
    }

    /**
     * What a restored machine takes as its own through its guest agent besides its first-boot
     * configuration (which, for a restored node, leaves out what costs a TCG guest most: the
     * host key, read back with {@code ssh-keygen}, and the trainee's password, hashed by
     * {@code chpasswd}'s yescrypt).
     *
     * @param macs           its domain's MACs, in NIC order, management first
     * @param hostPrivateKey its SSH host key (PEM), or null: it keeps the one it has
     * @param hostPublicKey  the public half, as an OpenSSH line (with {@code hostPrivateKey})
     * @param account        a shell fragment giving the trainee's account, or null (none yet,
     *                       or a node without trainee)
     * @param setupAfter     a setup script runs on the machine next: smbd's restart under its
     *                       new name waits for it ({@link #AFTER_SETUP})
     */
    public record Identity(List<String> macs, String hostPrivateKey, String hostPublicKey, String account,
            boolean setupAfter) {
        public Identity {
            macs = List.copyOf(macs);
            if ((hostPrivateKey == null) != (hostPublicKey == null)) {
                throw new IllegalArgumentException("a host key comes with both its halves");
            }
        }

        /** The MACs alone: the machine keeps its host key, has no trainee and no setup script. */
        public static Identity of(List<String> macs) {
            return new Identity(macs, null, null, null, false);
        }
    }

    /** How often a restored machine's agent is asked again while libvirt holds it for not connected. */
    static final Duration AGENT_AFTER_RESTORE = Duration.ofMillis(500);

    /**
     * Gives a restored machine its own identity, through its guest agent, in one script: the
     * host's time, each NIC the MAC of its domain in place of the shape's placeholder, fresh
     * entropy, a new machine-id, its host key and trainee's account, then its first-boot
     * configuration applied again (hostname, the platform's key, addresses) and networkd's
     * configuration reloaded; answers once the management NIC has its address. While libvirt
     * says the agent is not connected (it learns it is from QEMU once the restored machine
     * runs: {@link GuestAgent.Unanswered#notConnected}), the agent is asked again until the timeout.
     */
    public void reidentify(String domain, Identity identity, Duration timeout) throws TimeoutException {
        byte[] seed = new byte[512];
        random.nextBytes(seed);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Hypervisor.GuestCommand r;
        int refused = 0;
        while (true) {
            try {
                r = hypervisor.guestExec(domain, reidentifyScript(identity, seed, Instant.now()),
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (refused > 0) {
                    LOG.infof("%s: its guest agent, held for not connected by libvirt just after the restore, answered %.1f s later",
                            domain, (System.nanoTime() - started) / 1e9);
                }
                break;
            } catch (GuestAgent.Unanswered e) {
                // just restored: libvirt may not know yet that the agent is there (nothing ran)
                if (!e.notConnected() || System.nanoTime() > deadline) throw e;
                refused++;
                try {
                    Thread.sleep(AGENT_AFTER_RESTORE.toMillis());
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw new HypervisorException("interrupted while " + domain + "'s guest agent was awaited", i);
                }
            }
        }
        if (r.exit() != 0) {
            throw new HypervisorException("the restored machine " + domain + " could not take its identity (exit " + r.exit()
                    + "): " + new String(r.stderr(), StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * Where {@link #reidentify} leaves smbd's invocation when a setup script runs next: smbd
     * took the shape's hostname as its NetBIOS name at its start and must start again to take
     * the node's. A setup script that configures Samba restarts it anyway (3-4 s of a TCG
     * guest, a second restart as much again, on the lab's critical path): {@link #AFTER_SETUP}
     * restarts it only when the script did not.
     */
    static final String SMBD_SHAPE = "/run/atelier-smbd-shape";

    /**
     * Run after a restored machine's setup script: smbd started again, not waited for, when it
     * is still the invocation the shape saved ({@link #SMBD_SHAPE}); nothing on any other
     * machine. Answers 0.
     */
    public static final String AFTER_SETUP = "if [ -f " + SMBD_SHAPE + " ]; then"
            + " if /usr/bin/systemctl -q is-active smbd && [ \"$(/usr/bin/systemctl show -p InvocationID --value smbd)\" = \"$(cat "
            + SMBD_SHAPE + ")\" ]; then /usr/bin/systemctl restart --no-block smbd; fi; rm -f " + SMBD_SHAPE + "; fi; true";

    /**
     * The guest's part of {@link #reidentify}. Measured under TCG (2026-12-02), each step's
     * share: the clock by {@code date} (qemu-ga's {@code guest-set-time} took 0.5–1.9 s: it
     * writes the RTC with {@code hwclock}, which waits for a second's edge), MACs 0.5 s, entropy
     * and machine-id 0.4 s, atelier-firstboot 2.9 s with the host key and the password (yescrypt
     * 0.5-0.7 s), {@code networkctl reload} 0.3 s where restarting networkd, resolved and ssh
     * took 4.3 s. sshd is not restarted: OpenSSH 9.2 (Debian 12) runs each connection in a fresh
     * exec of itself that reads the host key files again, so the platform's key is the one every
     * new connection presents (RealLabTest checks it); resolved restarts only for a node given
     * DNS servers.
     */
    static String reidentifyScript(Identity identity, byte[] seed, Instant now) {
        List<String> macs = identity.macs();
        StringBuilder s = new StringBuilder("set -e\n")
                .append("/usr/bin/date -u -s @").append(now.getEpochSecond()).append('.')
                .append(String.format("%09d", now.getNano())).append(" >/dev/null\n")
                .append("nic() { for f in /sys/class/net/*/address; do a=$(cat \"$f\"); if [ \"$a\" = \"$1\" ] || [ \"$a\" = \"$2\" ]; then")
                .append(" d=${f%/address}; echo \"${d##*/}\"; return 0; fi; done;")
                .append(" echo \"no NIC has the shape's MAC $1 nor $2\" >&2; return 1; }\n");
        for (int i = 0; i < macs.size(); i++) {
            if (!macs.get(i).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) throw new IllegalArgumentException("MAC " + macs.get(i));
            s.append("i=$(nic ").append(Shape.placeholderMac(i)).append(' ').append(macs.get(i))
                    .append(") && /usr/sbin/ip link set dev \"$i\" down")
                    .append(" && /usr/sbin/ip link set dev \"$i\" address ").append(macs.get(i)).append('\n');
            if (i == 0) s.append("m=$i\n");
        }
        // Two clones restored from one memory continue one kernel CRNG: the host's entropy is
        // mixed in, then the CRNG reseeded from it at once (RNDRESEEDCRNG, _IO('R', 7)); without
        // that reseed two clones drew the same "random" machine-id (measured)
        s.append("echo ").append(Base64.getEncoder().encodeToString(seed)).append(" | /usr/bin/base64 -d > /dev/urandom\n")
                .append("/usr/bin/perl -e 'open(my $u, \">\", \"/dev/urandom\") or die \"$!\"; ioctl($u, 0x5207, 0)")
                .append(" or die \"RNDRESEEDCRNG: $!\\n\"'\n")
                .append("/usr/bin/systemd-id128 new > /etc/machine-id.new && mv /etc/machine-id.new /etc/machine-id\n")
                .append("[ -L /var/lib/dbus/machine-id ] || ! [ -e /var/lib/dbus/machine-id ] || cp /etc/machine-id /var/lib/dbus/machine-id\n");
        if (identity.hostPrivateKey() != null) {
            // both halves as the platform made them: no ssh-keygen in the guest
            s.append("k=/etc/ssh/ssh_host_ecdsa_key\n(umask 077 && echo ").append(base64(identity.hostPrivateKey()))
                    .append(" | /usr/bin/base64 -d > \"$k.new\")\necho ").append(base64(identity.hostPublicKey().strip() + "\n"))
                    .append(" | /usr/bin/base64 -d > \"$k.pub.new\"\nchmod 0644 \"$k.pub.new\"\n")
                    .append("mv -f \"$k.new\" \"$k\" && mv -f \"$k.pub.new\" \"$k.pub\"\n");
        }
        if (identity.account() != null) s.append(identity.account()).append('\n');
        s.append("/usr/local/sbin/atelier-firstboot >/dev/null\n")
                // the examiner's NICs beyond the first into their namespaces, as at its boot
                .append("[ ! -x /usr/local/sbin/atelier-examiner-netns ] || /usr/local/sbin/atelier-examiner-netns >/dev/null\n")
                .append("/usr/bin/networkctl reload\n")
                .append("[ ! -e /etc/systemd/resolved.conf.d/50-atelier-dns.conf ] || /usr/bin/systemctl restart systemd-resolved\n");
        if (identity.setupAfter()) {
            s.append("! /usr/bin/systemctl -q is-active smbd || /usr/bin/systemctl show -p InvocationID --value smbd > ")
                    .append(SMBD_SHAPE).append('\n');
        } else {
            // smbd took the shape's hostname as its NetBIOS name at its start: it restarts to
            // take the node's, not waited for (3-4 s of a TCG guest)
            s.append("! /usr/bin/systemctl -q is-active smbd || /usr/bin/systemctl restart --no-block smbd\n");
        }
        s.append("n=0; until /usr/sbin/ip -4 -o addr show dev \"$m\" | grep -q ' inet '; do n=$((n + 1));")
                .append(" [ $n -lt 200 ] || { echo \"the management NIC $m has no address after 20 s\" >&2; exit 1; }; sleep 0.1; done\n");
        return s.toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code config} padded to {@link #CONFIG_BYTES} with one comment line. */
    public static String padded(String config) {
        int bytes = config.getBytes(StandardCharsets.UTF_8).length;
        if (!config.endsWith("\n")) throw new IllegalArgumentException("a configuration ends with a new line");
        if (bytes + 2 > CONFIG_BYTES) {
            throw new IllegalArgumentException("a first-boot configuration of " + bytes + " bytes; at most " + (CONFIG_BYTES - 2));
        }
        return config + "#".repeat(CONFIG_BYTES - bytes - 1) + "\n";
    }

    private void awaitRunning(String name) throws TimeoutException {
        long deadline = System.nanoTime() + BOOT_WITHIN.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                Hypervisor.GuestCommand r = hypervisor.guestExec(name, "systemctl is-system-running", Duration.ofSeconds(15));
                last = new String(r.stdout(), StandardCharsets.UTF_8).strip();
                if (last.equals("running") || last.equals("degraded")) return;
            } catch (HypervisorException | TimeoutException e) {
                last = e.getMessage();
            }
            if (!hypervisor.isRunning(name)) throw new HypervisorException("the shape's machine " + name + " stopped while booting");
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HypervisorException("interrupted while the shape's machine booted", e);
            }
        }
        throw new TimeoutException("the shape's machine " + name + " was not running within " + BOOT_WITHIN.toMinutes()
                + " min: " + last);
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
