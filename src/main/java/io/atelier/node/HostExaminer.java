package io.atelier.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A lab's examiner as network namespaces on the host instead of a VM (DESIGN.md, "The
 * examiner on the host"): the checks run natively, with the host's Debian tools, on the
 * lab's networks, and cost 3 to 4 times less CPU than in an emulated machine.
 *
 * <p>Shape, for a lab with NICs {@code n0, n1, …}: an unprivileged holder process (uid
 * {@value #NOBODY}) in a new user namespace that owns a network namespace (the first NIC,
 * its address, its gateway as default route), a mount namespace and a UTS namespace (host
 * name {@code examiner}); each further NIC alone in a network namespace of its own, owned
 * by the same user namespace, that a check reaches with {@code ip netns exec <network> …}
 * as in the examiner's image. The host's end of each NIC is a veth on the lab network's
 * bridge. A check runs as the holder's uid: root inside its namespaces (addresses, raw
 * sockets, {@code ip netns exec}), nobody on the host, whose files it reads and cannot
 * write. Its mount namespace has a fresh {@code /tmp} and {@code /run}, the lab's own {@code /etc/hosts}
 * (checks add the lab's names to it) and an empty {@code /etc/resolv.conf} (no host
 * resolver to wait for).
 *
 * <p>Hand-written on util-linux ({@code setpriv}, {@code unshare}, {@code nsenter}) and
 * iproute2: no Java library creates namespaces, and these are the host's own tools.
 */
public final class HostExaminer implements AutoCloseable {

    /** The uid and gid the holder and the checks run as on the host. */
    public static final int NOBODY = 65534;
    /** What each of a command's output streams may hold, as over SSH. */
    static final int OUTPUT_LIMIT = NodeShell.OUTPUT_LIMIT;
    private static final Pattern NETWORK = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String HOLDER_MARK = "atelier-examiner";
    private static final Duration SETUP = Duration.ofSeconds(30);
    /** How long {@link #close} waits for killed holders to be gone. */
    private static final Duration HOLDERS_GONE = Duration.ofSeconds(10);

    /** One NIC: the lab network's name and bridge, the examiner's address on it, its gateway (or null). */
    public record Nic(String network, String bridge, String address, String gateway) {
        public Nic {
            if (!NETWORK.matcher(network).matches()) throw new IllegalArgumentException("network name " + network);
            if (!CIDR.matcher(address).matches()) throw new IllegalArgumentException("address " + address + " (a.b.c.d/nn)");
            if (gateway != null && !IP.matcher(gateway).matches()) throw new IllegalArgumentException("gateway " + gateway);
        }
    }

    private final String key;
    private final Path dir;
    private final long holder;
    private final List<Long> further;
    private final List<String> hostEnds;

    private HostExaminer(String key, Path dir, long holder, List<Long> further, List<String> hostEnds) {
        this.key = key;
        this.dir = dir;
        this.holder = holder;
        this.further = further;
        this.hostEnds = hostEnds;
    }

    /**
     * Creates the examiner of lab {@code key} (letters, digits, dashes) with its NICs, its
     * state in {@code stateRoot/key}. Must run as root on the host. What was made is undone
     * when a step fails.
     */
    public static HostExaminer create(String key, List<Nic> nics, Path stateRoot) throws IOException {
        if (!key.matches("[a-zA-Z0-9-]{1,64}")) throw new IllegalArgumentException("lab key " + key);
        if (nics.isEmpty()) throw new IllegalArgumentException("an examiner needs one NIC at least");
        Path dir = stateRoot.resolve(key);
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1\tlocalhost\n127.0.1.1\texaminer\n");
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "");
        for (Path p : List.of(hosts, resolv)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setAttribute(p, "unix:uid", NOBODY);
            Files.setAttribute(p, "unix:gid", NOBODY);
        }
        List<Long> further = new ArrayList<>();
        List<String> hostEnds = new ArrayList<>();
        long holder = -1;
        try {
            holder = startHolder(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "unshare",
                    "--user", "--map-root-user", "--net", "--mount", "--uts", "--fork", "--", "sleep", "infinity"), key);
            Files.writeString(dir.resolve("holder.pid"), Long.toString(holder));
            String tag = shortHash(key, 6);
            StringBuilder mounts = new StringBuilder();
            for (int i = 0; i < nics.size(); i++) {
                Nic nic = nics.get(i);
                long ns = holder;
                if (i > 0) {
                    ns = startHolder(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "nsenter",
                            "-t", Long.toString(holder), "-U", "--preserve-credentials", "--", "unshare", "--net", "--", "sleep",
                            "infinity"), key);
                    further.add(ns);
                    Files.writeString(dir.resolve("netns-" + nic.network() + ".pid"), Long.toString(ns));
                    mounts.append("touch /run/netns/").append(nic.network()).append(" && mount --bind /proc/").append(ns)
                            .append("/ns/net /run/netns/").append(nic.network()).append('\n');
                }
                String host = "ax" + tag + "h" + i;
                String inside = "ax" + tag + "n" + i;
                root("ip", "link", "add", host, "type", "veth", "peer", "name", inside);
                hostEnds.add(host);
                root("ip", "link", "set", inside, "netns", Long.toString(ns));
                root("ip", "link", "set", host, "master", nic.bridge(), "up");
                String in = "nsenter -t " + ns + " -n ";
                root("sh", "-c", in + "ip link set lo up && " + in + "ip link set " + inside + " name eth" + i + " && " + in
                        + "ip addr add " + nic.address() + " dev eth" + i + " && " + in + "ip link set eth" + i + " up"
                        + (nic.gateway() == null ? "" : " && " + in + "ip route add default via " + nic.gateway())
                        + " && " + in + "sysctl -q -w net.ipv4.ping_group_range='0 2147483647'");
            }
            // the checks' mount namespace, once: a fresh /tmp, the lab's hosts file, no resolver,
            // the further NICs' namespaces under their networks' names
            HostExaminer examiner = new HostExaminer(key, dir, holder, List.copyOf(further), List.copyOf(hostEnds));
            // (the lab's files first: their folder is under /run, or /tmp in tests); a /run of its
            // own, as a machine has, where checks take their locks
            NodeShell.Result setup = examiner.run("set -e\nhostname examiner\nmount --bind " + hosts + " /etc/hosts\n"
                    + "mount --bind " + resolv + " /etc/resolv.conf\nmount -t tmpfs -o mode=1777 tmpfs /tmp\n"
                    + "mount -t tmpfs -o mode=755 tmpfs /run\nmkdir -p /run/netns /run/lock\nchmod 1777 /run/lock\n"
                    + mounts, SETUP);
            if (!setup.ok()) throw new IOException("the examiner's mounts: " + setup.status() + ": " + setup.stderr().strip());
            return examiner;
        } catch (IOException | RuntimeException e) {
            new HostExaminer(key, dir, holder, further, hostEnds).close();
            throw e;
        } catch (TimeoutException e) {
            new HostExaminer(key, dir, holder, further, hostEnds).close();
            throw new IOException("the examiner of " + key + " could not be made: " + e.getMessage(), e);
        }
    }

    /** The examiner {@code key} left by an earlier run of the platform, when its holder still lives. */
    public static Optional<HostExaminer> find(String key, Path stateRoot) throws IOException {
        Path dir = stateRoot.resolve(key);
        Path pid = dir.resolve("holder.pid");
        if (!Files.exists(pid)) return Optional.empty();
        long holder = Long.parseLong(Files.readString(pid).strip());
        if (!isHolder(holder, key)) return Optional.empty();
        List<Long> further = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("netns-")).toList()) {
                further.add(Long.parseLong(Files.readString(p).strip()));
            }
        }
        return Optional.of(new HostExaminer(key, dir, holder, further, List.of()));
    }

    /** The keys of the examiners whose state is under {@code stateRoot}: for the start-up reconciler. */
    public static List<String> keys(Path stateRoot) throws IOException {
        if (!Files.isDirectory(stateRoot)) return List.of();
        try (var dirs = Files.list(stateRoot)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Runs {@code script} with {@code sh} in the examiner, as its root (nobody on the host),
     * bounded by {@code timeout}: past it the script and what it started are killed.
     */
    public NodeShell.Result run(String script, Duration timeout) throws IOException, TimeoutException {
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "nsenter", "-t", Long.toString(holder), "-U", "-n", "-m", "-u", "--preserve-credentials", "--", "env", "-i",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/tmp", "LANG=C.UTF-8", "sh", "-c",
                script);
        Process p = pb.start();
        p.getOutputStream().close();
        BoundedOutput out = new BoundedOutput(OUTPUT_LIMIT, () -> kill(p));
        BoundedOutput err = new BoundedOutput(OUTPUT_LIMIT, () -> kill(p));
        Thread o = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread e = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                // what it printed until then: the readers end when the killed processes' pipes close
                o.join(Duration.ofSeconds(2));
                e.join(Duration.ofSeconds(2));
                throw new Outlived("the command outlived " + timeout.toSeconds() + " s in the examiner", out.text(), err.text());
            }
            o.join(Duration.ofSeconds(5));
            e.join(Duration.ofSeconds(5));
        } catch (InterruptedException ie) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ie);
        }
        boolean cut = out.cut() || err.cut();
        return new NodeShell.Result(cut ? -1 : p.exitValue(), out.text(), err.text(), cut);
    }

    /**
     * Kills the holders (the namespaces go with their last process, the veths with them), waits
     * until they are gone (a signal is delivered later than {@code kill} returns: on a busy host
     * the holder still ran when a test looked right after), and removes the state.
     */
    @Override
    public void close() {
        List<Long> pids = new ArrayList<>(further);
        if (holder > 0) pids.add(holder);
        List<ProcessHandle> holders = new ArrayList<>();
        for (long pid : pids) ProcessHandle.of(pid).filter(h -> isHolder(pid, key)).ifPresent(holders::add);
        holders.forEach(ProcessHandle::destroyForcibly);
        // gone once reaped, not only killed: a killed holder is a zombie (its environment already
        // empty) until the JVM's reaper collects it, later on a busy host (run70)
        long until = System.nanoTime() + HOLDERS_GONE.toNanos();
        for (ProcessHandle h : holders) {
            try {
                h.onExit().get(Math.max(0, until - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still there after HOLDERS_GONE: its links are removed below all the same
            }
        }
        for (String host : hostEnds) {
            try {
                root("sh", "-c", "! ip link show " + host + " >/dev/null 2>&1 || ip link del " + host);
            } catch (IOException e) {
                // gone with its namespace
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // nothing left to remove
        }
    }

    /** The first {@code chars} hex digits of {@code text}'s SHA-256: short names for a lab's links and folders. */
    public static String shortHash(String text, int chars) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, chars);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    /** True while the holder lives (the namespaces with it). */
    public boolean alive() {
        return isHolder(holder, key);
    }

    /** The holder's pid: for tests. */
    public long holder() {
        return holder;
    }

    private static boolean isHolder(long pid, String key) {
        try {
            String env = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.ISO_8859_1);
            return env.contains(HOLDER_MARK + "=" + key + "\0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts a holder (its environment names the lab) and waits until it sits in its own network namespace. */
    private static long startHolder(List<String> command, String key) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put(HOLDER_MARK, key);
        Process p = pb.start();
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        long until = System.nanoTime() + SETUP.toNanos();
        while (System.nanoTime() < until) {
            if (!p.isAlive()) throw new IOException("the examiner's holder exited (" + p.exitValue() + "): " + command);
            // the unshare process itself, or its child, in the new namespaces: the sleep is the last descendant
            long pid = p.descendants().reduce((a, b) -> b).map(ProcessHandle::pid).orElse(p.pid());
            try {
                String ns = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
                String cmd = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
                if (!ns.equals(own) && cmd.startsWith("sleep")) return pid;
            } catch (IOException e) {
                // not there yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        p.destroyForcibly();
        throw new IOException("the examiner's holder did not start in " + SETUP.toSeconds() + " s");
    }

    /** Runs a host command as root; its failure is an IOException with its output. */
    private static void root(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(SETUP.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": still running after " + SETUP.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out.strip());
    }

    /** Kills the script and what it started, and waits until they are gone (5 s at most). */
    private static void kill(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone already, or not within 5 s: nothing more to do
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process was killed
        }
    }
}
