package io.atelier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.node.Outlived;
import io.atelier.template.TemplateSpec;
import io.atelier.template.TemplateSpec.Check;
import io.atelier.template.TemplateSpec.Expect;
import io.atelier.template.TemplateSpec.Matcher;

/**
 * The engine with local transports: "local" runs the command with this machine's bash (a
 * real command, standing in for a node), the "fake" ones fail in the ways a node can.
 */
class CheckEngineTest {

    static Check run(String id, String command, String timeout, Matcher stdout) {
        return new Check(id, List.of("X.y"), null, "poste", null, null, timeout, command,
                new Expect(new TextNode("zero"), stdout, null), null, null, null, null, null);
    }

    /** Runs commands with the local bash, as a node would. */
    static class LocalBash implements Transport {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public String name() {
            return "local";
        }

        @Override
        public CommandOutput run(String command, Duration timeout) throws IOException, TimeoutException {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Process p = new ProcessBuilder("bash", "-c", command).start();
                try {
                    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly();
                        throw new TimeoutException("killed");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return new CommandOutput(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /** A fake transport that cannot reach the node (SSH behind the trainee's firewall). */
    static final class FakeUnreachable implements Transport {
        final AtomicInteger tried = new AtomicInteger();

        @Override
        public String name() {
            return "ssh";
        }

        @Override
        public CommandOutput run(String command, Duration timeout) throws IOException {
            tried.incrementAndGet();
            throw new IOException("connection timed out");
        }
    }

    @Test
    void passFailAndEvidenceComeBackInTheChecksOrder() {
        LocalBash local = new LocalBash();
        List<CheckResult> results = CheckEngine.run(List.of(
                run("ok", "echo PermitRootLogin no", null, new Matcher(null, "PermitRootLogin no", null, null, null)),
                run("ko", "echo PermitRootLogin yes", null, new Matcher(null, "PermitRootLogin no", null, null, null))),
                node -> List.of(local), h -> h, 2);
        assertEquals(Verdict.PASS, results.get(0).verdict());
        assertEquals("local", results.get(0).transport());
        assertEquals("PermitRootLogin no\n", results.get(0).output());
        assertEquals(0, results.get(0).exit());
        assertEquals(Verdict.FAIL, results.get(1).verdict());
        assertEquals("stdout does not contain 'PermitRootLogin no'", results.get(1).reason());
        assertEquals("echo PermitRootLogin yes", results.get(1).command());
    }

    static Check withBefore(Check c, String on, String script) {
        return new Check(c.id(), c.criteria(), c.points(), c.on(), null, null, c.timeout(), c.run(), c.expect(), null, null,
                null, null, null, null, new TemplateSpec.Before(on, script));
    }

    /** Each node its own folder: a node's commands run in it, so a test sees where each ran. */
    @Test
    void aChecksBeforeScriptRunsFirstOnItsOwnNodeAndItsFailureFailsTheCheckWithoutRunningIt() throws IOException {
        Path dc = Files.createTempDirectory("dc");
        Path examiner = Files.createTempDirectory("examiner");
        Function<String, List<Transport>> nodes = node -> List.of(new LocalBash() {
            @Override
            public CommandOutput run(String command, Duration timeout) throws IOException, TimeoutException {
                return super.run("cd " + (node.equals("dc") ? dc : examiner) + " && " + command, timeout);
            }
        });
        Check reads = new Check("csv", List.of("X.y"), null, "examiner", null, null, null,
                "cat " + dc + "/imported; touch ran", new Expect(new TextNode("zero"), null, null), null, null, null, null,
                null);
        CheckResult passed = CheckEngine.run(List.of(withBefore(reads, "dc", "echo lucie > imported")), nodes, h -> h, 1)
                .get(0);
        assertEquals(Verdict.PASS, passed.verdict(), passed.toString());
        assertEquals("lucie\n", passed.output(), "the check saw what its before script did on the other node");
        assertTrue(Files.exists(examiner.resolve("ran")));
        Files.delete(examiner.resolve("ran"));

        CheckResult failed = CheckEngine.run(List.of(withBefore(reads, "dc", "echo 'import.sh: ligne 3 : erreur' >&2; exit 4")),
                nodes, h -> h, 1).get(0);
        assertEquals(Verdict.FAIL, failed.verdict());
        assertEquals(4, failed.exit());
        assertTrue(failed.output().contains("import.sh: ligne 3 : erreur"), failed.output());
        assertEquals("before the check, on dc, the platform's script exited 4; the check itself did not run", failed.reason());
        assertTrue(!Files.exists(examiner.resolve("ran")), "the check did not run");

        CheckResult unreachable = CheckEngine.run(List.of(withBefore(reads, "ailleurs", "true")),
                node -> node.equals("ailleurs") ? List.of(new FakeUnreachable()) : nodes.apply(node), h -> h, 1).get(0);
        assertEquals(Verdict.ERROR, unreachable.verdict(), "the platform's step not done is no verdict on the trainee");
        assertTrue(unreachable.reason().startsWith("before the check, on ailleurs: the node could not be reached"),
                unreachable.reason());
    }

    @Test
    void checksRunInParallelWithinTheBound() {
        LocalBash local = new LocalBash();
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < 12; i++) checks.add(run("c" + i, "sleep 0.2; echo " + i, null, null));
        List<CheckResult> results = CheckEngine.run(checks, node -> List.of(local), h -> h, 4);
        assertTrue(results.stream().allMatch(r -> r.verdict() == Verdict.PASS), results.toString());
        assertEquals("7\n", results.get(7).output(), "results keep the checks' order");
        assertTrue(local.most.get() <= 4, "at most 4 at once, saw " + local.most.get());
        assertTrue(local.most.get() >= 2, "checks ran in parallel, saw " + local.most.get());
    }

    /** The prover gives the checks longest first: they must start in that order, the bound at a time. */
    @Test
    void checksStartInTheOrderGivenTheBoundAtATime() throws IOException {
        Path log = Files.createTempFile("starts", ".log");
        LocalBash local = new LocalBash();
        List<Check> checks = new java.util.ArrayList<>();
        for (String id : List.of("c1", "c2", "c3", "c4", "c5", "c6")) {
            checks.add(run(id, "echo " + id + " >> " + log + "; sleep 0.2", null, null));
        }
        List<CheckResult> results = CheckEngine.run(checks, node -> List.of(local), h -> h, 2);
        assertEquals(List.of("c1", "c2", "c3", "c4", "c5", "c6"), results.stream().map(CheckResult::checkId).toList());
        List<String> started = Files.readAllLines(log);
        assertEquals(java.util.Set.of("c1", "c2"), java.util.Set.copyOf(started.subList(0, 2)), "started: " + started);
        assertEquals(java.util.Set.of("c5", "c6"), java.util.Set.copyOf(started.subList(4, 6)), "started: " + started);
        assertTrue(local.most.get() <= 2, "more than the bound ran at once: " + local.most.get());
    }

    @Test
    void whenSshCannotReachTheNodeTheNextTransportRunsTheCheck() {
        FakeUnreachable ssh = new FakeUnreachable();
        LocalBash agent = new LocalBash() {
            @Override
            public String name() {
                return "guest-agent";
            }
        };
        CheckResult result = CheckEngine.run(List.of(run("c", "echo ok", null, null)), node -> List.of(ssh, agent), h -> h, 1)
                .get(0);
        assertEquals(Verdict.PASS, result.verdict());
        assertEquals("guest-agent", result.transport(), "the result says which transport ran");
        assertEquals(1, ssh.tried.get());
    }

    @Test
    void aCheckThatCannotRunIsAnErrorWithItsReasonNeverAPassOrAFail() {
        FakeUnreachable ssh = new FakeUnreachable();
        CheckResult unreachable = CheckEngine.run(List.of(run("c", "true", null, null)), node -> List.of(ssh), h -> h, 1).get(0);
        assertEquals(Verdict.ERROR, unreachable.verdict());
        assertTrue(unreachable.reason().contains("could not be reached (ssh: connection timed out)"), unreachable.reason());

        LocalBash local = new LocalBash();
        CheckResult slow = CheckEngine.run(List.of(run("slow", "sleep 5", "1s", null)), node -> List.of(local), h -> h, 1).get(0);
        assertEquals(Verdict.ERROR, slow.verdict());
        assertTrue(slow.reason().startsWith("no answer within 1 s"), slow.reason());
        assertTrue(slow.took().compareTo(Duration.ofSeconds(4)) < 0, "the timeout cut it: " + slow.took());

        Transport stopped = new Transport() {
            @Override
            public String name() {
                return "host";
            }

            @Override
            public CommandOutput run(String command, Duration timeout) throws TimeoutException {
                throw new Outlived("the command outlived 1 s in the examiner", "x".repeat(3000) + "\nessai 8 : liste vide\n", "");
            }
        };
        CheckResult seen = CheckEngine.run(List.of(run("seen", "true", "1s", null)), node -> List.of(stopped), h -> h, 1).get(0);
        assertEquals(Verdict.ERROR, seen.verdict());
        assertNull(seen.exit());
        assertTrue(seen.reason().startsWith("no answer within 1 s (the command outlived"), seen.reason());
        assertTrue(seen.output().startsWith("…") && seen.output().endsWith("essai 8 : liste vide\n"),
                "what it printed before it was stopped, its end kept: " + seen.output());
        assertTrue(seen.output().length() <= 2001, "an excerpt: " + seen.output().length());

        CheckResult badRegex = CheckEngine.run(List.of(run("re", "echo x", null, new Matcher(null, null, "(", null, null))),
                node -> List.of(local), h -> h, 1).get(0);
        assertEquals(Verdict.ERROR, badRegex.verdict());
        assertTrue(badRegex.reason().startsWith("invalid regular expression"), badRegex.reason());

        CheckResult badTimeout = CheckEngine.run(List.of(run("t", "true", "soon", null)), node -> List.of(local), h -> h, 1).get(0);
        assertEquals(Verdict.ERROR, badTimeout.verdict());
        assertNull(badTimeout.exit());

        CheckResult noNode = CheckEngine.run(List.of(run("n", "true", null, null)), node -> List.of(), h -> h, 1).get(0);
        assertEquals(Verdict.ERROR, noNode.verdict(), "a node without transport is an error");
    }

    /** A transport whose command wrote past its limit: what SSH and the guest agent answer then. */
    static final class FakeCutOutput implements Transport {
        @Override
        public String name() {
            return "ssh";
        }

        @Override
        public CommandOutput run(String command, Duration timeout) {
            return new CommandOutput(0, "PermitRootLogin no\n" + "y\n".repeat(500_000), "", true);
        }
    }

    @Test
    void aCheckWhoseOutputWasCutFailsWhateverItExpectedAndSaysSo() {
        CheckResult cut = CheckEngine.run(List.of(
                run("c", "yes", null, new Matcher(null, "PermitRootLogin no", null, null, null))),
                node -> List.of(new FakeCutOutput()), h -> h, 1).get(0);
        assertEquals(Verdict.FAIL, cut.verdict(), "its output contains what it expects and it exited 0, yet it does not pass");
        assertEquals(CheckEngine.CUT, cut.reason());
        assertTrue(cut.reason().contains("was cut"), cut.reason());
        assertTrue(cut.output().endsWith("[output cut]"), "the evidence says so: " + cut.output());
        assertTrue(cut.output().length() < 2100, "the evidence is an excerpt: " + cut.output().length());
        assertEquals("ssh", cut.transport());
    }
}
