package io.atelier.prove;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.template.TemplateSpec;

/**
 * What a template's proof is, as pure functions: the stages the prover takes one lab through,
 * in order, and the verdict each check must have after each stage.
 *
 * <ol>
 * <li>The untouched lab: every check FAILs (never ERROR: a check that cannot run proves nothing).
 * <li>Task by task, in the template's order (the task started first when it has faults):
 * each counterexample of the task, applied, leaves its checks failing and changes no verdict
 * of another task; each alternative, applied, makes its checks PASS (by default the task's)
 * and changes no verdict of another task; after each, the platform takes the lab's machines
 * back to the checkpoint it took just before it (memory, devices, disks), so the next stage
 * starts from exactly the state before it, with the verdicts it had; then the task's
 * solution makes the task's checks PASS and changes no other verdict.
 * <li>The platform reboots the solved lab: every check PASSes.
 * </ol>
 * Checks {@code after: reboot} run in every stage like the others: their verdicts before a
 * reboot are what "Vérifier" shows, and the last stage is what the final run grades them on,
 * so a proved template's solution also passes them after the final run's reboot.
 * One lab goes through every stage, so a proof costs one lab's boot, one check run per
 * stage and a checkpoint and a return per counterexample and alternative.
 */
public final class ProofRules {

    private ProofRules() {
    }

    public enum Kind {
        UNTOUCHED, COUNTEREXAMPLE, ALTERNATIVE, SOLUTION, REBOOT
    }

    /**
     * One stage: {@code task} is null for the untouched lab and the reboot; {@code state} is
     * the counterexample or alternative applied, null otherwise.
     */
    public record Stage(Kind kind, String task, TemplateSpec.ProofState state) {

        /** A counterexample or an alternative: tried from a checkpoint the lab then goes back to. */
        public boolean triesAState() {
            return state != null;
        }

        /** How the prover names the stage in its progress and its surprises. */
        public String label() {
            return switch (kind) {
                case UNTOUCHED -> "untouched lab";
                case COUNTEREXAMPLE -> "counterexample " + state.id() + " (task " + task + ")";
                case ALTERNATIVE -> "alternative " + state.id() + " (task " + task + ")";
                case SOLUTION -> "solution of task " + task;
                case REBOOT -> "solved lab after a reboot";
            };
        }
    }

    /** The stages of a template's proof, in order. */
    public static List<Stage> stages(TemplateSpec spec) {
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(Kind.UNTOUCHED, null, null));
        for (TemplateSpec.Task task : spec.tasks()) {
            for (TemplateSpec.ProofState s : spec.counterexamples()) {
                if (!s.task().equals(task.id())) continue;
                stages.add(new Stage(Kind.COUNTEREXAMPLE, task.id(), s));
            }
            for (TemplateSpec.ProofState s : spec.alternatives()) {
                if (!s.task().equals(task.id())) continue;
                stages.add(new Stage(Kind.ALTERNATIVE, task.id(), s));
            }
            stages.add(new Stage(Kind.SOLUTION, task.id(), null));
        }
        stages.add(new Stage(Kind.REBOOT, null, null));
        return stages;
    }

    /**
     * The verdict each check must have after {@code stage}; a check absent from the answer
     * may have any verdict but ERROR: the checks of its own task that a counterexample or an
     * alternative does not list (a wrong state may well get part of the task right), and a
     * check whose verdict should stay as it was when it was ERROR before (one timeout is one
     * surprise, not one per stage that follows).
     *
     * @param reference the verdicts before the stage (after a counterexample or an alternative,
     *                  the lab is back where it was: the verdicts before it)
     * @param taskOf    check id → the id of its task, in the template's order
     */
    public static Map<String, Verdict> expected(Stage stage, Map<String, Verdict> reference, Map<String, String> taskOf) {
        Map<String, Verdict> expected = new LinkedHashMap<>();
        for (Map.Entry<String, String> check : taskOf.entrySet()) {
            String id = check.getKey();
            boolean ofTask = check.getValue().equals(stage.task());
            Verdict before = reference.get(id);
            // an ERROR before says nothing of what the check would have answered (that ERROR is a
            // surprise already): a verdict that only follows the one before is not expected then
            boolean known = before != null && before != Verdict.ERROR;
            switch (stage.kind()) {
                case UNTOUCHED -> expected.put(id, Verdict.FAIL);
                case REBOOT -> expected.put(id, Verdict.PASS);
                case SOLUTION -> {
                    if (ofTask) expected.put(id, Verdict.PASS);
                    else if (known) expected.put(id, before);
                }
                case COUNTEREXAMPLE, ALTERNATIVE -> {
                    Verdict concerned = stage.kind() == Kind.COUNTEREXAMPLE ? Verdict.FAIL : Verdict.PASS;
                    if (named(stage.state(), id, ofTask)) expected.put(id, concerned);
                    else if (!ofTask && known) expected.put(id, before);
                }
            }
        }
        return expected;
    }

    /**
     * The verdicts the stage after {@code stage} is compared with: after a counterexample or
     * an alternative, the lab is back at the checkpoint taken before it, so they are
     * {@code before}; otherwise what the stage's checks answered.
     */
    public static Map<String, Verdict> verdictsAfter(Stage stage, Map<String, Verdict> before, Map<String, Verdict> verdicts) {
        return stage.triesAState() ? before : verdicts;
    }

    /** Whether the state concerns this check: the checks it lists, or by default every check of its task. */
    private static boolean named(TemplateSpec.ProofState state, String check, boolean ofTask) {
        return state.checks() == null ? ofTask : state.checks().contains(check);
    }

    /**
     * Each check whose verdict is not the expected one (or is ERROR), as a sentence naming the
     * template, the stage, the check, the verdicts and, for an ERROR, why it could not run.
     *
     * @param taskOf  check id → the id of its task
     * @param reasons check id → why it did not pass (the check's reason), for the sentences
     * @param outputs check id → the check's output, whose last line ends the sentence of a
     *                verdict not expected or of an ERROR (what a check stopped at its bound had
     *                printed: a check says last what it saw, so a CI log that shows only the
     *                failures then tells why; CI's on 3dd3010 did not)
     */
    public static List<String> surprises(String template, Stage stage, Map<String, Verdict> expected,
            Map<String, Verdict> actual, Map<String, String> taskOf, Map<String, String> reasons,
            Map<String, String> outputs) {
        List<String> surprises = new ArrayList<>();
        for (Map.Entry<String, Verdict> check : actual.entrySet()) {
            String id = check.getKey();
            Verdict got = check.getValue();
            Verdict want = expected.get(id);
            String where = template + ", " + stage.label() + ", check " + id + ": ";
            if (got == Verdict.ERROR) {
                surprises.add(where + "ERROR, the check could not run (" + reasons.getOrDefault(id, "no reason given") + ")"
                        + lastLine(outputs.get(id)));
            } else if (want != null && got != want) {
                surprises.add(where + got + ", expected " + want + explain(stage, concerns(stage, id, taskOf))
                        + lastLine(outputs.get(id)));
            }
        }
        return surprises;
    }

    /** The output's last non-blank line, quoted and cut at 240 characters; empty without output. */
    static String lastLine(String output) {
        if (output == null) return "";
        String last = output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip();
        if (last.isEmpty()) return "";
        return "; its output ends: «" + (last.length() > 240 ? last.substring(0, 240) + "…" : last) + "»";
    }

    /** Whether the stage is about this check: its state's checks, or the solved task's. */
    private static boolean concerns(Stage stage, String check, Map<String, String> taskOf) {
        boolean ofTask = stage.task() != null && stage.task().equals(taskOf.get(check));
        return switch (stage.kind()) {
            case COUNTEREXAMPLE, ALTERNATIVE -> named(stage.state(), check, ofTask);
            case SOLUTION -> ofTask;
            default -> true;
        };
    }

    private static String explain(Stage stage, boolean concerned) {
        return switch (stage.kind()) {
            case UNTOUCHED -> " (an untouched lab must fail every check)";
            case COUNTEREXAMPLE -> concerned ? " (the check accepts this wrong state)"
                    : " (the counterexample changed a verdict it does not concern)";
            case ALTERNATIVE -> concerned ? " (the check refuses this valid solution)"
                    : " (the alternative changed a verdict of another task)";
            case SOLUTION -> concerned ? " (the solution does not satisfy the check)"
                    : " (the solution changed a verdict of another task)";
            case REBOOT -> " (the solved state does not survive a reboot)";
        };
    }
}
