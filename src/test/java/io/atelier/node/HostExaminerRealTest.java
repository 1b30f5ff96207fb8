package io.atelier.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examiner on the host on real kernel namespaces: two bridges stand for a lab's two
 * networks, a root-owned namespace on each for a trainee's machine (a listening netcat).
 * The trainee is the adversary: their machine must not get past the examiner to the other
 * network, and a check, which talks to their services, must not be root on the host.
 */
class HostExaminerRealTest {

    private static final String LAN = "atl-xt-lan";
    private static final String WAN = "atl-xt-wan";
    private static final String NODE = "atl-xt-node";
    private static final String FAR = "atl-xt-far";
    private static Path state;
    private static HostExaminer examiner;

    @BeforeAll
    static void twoNetworksAndAnExaminer() throws Exception {
        cleanUp();
        sh("ip link add " + LAN + " type bridge && ip link set " + LAN + " up");
        sh("ip link add " + WAN + " type bridge && ip link set " + WAN + " up");
        machine(NODE, LAN, "10.77.0.10/24", "10.77.0.30");
        machine(FAR, WAN, "10.88.0.10/24", null);
        state = Files.createTempDirectory("host-examiner");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        examiner = HostExaminer.create("test-lab", List.of(new HostExaminer.Nic("lan", LAN, "10.77.0.30/24", "10.77.0.1"),
                new HostExaminer.Nic("wan", WAN, "10.88.0.30/24", null)), state);
    }

    @AfterAll
    static void removeAll() throws Exception {
        if (examiner != null) examiner.close();
        cleanUp();
    }

    @Test
    void aCheckReachesTheLabFromTheExaminersAddress() throws Exception {
        Path log = listen(NODE, "10.77.0.10", 7000);
        NodeShell.Result r = examiner.run("printf bonjour | nc -N -w 5 10.77.0.10 7000 && hostname", Duration.ofSeconds(30));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("examiner", r.stdout().strip());
        awaitContains(log, "Connection received on 10.77.0.30");
    }

    @Test
    void aFurtherNetworkIsReachedThroughIpNetnsExecOnly() throws Exception {
        listen(FAR, "10.88.0.10", 7001);
        NodeShell.Result inWan = examiner.run("ip netns exec wan nc -z -w 5 10.88.0.10 7001", Duration.ofSeconds(30));
        assertEquals(0, inWan.exit(), inWan.stdout() + inWan.stderr());
        NodeShell.Result fromLan = examiner.run("nc -z -w 3 10.88.0.10 7001", Duration.ofSeconds(30));
        assertNotEquals(0, fromLan.exit(), "the examiner's LAN side reached its WAN side's network without the lab");
    }

    @Test
    void aTraineesMachineDoesNotGetPastTheExaminer() throws Exception {
        listen(FAR, "10.88.0.10", 7002);
        // root on their machine, routing to the other network through the examiner's address
        Process p = new ProcessBuilder("ip", "netns", "exec", NODE, "nc", "-z", "-w", "3", "10.88.0.10", "7002").start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), "the trainee's machine reached another network through the examiner");
    }

    @Test
    void aCheckIsNobodyOnTheHostAndWritesOnlyItsOwnFiles() throws Exception {
        String before = Files.readString(Path.of("/etc/hosts"));
        NodeShell.Result r = examiner.run("""
                id -u
                touch /etc/atelier-examiner-test 2>/dev/null && echo etc-written
                touch /root/atelier-examiner-test 2>/dev/null && echo root-written
                cat /etc/shadow >/dev/null 2>&1 && echo shadow-read
                printf '10.77.0.10 node.lab node\\n' >> /etc/hosts && grep -c node.lab /etc/hosts
                echo x > /tmp/atelier-examiner-test && echo tmp-written
                exec 9>/run/atelier-examiner-test.lock && flock -w 5 9 && echo run-locked
                """, Duration.ofSeconds(30));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of("0", "1", "tmp-written", "run-locked"), r.stdout().lines().toList(), "root in its namespaces only");
        assertFalse(Files.exists(Path.of("/run/atelier-examiner-test.lock")), "the examiner's /run is its own");
        assertEquals(before, Files.readString(Path.of("/etc/hosts")), "the host's hosts file changed");
        assertFalse(Files.exists(Path.of("/etc/atelier-examiner-test")));
        assertFalse(Files.exists(Path.of("/tmp/atelier-examiner-test")), "the examiner's /tmp is its own");
    }

    @Test
    void aCheckPastItsTimeoutIsKilledWithWhatItStartedAndWhatItPrintedIsKept() throws Exception {
        long started = System.nanoTime();
        Outlived outlived = assertThrows(Outlived.class,
                () -> examiner.run("echo 'dc : KDC ok'; echo 'attente de LDAPS' >&2; sleep 1234 & sleep 1235", Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
        assertEquals("dc : KDC ok\n", outlived.stdout(), "what the check printed before its bound is its evidence");
        assertTrue(outlived.stderr().startsWith("attente de LDAPS\n"), outlived.stderr());
        assertTrue(ProcessHandle.allProcesses().noneMatch(h -> h.info().commandLine().orElse("").matches(".*sleep 123[45].*")),
                "a check's processes outlived its timeout");
    }

    @Test
    void closingLeavesNoProcessNoLinkNoFile() throws Exception {
        String before = bridged();
        HostExaminer other = HostExaminer.create("test-lab-2",
                List.of(new HostExaminer.Nic("lan", LAN, "10.77.0.31/24", null), new HostExaminer.Nic("wan", WAN, "10.88.0.31/24", null)),
                state);
        long holder = other.holder();
        assertTrue(ProcessHandle.of(holder).isPresent());
        assertTrue(HostExaminer.find("test-lab-2", state).isPresent(), "an examiner left by a crashed platform is found");
        other.close();
        assertTrue(ProcessHandle.of(holder).map(h -> !h.isAlive()).orElse(true));
        assertFalse(Files.exists(state.resolve("test-lab-2")));
        assertTrue(HostExaminer.find("test-lab-2", state).isEmpty());
        assertEquals(before, bridged(), "the closed examiner's links stay on the bridges");
    }

    /** The names of the links on the two bridges. */
    private static String bridged() throws Exception {
        return sh("for b in " + LAN + " " + WAN + "; do ip -o link show master $b | cut -d: -f2; done | sort");
    }

    /** A root-owned namespace on {@code bridge}: a trainee's machine. */
    private static void machine(String name, String bridge, String address, String gateway) throws Exception {
        sh("ip netns add " + name + " && ip link add " + name + "-h type veth peer name " + name + "-n && ip link set " + name
                + "-n netns " + name + " && ip link set " + name + "-h master " + bridge + " up && ip -n " + name
                + " addr add " + address + " dev " + name + "-n && ip -n " + name + " link set " + name + "-n up && ip -n "
                + name + " link set lo up" + (gateway == null ? "" : " && ip -n " + name + " route add default via " + gateway));
    }

    /** A netcat listening in machine {@code ns}, keeping the connections it gets; its log. */
    private static Path listen(String ns, String address, int port) throws Exception {
        Path log = Files.createTempFile("nc-" + port, ".log");
        new ProcessBuilder("ip", "netns", "exec", ns, "timeout", "60", "nc", "-n", "-v", "-l", "-k", address, Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sh("ip netns exec " + ns + " ss -Hlnt src " + address).contains(":" + port)) {
            if (System.nanoTime() > until) throw new IllegalStateException("nc does not listen on " + address + ":" + port);
            Thread.sleep(50);
        }
        return log;
    }

    private static void awaitContains(Path file, String text) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > until) throw new AssertionError("no \"" + text + "\" in " + Files.readString(file));
            Thread.sleep(50);
        }
    }

    private static void cleanUp() throws Exception {
        sh("pkill -f 'nc -n -v -l -k 10\\.(77|88)' ; for n in " + NODE + " " + FAR + "; do ip netns del $n 2>/dev/null; done; for b in "
                + LAN + " " + WAN + "; do ip link del $b 2>/dev/null; done; true");
    }

    private static String sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(command + ": " + out);
        return out;
    }
}
