package io.atelier.hypervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

import io.atelier.image.ImageConfig;

/**
 * Idempotent operations on libvirt objects: "ensure" creates what is missing and starts
 * what is stopped, "remove" deletes what exists. Provisioning and reconciliation are built
 * from these, so running one twice (after a crash, say) converges instead of failing.
 */
@ApplicationScoped
public class Hypervisor {

    private static final Logger LOG = Logger.getLogger(Hypervisor.class);

    /** {@code VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP}: the command is in QEMU's human monitor language. */
    private static final int MONITOR_COMMAND_HMP = 1;
    /** {@code VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA}. */
    private static final int UNDEFINE_SNAPSHOTS_METADATA = 2;
    /** How long a pool's refresh waits for the volumes being built in it. */
    private static final Duration POOL_BUSY = Duration.ofMinutes(2);

    private final LibvirtConnection libvirt;
    private final HypervisorConfig config;
    private final GuestAgent guestAgent;
    private final HostFirewall firewall;
    private final ImageConfig images;
    private volatile Accelerator accel;

    public Hypervisor(LibvirtConnection libvirt, HypervisorConfig config, GuestAgent guestAgent, HostFirewall firewall,
            ImageConfig images) {
        this.libvirt = libvirt;
        this.config = config;
        this.guestAgent = guestAgent;
        this.firewall = firewall;
        this.images = images;
    }

    /**
     * Pins the management ports a domain's document records ({@link ManagementPort}) before its
     * VM starts: from the document libvirt holds, so that a VM defined by an earlier run pins
     * what it will use. Nothing without the host firewall (fast tests).
     */
    private void pinPorts(String domainXml) {
        if (!config.firewall()) return;
        ManagementPort.in(domainXml).forEach(firewall::pin);
    }

    /** The accelerator lab VMs use, probed once. */
    public Accelerator accelerator() {
        if (accel == null) {
            synchronized (this) {
                if (accel == null) accel = Accelerator.choose(config.accel(), images.dir());
            }
        }
        return accel;
    }

    /** The libvirt document of a VM of this platform: {@link DomainXml}, on its accelerator, with its CPU weight. */
    public String domainXml(DomainSpec spec) {
        return DomainXml.of(spec, accelerator(), config.cpuShares().orElse(0));
    }

    /** Prefix of every libvirt object of this platform instance: {@code atelier-<instance>-}. */
    public String prefix() {
        return "atelier-" + config.instance() + "-";
    }

    public String instance() {
        return config.instance();
    }

    public String poolName() {
        return "atelier-" + config.instance();
    }

    public Path poolFolder() {
        return config.disksDir().resolve(config.instance());
    }

    // --- networks

    public void ensureNetwork(String name, String xml) {
        libvirt.call("start network " + name, c -> {
            Network network = find(() -> c.networkLookupByName(name), ErrorNumber.VIR_ERR_NO_NETWORK);
            if (network == null) network = c.networkDefineXML(xml);
            if (network.isActive() == 0) network.create();
            return null;
        });
    }

    public void removeNetwork(String name) {
        libvirt.call("remove network " + name, c -> {
            Network network = find(() -> c.networkLookupByName(name), ErrorNumber.VIR_ERR_NO_NETWORK);
            if (network == null) return null;
            if (network.isActive() != 0) network.destroy();
            network.undefine();
            LOG.debugf("network %s removed", name);
            return null;
        });
    }

    // --- disks

    /** The platform's directory pool, created (with its folder) when missing. */
    public void ensurePool() {
        String name = poolName();
        Path folder = poolFolder();
        libvirt.call("start storage pool " + name, c -> {
            StoragePool pool = find(() -> c.storagePoolLookupByName(name), ErrorNumber.VIR_ERR_NO_STORAGE_POOL);
            if (pool == null) {
                pool = c.storagePoolDefineXML(StorageXml.pool(name, folder), 0);
                pool.build(0);
                pool.setAutostart(1);
            }
            if (pool.isActive() == 0) pool.create(0);
            return null;
        });
        try {
            Files.createDirectories(consoleFolder());
        } catch (IOException e) {
            throw new HypervisorException("cannot create " + consoleFolder() + ": " + e.getMessage(), e);
        }
    }

    public void ensureOverlay(String volume, Path base, long capacity) {
        libvirt.call("create disk " + volume, c -> {
            StoragePool pool = c.storagePoolLookupByName(poolName());
            if (find(() -> pool.storageVolLookupByName(volume), ErrorNumber.VIR_ERR_NO_STORAGE_VOL) == null) {
                pool.storageVolCreateXML(StorageXml.overlay(volume, base, capacity), 0);
            }
            return null;
        });
    }

    public void removeVolume(String volume) {
        libvirt.call("remove disk " + volume, c -> {
            StoragePool pool = c.storagePoolLookupByName(poolName());
            refresh(pool);
            StorageVol vol = find(() -> pool.storageVolLookupByName(volume), ErrorNumber.VIR_ERR_NO_STORAGE_VOL);
            if (vol != null) vol.delete(0);
            return null;
        });
    }

    /** Whether the platform pool holds this volume. */
    public boolean volumeExists(String volume) {
        return libvirt.call("look for disk " + volume, c -> {
            StoragePool pool = c.storagePoolLookupByName(poolName());
            return find(() -> pool.storageVolLookupByName(volume), ErrorNumber.VIR_ERR_NO_STORAGE_VOL) != null;
        });
    }

    /** Where a volume of the platform pool lives (what the domain's disk points at). */
    public Path volumePath(String volume) {
        return poolFolder().resolve(volume);
    }

    // --- domains

    /** Defines the domain if missing and starts it if it is not running. */
    public void ensureRunning(String name, String xml) {
        libvirt.call("start VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain == null) domain = c.domainDefineXML(xml);
            if (domain.isActive() == 0) {
                pinPorts(domain.getXMLDesc(0));
                domain.create();
            }
            return null;
        });
    }

    /** Defines the domain if it is missing (it stays off); answers its UUID. */
    public String define(String name, String xml) {
        return libvirt.call("define VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain == null) domain = c.domainDefineXML(xml);
            return domain.getUUIDString();
        });
    }

    /**
     * The domain's document as libvirt completed it (device addresses, aliases) and as a save
     * image holds one: secure (passwords kept) and migratable (no live-only parts).
     */
    public String migratableXml(String name) {
        return libvirt.call("read the document of VM " + name,
                c -> c.domainLookupByName(name).getXMLDesc(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_MIGRATABLE));
    }

    /** Saves a running VM's memory and devices to {@code file} ({@code virsh save}); the VM is off after it. */
    public void save(String name, Path file) {
        libvirt.call("save VM " + name + " to " + file, c -> {
            c.domainLookupByName(name).save(file.toString());
            return null;
        });
    }

    /**
     * Takes checkpoint {@code checkpoint} of a running VM: its memory, devices and disk,
     * inside its qcow2 overlay ({@code virsh snapshot-create-as}: QEMU's internal snapshot;
     * the VM pauses while its memory is written, 1.4 s for a 768 MiB DC under TCG).
     */
    public void checkpoint(String name, String checkpoint) {
        requireCheckpointName(checkpoint);
        libvirt.call("checkpoint VM " + name, c -> {
            c.domainLookupByName(name).snapshotCreateXML("<domainsnapshot><name>" + checkpoint + "</name></domainsnapshot>");
            return null;
        });
    }

    /**
     * Takes a running VM back to its {@link #checkpoint}, as it was then (the guest's clock
     * too: the caller sets it), and deletes the checkpoint. The VM loads it in place (QEMU's
     * {@code loadvm}, through libvirt's monitor passthrough, which libvirt logs as a taint):
     * libvirt's own revert ({@code virsh snapshot-revert}) starts a new QEMU process from it,
     * 11.5 s for a 768 MiB DC where {@code loadvm} took 1.4 s on the same busy host, and a
     * four-machine lab's return 40-50 s with three proofs side by side, long enough for the
     * other proofs' SSH checks to time out meanwhile.
     */
    public void returnTo(String name, String checkpoint) {
        requireCheckpointName(checkpoint);
        libvirt.call("take VM " + name + " back to its checkpoint " + checkpoint, c -> {
            Domain domain = c.domainLookupByName(name);
            org.libvirt.DomainSnapshot snapshot = domain.snapshotLookupByName(checkpoint);
            String answer = domain.qemuMonitorCommand("loadvm " + checkpoint, MONITOR_COMMAND_HMP);
            if (answer != null && !answer.isBlank()) {
                throw new HypervisorException("VM " + name + " did not load its checkpoint " + checkpoint + ": " + answer.strip());
            }
            snapshot.delete(0);
            return null;
        });
    }

    private static void requireCheckpointName(String checkpoint) {
        if (!checkpoint.matches("[a-z0-9][a-z0-9-]{0,62}")) throw new IllegalArgumentException("checkpoint name " + checkpoint);
    }

    /** Starts the domain its save image names from that image ({@code virsh restore}), running. */
    public void restore(Path file) {
        try {
            pinPorts(SaveImage.read(file).xml());
        } catch (IOException e) {
            throw new HypervisorException("cannot read the save image " + file + ": " + e.getMessage(), e);
        }
        libvirt.call("restore a VM from " + file, c -> {
            c.restore(file.toString());
            return null;
        });
    }

    /**
     * What makes a saved machine restorable here: libvirt's and the hypervisor's versions (a
     * save image from another QEMU may not load) and the accelerator (TCG and KVM states differ).
     */
    public String versions() {
        return libvirt.call("read libvirt's version", c -> "libvirt " + c.getLibVersion() + ", "
                + c.getType() + " " + c.getVersion() + ", " + accelerator().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Asks the guest to power off (ACPI), waits up to {@code grace}, then pulls the plug. */
    public void stop(String name, Duration grace) {
        boolean asked = libvirt.call("shut down VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain == null || domain.isActive() == 0) return false;
            // a frozen VM (a session's pause) cannot act on the power button: thaw it first
            if (domain.getInfo().state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_PAUSED) domain.resume();
            domain.shutdown();
            return true;
        });
        long deadline = System.nanoTime() + grace.toNanos();
        while (asked && isRunning(name) && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(500));
        }
        libvirt.call("power off VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain != null && domain.isActive() != 0) domain.destroy();
            return null;
        });
    }

    /** Freezes a running VM (its vCPUs stop; memory and devices kept); nothing when it is off, missing or frozen. */
    public void suspend(String name) {
        libvirt.call("pause VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain != null && domain.isActive() != 0
                    && domain.getInfo().state != org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_PAUSED) {
                domain.suspend();
            }
            return null;
        });
    }

    /** Thaws a VM frozen by {@link #suspend}; nothing when it is not frozen. True when it was thawed. */
    public boolean resume(String name) {
        return libvirt.call("resume VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain != null && domain.isActive() != 0
                    && domain.getInfo().state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_PAUSED) {
                domain.resume();
                return true;
            }
            return false;
        });
    }

    /** Whether the VM is frozen ({@link #suspend}). */
    public boolean isSuspended(String name) {
        return libvirt.call("read state of VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            return domain != null && domain.isActive() != 0
                    && domain.getInfo().state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_PAUSED;
        });
    }

    /** False also for a VM removed while it is asked about (a reset undefines and defines it again). */
    public boolean isRunning(String name) {
        return libvirt.call("read state of VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain == null) return false;
            Integer active = find(domain::isActive, ErrorNumber.VIR_ERR_NO_DOMAIN);
            return active != null && active != 0;
        });
    }

    public boolean exists(String name) {
        return libvirt.call("look up VM " + name,
                c -> find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN) != null);
    }

    public void removeDomain(String name, Path consoleLog) {
        libvirt.call("remove VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            if (domain == null) return null;
            List<ManagementPort> ports = ManagementPort.in(domain.getXMLDesc(0));
            if (domain.isActive() != 0) domain.destroy();
            if (config.firewall()) ports.forEach(firewall::unpin);
            // a VM with checkpoints (a proof stopped between a checkpoint and its return) is
            // undefined with their records; their data goes with its disk
            domain.undefine(UNDEFINE_SNAPSHOTS_METADATA);
            return null;
        });
        try {
            Files.deleteIfExists(consoleLog);
            Files.deleteIfExists(serialSocket(name));
            Files.deleteIfExists(firstBootFile(name));
            Files.deleteIfExists(restoringMark(name));
        } catch (IOException e) {
            LOG.warnf("could not delete the console log or socket of %s: %s", name, e.getMessage());
        }
    }

    /** Every domain, network and volume whose name starts with this platform's prefix. */
    public Inventory inventory() {
        String prefix = prefix();
        return libvirt.call("list libvirt objects", c -> {
            Set<String> domains = new TreeSet<>();
            for (Domain domain : c.listAllDomains(0)) {
                String name = domain.getName();
                if (name.startsWith(prefix)) domains.add(name);
            }
            Set<String> networks = new TreeSet<>();
            for (String[] names : new String[][] { c.listNetworks(), c.listDefinedNetworks() }) {
                Arrays.stream(names).filter(n -> n.startsWith(prefix)).forEach(networks::add);
            }
            Set<String> volumes = new TreeSet<>();
            StoragePool pool = find(() -> c.storagePoolLookupByName(poolName()), ErrorNumber.VIR_ERR_NO_STORAGE_POOL);
            if (pool != null && pool.isActive() != 0) {
                refresh(pool);
                volumes.addAll(Arrays.asList(pool.listVolumes()));
            }
            return new Inventory(domains, networks, volumes);
        });
    }

    /**
     * Where QEMU reads a VM's first-boot configuration (fw_cfg from a file, not from its command
     * line, which every local user can read): one file per domain, 0600, in a folder only root
     * lists (libvirt hands the file to QEMU's user while the VM runs).
     */
    public Path firstBootFile(String domain) {
        return config.disksDir().resolve(config.instance() + "-firstboot").resolve(shortDigest(domain) + ".cfg");
    }

    /**
     * The platform's note that this VM is being restored and has not taken its identity yet
     * (snapshot/ShapeSnapshots): a platform stopped in between finds it at its next provisioning.
     * Deleted with the domain.
     */
    public Path restoringMark(String domain) {
        return firstBootFile(domain).resolveSibling(shortDigest(domain) + ".restoring");
    }

    /** Writes (replaces) a VM's first-boot configuration file, 0600, before the VM starts. */
    public void writeFirstBoot(Path file, String content) {
        try {
            Path folder = file.getParent();
            Files.createDirectories(folder);
            // QEMU's user must reach the file, not list the folder
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            Path fresh = folder.resolve(file.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            Files.createFile(fresh, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(fresh, content, StandardCharsets.UTF_8);
            Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HypervisorException("cannot write the first-boot configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** The serial console's log of a VM (kept outside the pool folder, which holds only disks). */
    public Path consoleLog(String domain) {
        return consoleFolder().resolve(domain + ".log");
    }

    /**
     * The unix socket of a VM's serial console. Named by a digest of the domain name, because a
     * socket path must fit in 108 bytes ({@code sun_path}) and domain names are long.
     */
    public Path serialSocket(String domain) {
        return consoleFolder().resolve(shortDigest(domain) + ".sock");
    }

    /** The loopback TCP port of a running VM's VNC display, empty when the VM has none (off, or not found). */
    public OptionalInt vncPort(String name) {
        String xml = libvirt.call("read the display of VM " + name, c -> {
            Domain domain = find(() -> c.domainLookupByName(name), ErrorNumber.VIR_ERR_NO_DOMAIN);
            return domain == null || domain.isActive() == 0 ? null : domain.getXMLDesc(0);
        });
        if (xml == null) return OptionalInt.empty();
        Matcher port = VNC_PORT.matcher(xml);
        if (!port.find()) return OptionalInt.empty();
        int value = Integer.parseInt(port.group(1));
        return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
    }

    /**
     * What each output stream of a command run through the guest agent may hold (as over
     * SSH, {@code NodeShell.OUTPUT_LIMIT}): the guest keeps one byte more, to tell a cut
     * output from one of exactly this size.
     */
    public static final int GUEST_OUTPUT_LIMIT = 1 << 20;

    /**
     * What a command run by the QEMU guest agent did: exit code and raw output. {@code cut}:
     * an output went past {@link #GUEST_OUTPUT_LIMIT}; only its beginning is here, and the
     * command was stopped by a broken pipe as soon as it wrote further.
     */
    public record GuestCommand(int exit, byte[] stdout, byte[] stderr, boolean cut) {
        public GuestCommand(int exit, byte[] stdout, byte[] stderr) {
            this(exit, stdout, stderr, false);
        }
    }

    /**
     * Runs {@code command} with {@code /bin/sh} as root through the QEMU guest agent
     * ({@code guest-exec}, then {@code guest-exec-status} until it has exited), on the guest
     * agent's own threads and connection ({@link GuestAgent}). This reaches a node whatever
     * its network state, so checks still run when the trainee's firewall cuts SSH.
     * The command runs inside {@link #boundedInGuest}: the guest keeps at most
     * {@link #GUEST_OUTPUT_LIMIT} bytes (plus one) of each stream, so what the agent captures
     * and sends stays small, and the platform decodes no more than that either.
     *
     * @throws HypervisorException when the agent does not answer (VM off, agent not started,
     *                             busy or unresponsive)
     * @throws TimeoutException when the command outlives {@code timeout}
     */
    public GuestCommand guestExec(String name, String command, Duration timeout)
            throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ObjectNode exec = JSON.createObjectNode().put("execute", "guest-exec");
        ObjectNode args = exec.putObject("arguments").put("path", "/bin/sh").put("capture-output", true);
        args.putArray("arg").add("-c").add(boundedInGuest(GUEST_OUTPUT_LIMIT + 1)).add("sh").add(command);
        JsonNode started = agent(name, exec, deadline);
        long pid = started.path("return").path("pid").asLong(-1);
        if (pid < 0) throw new HypervisorException("the guest agent of " + name + " did not start the command: " + started);
        ObjectNode status = JSON.createObjectNode().put("execute", "guest-exec-status");
        status.putObject("arguments").put("pid", pid);
        while (true) {
            JsonNode state;
            try {
                state = agent(name, status, deadline).path("return");
            } catch (GuestAgent.Unanswered e) {
                // The command runs on; only news of it were lost (a guest starved of CPU lets
                // its agent miss libvirt's 5 s): asked again until the deadline
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the command took more than " + timeout.toSeconds()
                            + " s (its last news: " + e.getMessage() + ")");
                }
                pause(Duration.ofMillis(500));
                continue;
            }
            if (state.path("exited").asBoolean(false)) {
                Output out = decode(state, "out");
                Output err = decode(state, "err");
                return new GuestCommand(state.path("exitcode").asInt(state.has("signal") ? 128 + state.path("signal").asInt() : -1),
                        out.bytes(), err.bytes(), out.cut() || err.cut());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the command took more than " + timeout.toSeconds() + " s");
            }
            pause(Duration.ofMillis(100));
        }
    }

    /**
     * A POSIX shell script that runs its first argument with {@code /bin/sh -c}, passes at
     * most {@code keep} bytes of its stdout and of its stderr on (each through
     * {@code head -c}, so a command writing further gets a broken pipe and stops), and exits
     * with the command's exit status. The command gets none of the script's extra
     * descriptors; its status travels on descriptor 6 into a command substitution.
     */
    static String boundedInGuest(long keep) {
        String head = "/usr/bin/head -c " + keep;
        return "exec 4>&1 5>&2\n"
                + "s=$( { { { /bin/sh -c \"$1\" 4>&- 5>&- 6>&-; echo $? >&6; } | " + head + " >&4 4>&- 5>&- 6>&-; }"
                + " 2>&1 | " + head + " >&5 4>&- 5>&- 6>&-; } 6>&1 )\n"
                + "exit \"${s:-255}\"\n";
    }

    private JsonNode agent(String name, ObjectNode command, long deadline) {
        String answer = guestAgent.command(name, command.toString(), deadline);
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new HypervisorException("the guest agent of " + name + " answered no JSON: "
                    + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer));
        }
    }

    record Output(byte[] bytes, boolean cut) {
    }

    /**
     * One stream of {@code guest-exec-status}: at most {@link #GUEST_OUTPUT_LIMIT} bytes are
     * decoded (the base64 text past what holds one byte more is not), and it is cut when
     * there was more or when the agent itself truncated it ({@code out-truncated}).
     */
    static Output decode(JsonNode state, String stream) {
        JsonNode data = state.path(stream + "-data");
        boolean truncated = state.path(stream + "-truncated").asBoolean(false);
        if (data.isMissingNode() || data.isNull()) return new Output(new byte[0], truncated);
        String base64 = data.asText();
        int enough = (GUEST_OUTPUT_LIMIT + 1 + 2) / 3 * 4;
        byte[] bytes = Base64.getDecoder().decode(base64.length() > enough ? base64.substring(0, enough) : base64);
        boolean cut = truncated || base64.length() > enough || bytes.length > GUEST_OUTPUT_LIMIT;
        return new Output(bytes.length > GUEST_OUTPUT_LIMIT ? Arrays.copyOf(bytes, GUEST_OUTPUT_LIMIT) : bytes, cut);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern VNC_PORT = Pattern
            .compile("<graphics type='vnc' port='(-?\\d+)'");

    private static String shortDigest(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final int VIR_DOMAIN_XML_SECURE = 1;
    static final int VIR_DOMAIN_XML_MIGRATABLE = 8;

    private Path consoleFolder() {
        return config.disksDir().resolve(config.instance() + "-consoles");
    }

    /** A libvirt lookup that answers null when the object does not exist. */
    private static <T> T find(Lookup<T> lookup, ErrorNumber notFound) throws LibvirtException {
        try {
            return lookup.get();
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == notFound) return null;
            throw e;
        }
    }

    /**
     * Rereads the pool's folder (disks moved in and out of it by snapshot/ShapeSnapshots).
     * libvirt refuses while a volume of the pool is being built ("pool … has asynchronous jobs
     * running": another lab's overlay, a few seconds under load), which once failed a lab's
     * deletion beside another lab's provisioning: it is asked again until the build is over.
     */
    private static void refresh(StoragePool pool) throws LibvirtException {
        long until = System.nanoTime() + POOL_BUSY.toNanos();
        while (true) {
            try {
                pool.refresh(0);
                return;
            } catch (LibvirtException e) {
                boolean building = e.getError() != null && e.getError().getMessage() != null
                        && e.getError().getMessage().contains("asynchronous jobs running");
                if (!building || System.nanoTime() > until) throw e;
                LOG.debugf("pool busy building a volume, asking again: %s", e.getError().getMessage());
                pause(Duration.ofMillis(100));
            }
        }
    }

    @FunctionalInterface
    private interface Lookup<T> {
        T get() throws LibvirtException;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException("interrupted while waiting for libvirt", e);
        }
    }
}
