package io.atelier.check;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.document.DurationText;
import io.atelier.node.NodeShell;
import io.atelier.node.Outlived;
import io.atelier.template.TemplateSpec;

/**
 * Runs the checks of a lab: at most {@code parallelism} at once, each within its timeout
 * (the template's, 60 s by default), on its node through the first transport that reaches
 * it. A transport that cannot reach a node is not tried again for that node in the same run.
 * The results come back in the checks' order.
 */
public final class CheckEngine {

    /**
     * A check's bound when its template sets none. A command that takes a second on an idle
     * node took more than 20 s (the bound before) on a host running four labs' proofs and the
     * test suite (CI on c3eb7a4: {@code nft list ruleset} on the firewall, ERROR "no answer");
     * a bound only has to stop what hangs.
     */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int EXCERPT = 2000;
    /** Why a check whose output went past the transport's limit fails, whatever it expected. */
    static final String CUT = "the output went past " + (NodeShell.OUTPUT_LIMIT >> 20)
            + " MiB and was cut (the command was stopped): a check never passes on a cut output";

    private CheckEngine() {
    }

    /**
     * @param transportsOf the transports of a node, in the order to try them (the same
     *                     objects for every check of that node, so that they can keep a
     *                     session and remember that they cannot reach it)
     * @param hostOf       a node name's address, for port checks
     */
    public static List<CheckResult> run(List<TemplateSpec.Check> checks, Function<String, List<Transport>> transportsOf,
            UnaryOperator<String> hostOf, int parallelism) {
        // a fixed pool: the checks start in the order given, {@code parallelism} at a time
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, parallelism), Thread.ofVirtual().factory())) {
            List<Future<CheckResult>> running = new ArrayList<>();
            for (TemplateSpec.Check check : checks) {
                running.add(threads.submit(() -> runOne(check, transportsOf, hostOf)));
            }
            List<CheckResult> results = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                results.add(outcome(checks.get(i), running.get(i)));
            }
            return results;
        }
    }

    private static CheckResult outcome(TemplateSpec.Check check, Future<CheckResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(check, null, null, "interrupted", Instant.now(), 0);
        } catch (ExecutionException e) {
            return error(check, null, null, "the check failed to run: " + e.getCause(), Instant.now(), 0);
        }
    }

    /**
     * Put before every check's command on the node: the Debian packages' tool directories
     * only. sudo's {@code secure_path} and the guest agent's environment both put
     * {@code /usr/local} first, where the trainee (root on the node) could drop a
     * {@code smbclient} or a {@code cat} that says what a check wants. What a trainee can do to
     * the packaged tools themselves is why grades come from the examiner's node.
     */
    static final String TOOLS_PATH = "PATH=/usr/sbin:/usr/bin:/sbin:/bin; export PATH; ";

    static CheckResult runOne(TemplateSpec.Check check, Function<String, List<Transport>> transportsOf,
            UnaryOperator<String> hostOf) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        CheckCommand command;
        Duration timeout;
        try {
            command = CheckCompiler.compile(check, hostOf);
            timeout = check.timeout() == null ? DEFAULT_TIMEOUT : DurationText.parse(check.timeout());
        } catch (RuntimeException e) {
            return error(check, null, null, "the check is not runnable: " + e.getMessage(), at, started);
        }
        if (check.before() != null) {
            String script = check.before().run();
            String where = "before the check, on " + check.before().on();
            Ran before = runOn(transportsOf.apply(check.before().on()), script, timeout);
            if (before.why() != null) {
                return error(check, before.transport(), script, where + ": " + before.why(), before.output(), at, started);
            }
            CommandOutput output = before.output();
            if (output.exit() != 0 || output.cut()) {
                return new CheckResult(check.id(), Verdict.FAIL, before.transport(), script, output.exit(), excerpt(output),
                        where + ", the platform's script " + (output.cut() ? "printed too much: " + CUT : "exited "
                                + output.exit()) + "; the check itself did not run", at, since(started));
            }
        }
        Ran ran = runOn(transportsOf.apply(check.on()), command.command(), timeout);
        if (ran.why() != null) return error(check, ran.transport(), command.command(), ran.why(), ran.output(), at, started);
        CommandOutput output = ran.output();
        if (output.cut()) {
            return new CheckResult(check.id(), Verdict.FAIL, ran.transport(), command.command(), output.exit(),
                    excerpt(output), CUT, at, since(started));
        }
        Evaluation evaluation;
        try {
            evaluation = Expectations.evaluate(command.expect(), output);
        } catch (IllegalArgumentException e) {
            return error(check, ran.transport(), command.command(), e.getMessage(), at, started);
        }
        return new CheckResult(check.id(), evaluation.passed() ? Verdict.PASS : Verdict.FAIL, ran.transport(),
                command.command(), output.exit(), excerpt(output), evaluation.reason(), at, since(started));
    }

    /**
     * What the first transport that reached the node got: its output, or why there is none
     * ({@code why} not null); then {@code output}, when not null, is what a command stopped at
     * its bound had printed until then (exit -1).
     */
    private record Ran(String transport, CommandOutput output, String why) {
    }

    /** Runs {@code command} (after {@link #TOOLS_PATH}) through the first of the node's transports that reaches it. */
    private static Ran runOn(List<Transport> transports, String command, Duration timeout) {
        List<String> unreachable = new ArrayList<>();
        for (Transport transport : transports) {
            try {
                return new Ran(transport.name(), transport.run(TOOLS_PATH + command, timeout), null);
            } catch (IOException e) {
                unreachable.add(transport.name() + ": " + e.getMessage());
            } catch (TimeoutException e) {
                CommandOutput seen = e instanceof Outlived o ? new CommandOutput(-1, o.stdout(), o.stderr()) : null;
                return new Ran(transport.name(), seen, "no answer within " + timeout.toSeconds() + " s (" + e.getMessage() + ")");
            }
        }
        return new Ran(null, null, "the node could not be reached (" + String.join("; ", unreachable) + ")");
    }

    private static CheckResult error(TemplateSpec.Check check, String transport, String command, String reason,
            Instant at, long started) {
        return error(check, transport, command, reason, null, at, started);
    }

    /** An ERROR; {@code seen}, when not null, is what the command printed before it was stopped: the result's output. */
    private static CheckResult error(TemplateSpec.Check check, String transport, String command, String reason,
            CommandOutput seen, Instant at, long started) {
        String output = seen == null || seen.stdout().isEmpty() && seen.stderr().isEmpty() ? null : excerptEnd(seen);
        return new CheckResult(check.id(), Verdict.ERROR, transport, command, null, output, reason, at,
                started == 0 ? Duration.ZERO : since(started));
    }

    private static String excerpt(CommandOutput output) {
        String text = output.stdout() + (output.stderr().isEmpty() ? "" : "\n[stderr]\n" + output.stderr());
        String excerpt = text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
        return output.cut() ? excerpt + "\n[output cut]" : excerpt;
    }

    /**
     * The end of what a stopped command printed, at most {@link #EXCERPT} characters: a command
     * that waited too long says last where it waited.
     */
    private static String excerptEnd(CommandOutput output) {
        String text = output.stdout() + (output.stderr().isEmpty() ? "" : "\n[stderr]\n" + output.stderr());
        return text.length() <= EXCERPT ? text : "…" + text.substring(text.length() - EXCERPT);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
