package io.atelier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.check.CheckResult.Verdict;

/** How the final run of a template with checks {@code after: reboot} combines the runs before and after the reboot. */
class AfterRebootTest {

    static final Instant BEFORE = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant AFTER = Instant.parse("2026-12-01T10:02:00Z");
    static final Instant NOW = Instant.parse("2026-12-01T10:03:00Z");

    static CheckRun.Result result(String id, Verdict verdict, String reason, Instant at) {
        return new CheckRun.Result(id, "tache", List.of("C1.a"), 1.0, null, null, verdict, "ssh", "commande " + id,
                verdict == Verdict.ERROR ? null : verdict == Verdict.PASS ? 0 : 1, "sortie " + id, reason, at, 50);
    }

    final List<CheckRun.Result> before = List.of(result("fichier", Verdict.PASS, null, BEFORE),
            result("service", Verdict.PASS, null, BEFORE), result("port", Verdict.FAIL, "exit 1", BEFORE));

    @Test
    void aStateThatPassedBeforeTheRebootButNotAfterIsGradedFail() {
        List<CheckRun.Result> combined = AfterReboot.combine(before, Set.of("service"),
                Map.of("service", result("service", Verdict.FAIL, "exit 3", AFTER)), null, NOW);
        CheckRun.Result service = combined.get(1);
        assertEquals(Verdict.FAIL, service.verdict());
        assertEquals("after the platform's reboot: exit 3", service.reason());
        assertEquals(AFTER, service.at(), "the evidence is the run after the reboot");
        assertEquals(Integer.valueOf(1), service.exit());
    }

    @Test
    void aPassAfterTheRebootSaysItWasTakenAfterTheReboot() {
        CheckRun.Result service = AfterReboot.combine(before, Set.of("service"),
                Map.of("service", result("service", Verdict.PASS, null, AFTER)), null, NOW).get(1);
        assertEquals(Verdict.PASS, service.verdict());
        assertEquals(AfterReboot.EVIDENCE, service.reason());
        assertEquals(AFTER, service.at());
    }

    @Test
    void theOtherChecksKeepTheirResultsFromBeforeTheReboot() {
        List<CheckRun.Result> combined = AfterReboot.combine(before, Set.of("service"),
                Map.of("service", result("service", Verdict.FAIL, "exit 3", AFTER),
                        "fichier", result("fichier", Verdict.FAIL, "should be ignored", AFTER)),
                null, NOW);
        assertEquals(List.of("fichier", "service", "port"), combined.stream().map(CheckRun.Result::checkId).toList(),
                "the template's order");
        assertSame(before.get(0), combined.get(0));
        assertSame(before.get(2), combined.get(2));
    }

    @Test
    void aCheckThatCouldNotRunAgainBecauseTheLabDidNotComeBackIsErrorWithThatReasonNeverItsEarlierPass() {
        CheckRun.Result service = AfterReboot.combine(before, Set.of("service"), Map.of(),
                "node poste did not answer on the management network within 360 s", NOW).get(1);
        assertEquals(Verdict.ERROR, service.verdict());
        assertEquals("not verified: the lab did not come back after the platform's reboot (node poste did not answer "
                + "on the management network within 360 s)", service.reason());
        assertNull(service.transport());
        assertNull(service.output(), "no output of the run before the reboot is shown as evidence");
        assertEquals(NOW, service.at());
        assertEquals("commande service", service.command());
    }

    @Test
    void aCheckMissingFromTheRunAfterTheRebootIsErrorToo() {
        CheckRun.Result service = AfterReboot.combine(before, Set.of("service"), Map.of(), null, NOW).get(1);
        assertEquals(Verdict.ERROR, service.verdict());
        assertTrue(service.reason().contains("not run again after the platform's reboot"), service.reason());
    }

    @Test
    void withoutChecksAfterRebootTheFinalRunIsTheRunBefore() {
        assertEquals(before, AfterReboot.combine(before, Set.of(), Map.of(), null, NOW));
    }
}
