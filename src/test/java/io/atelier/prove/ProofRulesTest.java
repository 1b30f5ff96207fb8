package io.atelier.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.document.Text;
import io.atelier.prove.ProofRules.Kind;
import io.atelier.prove.ProofRules.Stage;
import io.atelier.template.TemplateSpec;

/** The prover's rules: the stages of a proof and the verdicts each stage must leave. */
class ProofRulesTest {

    static final TemplateSpec.Step STEP = new TemplateSpec.Step("fw", "x.sh");

    static TemplateSpec.ProofState state(String id, String task, List<String> checks) {
        return new TemplateSpec.ProofState(id, task, new Text(id, null), List.of(STEP), checks);
    }

    static TemplateSpec.Task task(String id) {
        return new TemplateSpec.Task(id, new Text(id, null), null, List.of(), new TemplateSpec.Solution("fw", id + ".sh"), List.of());
    }

    static TemplateSpec spec(List<TemplateSpec.ProofState> counterexamples, List<TemplateSpec.ProofState> alternatives) {
        return new TemplateSpec("t", 1, new Text("t", null), null, "tai", "1h", false, null, null, null, List.of(), null,
                List.of(task("a"), task("b")), null, null, counterexamples, alternatives);
    }

    /** Checks a1, a2 of task a; b1 of task b. */
    static final Map<String, String> TASK_OF = Map.of("a1", "a", "a2", "a", "b1", "b");

    static Map<String, Verdict> verdicts(Verdict a1, Verdict a2, Verdict b1) {
        Map<String, Verdict> v = new LinkedHashMap<>();
        v.put("a1", a1);
        v.put("a2", a2);
        v.put("b1", b1);
        return v;
    }

    static final Verdict P = Verdict.PASS, F = Verdict.FAIL, E = Verdict.ERROR;

    List<String> surprises(Stage stage, Map<String, Verdict> reference, Map<String, Verdict> actual) {
        Map<String, String> taskOf = new LinkedHashMap<>();
        List.of("a1", "a2", "b1").forEach(c -> taskOf.put(c, TASK_OF.get(c)));
        return ProofRules.surprises("t", stage, ProofRules.expected(stage, reference, taskOf), actual, taskOf,
                Map.of("b1", "no route"), Map.of());
    }

    @Test
    void oneLabGoesThroughTheUntouchedStateEachTasksStatesAndSolutionInOrderThenAReboot() {
        TemplateSpec.ProofState ceB = state("ce-b", "b", null), ceA = state("ce-a", "a", null), altA = state("alt-a", "a", null);
        List<Stage> stages = ProofRules.stages(spec(List.of(ceB, ceA), List.of(altA)));
        assertEquals(List.of("untouched lab", "counterexample ce-a (task a)", "alternative alt-a (task a)", "solution of task a",
                "counterexample ce-b (task b)", "solution of task b", "solved lab after a reboot"),
                stages.stream().map(Stage::label).toList());
    }

    @Test
    void anUntouchedLabMustFailEveryCheckAndAnErrorIsNeverAcceptable() {
        Stage untouched = new Stage(Kind.UNTOUCHED, null, null);
        assertEquals(List.of(), surprises(untouched, Map.of(), verdicts(F, F, F)));
        assertEquals(List.of("t, untouched lab, check a2: PASS, expected FAIL (an untouched lab must fail every check)",
                "t, untouched lab, check b1: ERROR, the check could not run (no route)"),
                surprises(untouched, Map.of(), verdicts(F, P, E)));
    }

    @Test
    void aCounterexampleTheChecksAcceptIsASurpriseNamingTheCheck() {
        Stage ce = new Stage(Kind.COUNTEREXAMPLE, "a", state("hosts-du-poste", "a", List.of("a1")));
        Map<String, Verdict> before = verdicts(F, F, F);
        assertEquals(List.of(), surprises(ce, before, verdicts(F, F, F)));
        assertEquals(List.of("t, counterexample hosts-du-poste (task a), check a1: PASS, expected FAIL (the check accepts this wrong state)"),
                surprises(ce, before, verdicts(P, F, F)));
        assertEquals(List.of(), surprises(ce, before, verdicts(F, P, F)), "a wrong state may get part of its task right");
        assertEquals(List.of("t, counterexample hosts-du-poste (task a), check b1: PASS, expected FAIL"
                + " (the counterexample changed a verdict it does not concern)"), surprises(ce, before, verdicts(F, F, P)));
    }

    @Test
    void aVerdictNotExpectedEndsWithTheLastLineTheCheckPrintedSoThatALogOfFailuresAloneTellsWhy() {
        Stage reboot = new Stage(Kind.REBOOT, null, null);
        Map<String, String> taskOf = new LinkedHashMap<>(TASK_OF);
        List<String> found = ProofRules.surprises("t", reboot, ProofRules.expected(reboot, verdicts(P, P, P), taskOf),
                verdicts(P, F, P), taskOf, Map.of(), Map.of("a2", "cmartin : ticket obtenu\ndc : pas de KDC (port 88) en 15 s\n\n"));
        assertEquals(List.of("t, solved lab after a reboot, check a2: FAIL, expected PASS (the solved state does not survive a reboot)"
                + "; its output ends: «dc : pas de KDC (port 88) en 15 s»"), found);
        List<String> stopped = ProofRules.surprises("t", reboot, ProofRules.expected(reboot, verdicts(P, P, P), taskOf),
                verdicts(P, E, P), taskOf, Map.of("a2", "no answer within 300 s"),
                Map.of("a2", "cmartin : ticket obtenu\n(liste vide, essai 7, 290 s depuis le début)\n"));
        assertEquals(List.of("t, solved lab after a reboot, check a2: ERROR, the check could not run (no answer within 300 s)"
                + "; its output ends: «(liste vide, essai 7, 290 s depuis le début)»"), stopped,
                "a check stopped at its bound says where it waited");
        assertEquals("; its output ends: «" + "x".repeat(240) + "…»", ProofRules.lastLine("x".repeat(300)));
        assertEquals("", ProofRules.lastLine(" \n"));
    }

    @Test
    void anAlternativeMustPassItsChecksAndLeaveOtherTasksAlone() {
        Stage alt = new Stage(Kind.ALTERNATIVE, "a", state("rejet", "a", null));
        Map<String, Verdict> before = verdicts(F, F, F);
        assertEquals(List.of(), surprises(alt, before, verdicts(P, P, F)));
        assertEquals(List.of("t, alternative rejet (task a), check a2: FAIL, expected PASS (the check refuses this valid solution)"),
                surprises(alt, before, verdicts(P, F, F)));
        Stage some = new Stage(Kind.ALTERNATIVE, "a", state("acl", "a", List.of("a1")));
        assertEquals(List.of(), surprises(some, before, verdicts(P, F, F)), "a check of the task it does not list may go either way");
        assertEquals(List.of("t, alternative acl (task a), check b1: PASS, expected FAIL (the alternative changed a verdict of another task)"),
                surprises(some, before, verdicts(P, P, P)));
    }

    @Test
    void aStateTriedLeavesTheNextStageTheVerdictsOfBeforeItForTheLabIsTakenBackThere() {
        Map<String, Verdict> before = verdicts(P, P, F);
        Map<String, Verdict> tried = verdicts(P, P, P);
        assertEquals(before, ProofRules.verdictsAfter(new Stage(Kind.COUNTEREXAMPLE, "b", state("ce", "b", null)), before, tried));
        assertEquals(before, ProofRules.verdictsAfter(new Stage(Kind.ALTERNATIVE, "b", state("alt", "b", null)), before, tried));
        assertEquals(tried, ProofRules.verdictsAfter(new Stage(Kind.SOLUTION, "b", null), before, tried));
        assertEquals(tried, ProofRules.verdictsAfter(new Stage(Kind.UNTOUCHED, null, null), null, tried));
    }

    @Test
    void aSolutionMustPassItsTaskAndChangeNoOtherVerdictAndTheRebootKeepsEverything() {
        Stage solution = new Stage(Kind.SOLUTION, "b", null);
        assertEquals(List.of(), surprises(solution, verdicts(P, P, F), verdicts(P, P, P)));
        assertEquals(List.of("t, solution of task b, check a1: FAIL, expected PASS (the solution changed a verdict of another task)"),
                surprises(solution, verdicts(P, P, F), verdicts(F, P, P)));
        Stage reboot = new Stage(Kind.REBOOT, null, null);
        List<String> lost = surprises(reboot, verdicts(P, P, P), verdicts(P, F, P));
        assertEquals(1, lost.size());
        assertTrue(lost.get(0).endsWith("check a2: FAIL, expected PASS (the solved state does not survive a reboot)"), lost.get(0));
    }

    @Test
    void aCheckThatCouldNotRunIsOneSurpriseNotOnePerStageAfterIt() {
        Stage ce = new Stage(Kind.COUNTEREXAMPLE, "a", state("ce", "a", List.of("a1")));
        assertEquals(List.of(), surprises(ce, verdicts(F, F, E), verdicts(F, F, F)),
                "b1 was ERROR before: FAIL now is no change to report");
        Stage solution = new Stage(Kind.SOLUTION, "a", null);
        assertEquals(List.of(), surprises(solution, verdicts(F, F, E), verdicts(P, P, F)));
        assertEquals(List.of("t, solution of task a, check a2: FAIL, expected PASS (the solution does not satisfy the check)"),
                surprises(solution, verdicts(F, E, F), verdicts(P, F, F)), "its own task's checks must still pass");
    }
}
