package io.atelier.bench;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.atelier.TestFiles;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Accelerator;
import io.atelier.hypervisor.DomainSpec;
import io.atelier.hypervisor.DomainXml;
import io.atelier.image.BaseImage;
import io.atelier.image.ImageStore;
import io.atelier.lab.PackagedServer;
import io.atelier.lab.RealLabs;
import io.atelier.pool.PoolRules;
import io.atelier.lab.TestLabTemplates;
import io.atelier.security.Keycloak;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code ./atelier bench} (issue 14): on this machine, in one run, side by side, how long a
 * lab takes from its request to READY when its nodes boot cold and when they are restored from
 * their shape's booted snapshot, for one lab and for a class of four, on
 * {@code serveur-linux-partage-sauvegarde} (srv and client; the examiner runs on the host); the floor: the
 * same image started by hand ({@code virsh create}) until its SSH answers; each as seconds and
 * as a ratio to the cold boot. A guest's CPU for the same work started by hand with and without
 * address-space randomisation ({@link #guestWork}); machines sharing the cores in the scheduler's
 * default class and in its batch class ({@link #sideBySide}). Then the platform's memory (RSS) at idle and the API's
 * requests per second and 99th percentile on {@code GET /api/labs/{id}} with 50 clients.
 * <p>
 * The packaged platform runs three times on its own data, port and libvirt instance:
 * {@code atelier.snapshots.enabled} false, then true (the shapes are built before the restore
 * figures: their build is a one-off, reported apart), then with hot pools (four labs of the
 * template and one of {@value #BARE}, a template without setup script): once a pool is full,
 * the time from the request of labs that claim pooled ones to READY (the pool refills meanwhile).
 * One lab's figures are the median of {@value #SAMPLES} runs (a single run swung by 30 %: the
 * page cache, the guests' timers); a class's, one run. Not part of {@code ./atelier test}: its figures
 * are measurements, not pass/fail (a failure here is a lab that did not become READY).
 */
class LabBench {

    static final Path DATA = Path.of("target", "bench-data");
    static final String INSTANCE = "bench";
    static final int PORT = 8084;
    static final String BASE = "http://localhost:" + PORT;
    static final String TEMPLATE = "serveur-linux-partage-sauvegarde";
    static final List<String> CLASS = List.of("stagiaire1", "stagiaire2", "stagiaire3", "stagiaire1");
    static final Duration WITHIN = Duration.ofMinutes(15);
    /** A one-node test template without setup script, for the pool's target (claim → READY ≤ 3 s). */
    static final String BARE = "preuve-juste";
    /**
     * After a pool is full, its last machines' guests still finish what their restore started
     * (timers, the journal): a claim measured then shares the cores with them.
     */
    static final Duration SETTLE = Duration.ofSeconds(20);

    @Test
    void labsFromTheirRequestToReadyColdRestoredAndTheFloor() throws Exception {
        TestFiles.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        Path templates = TestLabTemplates.prepare("bench-templates");
        int dbPort = EmbeddedDatabaseTestResource.freePort();

        double cold1, cold4, restore1, restore4, floor;
        long rss;
        String api;
        Process server = start(dbPort, templates, false);
        try {
            rss = rssMiB(server);
            floor = floor();
            line("floor: virsh create of debian-samba until SSH answers", floor);
            cold1 = median("one lab, cold boot", this::oneLab);
            String id = createLab(CLASS.get(0));
            await(List.of(id));
            api = apiLoad(id);
            delete(List.of(id));
            cold4 = aClass();
            line("class of 4, cold boot (all READY)", cold4);
        } finally {
            stop(server);
        }
        server = start(dbPort, templates, true);
        try {
            long built = System.nanoTime();
            delete(await(List.of(createLab(CLASS.get(0)))));
            System.out.printf("[bench] shapes ready (built now when missing, once per image and size) in %.1f s%n",
                    (System.nanoTime() - built) / 1e9);
            restore1 = median("one lab, restored", this::oneLab);
            restore4 = aClass();
            line("class of 4, restored (all READY)", restore4);
        } finally {
            stop(server);
        }
        double pool1, pool4, poolBare;
        Map<String, Integer> pools = Map.of(TEMPLATE, CLASS.size(), BARE, 1);
        server = start(dbPort, templates, true, pools);
        try {
            // Each claim on a quiet host: every pool full and no pooled lab still being made
            // (a refill restoring machines beside a claim shares the two cores with it).
            pool1 = median("one lab, claimed from a hot pool", () -> {
                awaitPools(pools);
                return claimed(List.of(CLASS.get(0)), TEMPLATE);
            });
            awaitPools(pools);
            pool4 = claimed(CLASS, TEMPLATE);
            line("class of 4, claimed from a hot pool (all READY)", pool4);
            poolBare = median("one lab of " + BARE + " (no setup script), claimed from a hot pool", () -> {
                awaitPools(pools);
                return claimed(List.of(CLASS.get(0)), BARE);
            });
        } finally {
            stop(server);
        }
        // The pooled labs outlive the platform that made them (their VMs run): started again
        // without pools, it removes them and their machines, as a user's platform would.
        server = start(dbPort, templates, true);
        try {
            awaitNoMachines();
        } finally {
            stop(server);
        }

        System.out.println("==> ./atelier bench: " + TEMPLATE + " (srv, client; the examiner on the host), "
                + Runtime.getRuntime().availableProcessors() + " cores; one lab: the median of " + SAMPLES + " runs");
        System.out.printf(Locale.ROOT, "  %-44s %9s %14s%n", "", "seconds", "ratio to cold");
        row("one lab: cold boot", cold1, cold1);
        row("one lab: restored", restore1, cold1);
        row("one lab: claimed from a hot pool", pool1, cold1);
        row("floor: one VM by virsh, until SSH answers", floor, cold1);
        row("class of 4: cold boot", cold4, cold4);
        row("class of 4: restored", restore4, cold4);
        row("class of 4: claimed from a hot pool", pool4, cold4);
        System.out.printf(Locale.ROOT, "  platform RSS at idle: %d MiB%n", rss);
        System.out.println("  GET /api/labs/{id}, 50 clients: " + api);
        System.out.printf(Locale.ROOT, "  one lab of %s (poste, no setup script; the examiner on the host), claimed from a hot pool: %.1f s%n",
                BARE, poolBare);
    }

    /**
     * A guest's CPU for the same work, with address-space randomisation and as the platform runs
     * it ({@link #guestWork}), on the platform's management network (snapshots off: nothing else runs).
     */
    @Test
    void aGuestsCpuForTheSameWorkWithAndWithoutAddressRandomisation() throws Exception {
        TestFiles.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        Path templates = TestLabTemplates.prepare("bench-templates");
        double[] work;
        Process server = start(EmbeddedDatabaseTestResource.freePort(), templates, false);
        try {
            work = guestWork();
        } finally {
            stop(server);
        }
        System.out.printf(Locale.ROOT, "==> ./atelier bench: a guest's work (debian-samba, %d SSH logins, 300 short commands,"
                + " 10 dpkg-query -W), QEMU's CPU, the median of 3 runs%n", LOGINS);
        System.out.printf(Locale.ROOT, "  %-44s %9s %14s%n", "", "seconds", "ratio");
        row("address randomisation on", work[0], work[0]);
        row("as the platform runs it (norandmaps)", work[1], work[0]);
    }

    /** The machines {@link #sideBySide} runs at once: twice the host's two cores. */
    static final int SIDE_BY_SIDE = 4;

    /**
     * Machines sharing the cores as the platform runs them under TCG (their vCPU thread and main
     * loop in the scheduler's batch class, {@link DomainXml#cputune}) and in its default class:
     * {@value #SIDE_BY_SIDE} debian-samba at once, each doing the same work at the same time
     * ({@link #SHORT_COMMANDS} twice); each class twice, in turn (default, batch, batch, default).
     */
    @Test
    void machinesSharingTheCoresInTheBatchClassAndInTheDefaultOne() throws Exception {
        TestFiles.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        Path templates = TestLabTemplates.prepare("bench-templates");
        double[][] normal = new double[2][];
        double[][] batch = new double[2][];
        Process server = start(EmbeddedDatabaseTestResource.freePort(), templates, false);
        try {
            normal[0] = sideBySide("normal", DEFAULT_CLASS);
            batch[0] = sideBySide("batch", xml -> xml);
            batch[1] = sideBySide("batch", xml -> xml);
            normal[1] = sideBySide("normal", DEFAULT_CLASS);
        } finally {
            stop(server);
        }
        System.out.printf(Locale.ROOT, "==> ./atelier bench: %d machines at once sharing the cores (debian-samba, each 600 short"
                + " commands and 20 dpkg-query -W at the same time), QEMU's CPU a machine (mean), and the whole%n", SIDE_BY_SIDE);
        System.out.printf(Locale.ROOT, "  %-44s %9s %14s%n", "", "seconds", "ratio");
        for (int r = 0; r < 2; r++) {
            row("default class, run " + (r + 1) + ": CPU a machine", normal[r][0], normal[r][0]);
            row("batch (as the platform runs it), run " + (r + 1), batch[r][0], normal[r][0]);
            row("default class, run " + (r + 1) + ": the whole", normal[r][1], normal[r][1]);
            row("batch (as the platform runs it), run " + (r + 1), batch[r][1], normal[r][1]);
        }
    }

    /** The platform's document with the scheduler's default class for every thread. */
    static final UnaryOperator<String> DEFAULT_CLASS = xml -> xml
            .replaceAll("\\s*<vcpusched [^>]*/>", "").replaceAll("\\s*<emulatorsched [^>]*/>", "")
            .replaceAll("\\s*<cputune>\\s*</cputune>", "");

    /**
     * {@value #SIDE_BY_SIDE} machines started by hand with document {@code xml}, settled, then the
     * same work in each at once: {mean QEMU CPU seconds a machine, seconds for the whole}.
     */
    private static double[] sideBySide(String what, UnaryOperator<String> xml) throws Exception {
        Path keys = Files.createTempDirectory("bench-key");
        List<ByHand> vms = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(SIDE_BY_SIDE);
        try {
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString());
            String firstBoot = "admin_key=" + Files.readString(keys.resolve("id.pub")).strip() + "\n";
            for (int i = 0; i < SIDE_BY_SIDE; i++) {
                vms.add(ByHand.create(what + (i + 1), "10.217.0." + (241 + i), String.format(Locale.ROOT, "52:54:00:be:00:%02x", 0xf1 + i),
                        firstBoot, xml));
            }
            if (xml != DEFAULT_CLASS && !Files.readString(vms.get(0).file()).contains("scheduler='batch'")
                    && Accelerator.choose("auto", Path.of("/var/lib/atelier/images")) == Accelerator.TCG) {
                throw new AssertionError("the platform's document puts no thread in the batch class");
            }
            long deadline = System.nanoTime() + WITHIN.toNanos();
            for (ByHand vm : vms) vm.start();
            for (ByHand vm : vms) {
                vm.awaitSsh(deadline);
                awaitSettled(ssh(vm.ip(), keys.resolve("id")), vm.name());
            }
            RealLabs.pause(Duration.ofSeconds(20)); // the boots' last timers
            long[] before = new long[SIDE_BY_SIDE];
            for (int i = 0; i < SIDE_BY_SIDE; i++) before[i] = cpuNanos(vms.get(i).name());
            long started = System.nanoTime();
            List<Future<Boolean>> done = new ArrayList<>();
            for (ByHand vm : vms) {
                done.add(pool.submit(() -> sh(ssh(vm.ip(), keys.resolve("id")), SHORT_COMMANDS + "; " + SHORT_COMMANDS)));
            }
            for (int i = 0; i < SIDE_BY_SIDE; i++) {
                if (!done.get(i).get()) throw new AssertionError(vms.get(i).name() + ": the work failed");
            }
            double whole = (System.nanoTime() - started) / 1e9;
            double cpu = 0;
            for (int i = 0; i < SIDE_BY_SIDE; i++) cpu += (cpuNanos(vms.get(i).name()) - before[i]) / 1e9;
            System.out.printf(Locale.ROOT, "[bench] %d machines at once, %s: %.1f s of CPU a machine, %.1f s for the whole%n",
                    SIDE_BY_SIDE, what, cpu / SIDE_BY_SIDE, whole);
            return new double[] { cpu / SIDE_BY_SIDE, whole };
        } finally {
            pool.shutdownNow();
            for (ByHand vm : vms) vm.remove();
            TestFiles.deleteRecursively(keys);
        }
    }

    private static void row(String what, double seconds, double cold) {
        System.out.printf(Locale.ROOT, "  %-44s %9.1f %14.2f%n", what, seconds, seconds / cold);
    }

    /** One lab's figures: the median of {@value #SAMPLES} runs one after the other, each printed. */
    static final int SAMPLES = 3;

    private static double median(String what, java.util.function.DoubleSupplier run) {
        double[] samples = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            samples[i] = run.getAsDouble();
            System.out.printf(Locale.ROOT, "[bench] %s, run %d of %d: %.1f s%n", what, i + 1, SAMPLES, samples[i]);
        }
        java.util.Arrays.sort(samples);
        line(what + " (median)", samples[SAMPLES / 2]);
        return samples[SAMPLES / 2];
    }

    private static void line(String what, double seconds) {
        System.out.printf(Locale.ROOT, "[bench] %s: %.1f s%n", what, seconds);
    }

    private static Process start(int dbPort, Path templates, boolean restore) throws IOException {
        return start(dbPort, templates, restore, Map.of());
    }

    private static Process start(int dbPort, Path templates, boolean restore, Map<String, Integer> pools)
            throws IOException {
        System.out.println("[bench] starting the platform, snapshots " + (restore ? "on" : "off")
                + (pools.isEmpty() ? "" : ", hot pools " + pools));
        List<String> config = new ArrayList<>(List.of("atelier.templates.dir=" + templates.toAbsolutePath(),
                "atelier.hypervisor.instance=" + INSTANCE, "atelier.hypervisor.management-cidr=10.217.0.0/24",
                "atelier.labs.ready-timeout=PT15M", "atelier.snapshots.enabled=" + restore, "atelier.pools.plan-every=2s"));
        pools.forEach((template, size) -> config.add(PoolRules.variableOf(template) + "=" + size));
        return PackagedServer.start(DATA, dbPort, PORT, config);
    }

    /**
     * Waits until every pool has its labs waiting and none is being made (the administrators'
     * view of the pools), then until the restored machines have settled.
     */
    private static void awaitPools(Map<String, Integer> sizes) {
        long started = System.nanoTime();
        long until = started + WITHIN.toNanos();
        while (true) {
            JsonPath pools = given().baseUri(BASE).auth().oauth2(Keycloak.token("admin")).get("/api/admin/pools")
                    .then().statusCode(200).extract().jsonPath();
            boolean full = sizes.entrySet().stream().allMatch(e -> {
                Integer waiting = pools.get("find { it.templateId == '" + e.getKey() + "' }.waiting");
                Integer warming = pools.get("find { it.templateId == '" + e.getKey() + "' }.warming");
                return waiting != null && waiting >= e.getValue() && warming != null && warming == 0;
            });
            if (full) break;
            if (System.nanoTime() > until) throw new AssertionError("the pools are not full: " + pools.prettify());
            RealLabs.pause(Duration.ofSeconds(1));
        }
        System.out.printf(Locale.ROOT, "[bench] pools full (%s) after %.1f s%n", sizes, (System.nanoTime() - started) / 1e9);
        RealLabs.pause(SETTLE);
    }

    /** Waits until no VM of the bench's instance is left. */
    private static void awaitNoMachines() {
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        List<String> left = RealLabs.virsh("atelier-" + INSTANCE + "-", "list", "--all", "--name");
        while (!left.isEmpty()) {
            if (System.nanoTime() > until) throw new AssertionError("the pooled labs' machines are still there: " + left);
            RealLabs.pause(Duration.ofSeconds(1));
            left = RealLabs.virsh("atelier-" + INSTANCE + "-", "list", "--all", "--name");
        }
        System.out.println("[bench] the pooled labs were removed with their machines");
    }

    /**
     * Labs requested at once that claim pooled labs: the first request sent to the last READY
     * (the request's time read here, the HTTP round trip included).
     */
    private double claimed(List<String> trainees, String template) {
        Instant requested = Instant.now();
        List<String> ids = new ArrayList<>();
        for (String trainee : trainees) ids.add(createLab(trainee, template));
        await(ids);
        Instant last = requested;
        for (String id : ids) {
            Instant ready = Instant.parse(given().baseUri(BASE).auth().oauth2(Keycloak.token("formateur1"))
                    .get("/api/labs/" + id).then().statusCode(200).extract().path("readyAt"));
            if (ready.isAfter(last)) last = ready;
        }
        delete(ids);
        return Duration.between(requested, last).toMillis() / 1000.0;
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        server.waitFor();
    }

    /** One lab: its request to READY (the platform's own timestamps). */
    private double oneLab() {
        List<String> id = await(List.of(createLab(CLASS.get(0))));
        double s = span(id);
        delete(id);
        return s;
    }

    /** Four labs requested at once: the first request to the last READY. */
    private double aClass() {
        List<String> ids = new ArrayList<>();
        for (String trainee : CLASS) ids.add(createLab(trainee));
        await(ids);
        double s = span(ids);
        delete(ids);
        return s;
    }

    private static String createLab(String trainee) {
        return createLab(trainee, TEMPLATE);
    }

    private static String createLab(String trainee, String template) {
        return given().baseUri(BASE).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"" + template + "\", \"trainee\": \"" + trainee + "\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
    }

    private static List<String> await(List<String> ids) {
        for (String id : ids) RealLabs.awaitState(() -> BASE, id, WITHIN, "READY");
        return ids;
    }

    private static double span(List<String> ids) {
        Instant first = null, last = null;
        for (String id : ids) {
            JsonPath lab = given().baseUri(BASE).auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + id)
                    .then().statusCode(200).extract().jsonPath();
            Instant created = Instant.parse(lab.getString("createdAt"));
            Instant ready = Instant.parse(lab.getString("readyAt"));
            if (first == null || created.isBefore(first)) first = created;
            if (last == null || ready.isAfter(last)) last = ready;
        }
        return Duration.between(first, last).toMillis() / 1000.0;
    }

    private static void delete(List<String> ids) {
        for (String id : ids) {
            given().baseUri(BASE).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
        }
    }

    /** The floor: debian-samba on a fresh overlay, started by libvirt alone, until its sshd answers on the management network. */
    private static double floor() throws Exception {
        return byHand("floor", "10.217.0.250", "52:54:00:be:00:fa", "", xml -> xml, (ip, vm) -> 0);
    }

    /** The short commands of {@link #guestWork}: what a check's script or an agent's run is made of. */
    static final String SHORT_COMMANDS = "i=0; while [ $i -lt 100 ]; do date >/dev/null; id >/dev/null;"
            + " grep -q root /etc/passwd; i=$((i + 1)); done; for i in 1 2 3 4 5 6 7 8 9 10; do dpkg-query -W >/dev/null; done";

    /**
     * The guests' CPU for the same work with and without address-space randomisation (DESIGN:
     * QEMU translates code per virtual address): debian-samba started by hand twice, its kernel
     * command line as {@link DomainXml} writes it ({@code norandmaps} under TCG) and without
     * {@code norandmaps}; in each, once settled, {@value #LOGINS} SSH logins, then 300 short
     * commands and 10 {@code dpkg-query -W}, three times; QEMU's CPU (libvirt's
     * {@code cpu.time}) for the median run. Returns {randomised, as the platform runs it}, in seconds.
     */
    private static double[] guestWork() throws Exception {
        Path keys = Files.createTempDirectory("bench-key");
        try {
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString());
            String firstBoot = "admin_key=" + Files.readString(keys.resolve("id.pub")).strip() + "\n";
            double randomised = byHand("aslr", "10.217.0.251", "52:54:00:be:00:fb", firstBoot,
                    xml -> xml.replace(" norandmaps</cmdline>", "</cmdline>"), (ip, vm) -> work(ip, vm, keys.resolve("id")));
            double platform = byHand("norandmaps", "10.217.0.252", "52:54:00:be:00:fc", firstBoot, xml -> xml,
                    (ip, vm) -> work(ip, vm, keys.resolve("id")));
            return new double[] { randomised, platform };
        } finally {
            TestFiles.deleteRecursively(keys);
        }
    }

    static final int LOGINS = 10;

    /** The median of three runs of the work in VM {@code vm} at {@code ip}: QEMU's CPU seconds. */
    private static double work(String ip, String vm, Path key) throws Exception {
        List<String> ssh = ssh(ip, key);
        awaitSettled(ssh, vm);
        RealLabs.pause(Duration.ofSeconds(20)); // the boot's last timers
        double[] runs = new double[3];
        for (int r = 0; r < runs.length; r++) {
            long before = cpuNanos(vm);
            for (int i = 0; i < LOGINS; i++) {
                if (!sh(ssh, "true")) throw new AssertionError(vm + ": an SSH login failed");
            }
            if (!sh(ssh, SHORT_COMMANDS)) throw new AssertionError(vm + ": the short commands failed");
            runs[r] = (cpuNanos(vm) - before) / 1e9;
            System.out.printf(Locale.ROOT, "[bench] guest work in %s, run %d of 3: %.1f s of CPU%n", vm, r + 1, runs[r]);
        }
        java.util.Arrays.sort(runs);
        return runs[1];
    }

    private static List<String> ssh(String ip, Path key) {
        return List.of("ssh", "-i", key.toString(), "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=30", "atelier@" + ip);
    }

    /** Until the machine's boot has ended (systemd's view), over SSH. */
    private static void awaitSettled(List<String> ssh, String vm) throws IOException, InterruptedException {
        long until = System.nanoTime() + WITHIN.toNanos();
        while (!sh(ssh, "systemctl is-system-running --wait >/dev/null 2>&1; true")) {
            if (System.nanoTime() > until) throw new AssertionError(vm + ": no SSH login");
            RealLabs.pause(Duration.ofSeconds(2));
        }
    }

    private static boolean sh(List<String> ssh, String command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(ssh);
        c.add(command);
        return new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor() == 0;
    }

    /** libvirt's {@code cpu.time} of the domain: its QEMU's CPU, in nanoseconds. */
    private static long cpuNanos(String vm) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("virsh", "-c", "qemu:///system", "domstats", "--cpu-total", vm).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String l : out.split("\n")) {
            if (l.strip().startsWith("cpu.time=")) return Long.parseLong(l.strip().substring("cpu.time=".length()));
        }
        throw new IOException("no cpu.time for " + vm + ": " + out.strip());
    }

    interface OnVm {
        double at(String ip, String vm) throws Exception;
    }

    /**
     * debian-samba on a fresh overlay, started by libvirt alone ({@code virsh create}) on the
     * bench's management network, its document edited by {@code xml}; {@code then} runs once its
     * sshd answers. Returns the seconds to SSH for {@code then}'s 0, else what {@code then} returns.
     */
    private static double byHand(String what, String ip, String mac, String firstBoot,
            UnaryOperator<String> xml, OnVm then) throws Exception {
        ByHand vm = ByHand.create(what, ip, mac, firstBoot, xml);
        try {
            long started = System.nanoTime();
            vm.start();
            vm.awaitSsh(started + WITHIN.toNanos());
            double toSsh = (System.nanoTime() - started) / 1e9;
            double result = then.at(ip, vm.name());
            return result == 0 ? toSsh : result;
        } finally {
            vm.remove();
        }
    }

    /** A debian-samba machine of the bench's own, on a fresh overlay, outside any lab. */
    record ByHand(String name, String ip, Path disk, Path file, Path log) {

        static ByHand create(String what, String ip, String mac, String firstBoot,
                UnaryOperator<String> xml) throws Exception {
            long networkWithin = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (new ProcessBuilder("virsh", "-c", "qemu:///system", "net-info", "atelier-" + INSTANCE + "-mgmt")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0) {
                if (System.nanoTime() > networkWithin) throw new AssertionError("the platform made no management network");
                RealLabs.pause(Duration.ofMillis(500)); // the platform makes it in its first reconcile pass, after its start
            }
            BaseImage image = new ImageStore(() -> Path.of("/var/lib/atelier/images")).find("debian-samba");
            Path folder = Path.of("/var/lib/atelier/disks", INSTANCE);
            String name = "atelier-" + INSTANCE + "-" + what;
            Path disk = folder.resolve(name + ".qcow2");
            run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", image.disk().toString(), disk.toString());
            DomainSpec spec = new DomainSpec(name, new DomainSpec.Owner(INSTANCE, what, what, "-"), 384, 1, image, disk,
                    folder.resolve(name + ".log"), folder.resolve(name + ".sock"),
                    List.of(new DomainSpec.Nic("atelier-" + INSTANCE + "-mgmt", mac)),
                    "hostname=" + what + "\nmgmt=" + mac + " " + ip + "/24\n" + firstBoot);
            Path file = folder.resolve(name + ".xml");
            Files.writeString(file, xml.apply(DomainXml.of(spec, Accelerator.choose("auto", Path.of("/var/lib/atelier/images")))));
            return new ByHand(name, ip, disk, file, folder.resolve(name + ".log"));
        }

        void start() throws Exception {
            run("virsh", "-c", "qemu:///system", "create", file.toString());
        }

        void awaitSsh(long deadline) {
            while (!sshAnswers(ip)) {
                if (System.nanoTime() > deadline) throw new AssertionError("the " + name + " VM's SSH did not answer");
                RealLabs.pause(Duration.ofMillis(200));
            }
        }

        void remove() throws Exception {
            new ProcessBuilder("virsh", "-c", "qemu:///system", "destroy", name).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(); // gone already when create failed
            Files.deleteIfExists(disk);
            Files.deleteIfExists(file);
            Files.deleteIfExists(log);
        }
    }

    private static boolean sshAnswers(String ip) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, 22), 1000);
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            byte[] banner = in.readNBytes(4);
            return new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + ": " + out.strip());
    }

    private static long rssMiB(Process server) throws IOException {
        RealLabs.pause(Duration.ofSeconds(10)); // the start-up reconcile pass settles
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(server.pid()), "status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
        }
        throw new IOException("no VmRSS for the server");
    }

    /** 50 clients, each sending its next request when the last one answered, for 15 s (after 3 s of warm-up). */
    private static String apiLoad(String id) throws Exception {
        String token = Keycloak.token("formateur1");
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/api/labs/" + id)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        long warmUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long until = warmUntil + Duration.ofSeconds(15).toNanos();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 50; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < until) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != 200) failures.incrementAndGet();
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                        if (sent >= warmUntil) latencies.add(System.nanoTime() - sent);
                    }
                    return null;
                });
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
        return String.format(Locale.ROOT, "%.0f requests/s, p99 %.1f ms (%d answers not 200)", sorted.size() / 15.0, p99,
                failures.get());
    }
}
