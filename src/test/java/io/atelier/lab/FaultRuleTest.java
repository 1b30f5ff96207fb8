package io.atelier.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.atelier.lab.FaultRule.Attempt;
import io.atelier.lab.FaultRule.Decision;

/** Whether a fault is applied, on hand-built records of the platform and what a node's files say. */
class FaultRuleTest {

    static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    static Attempt applied(long id) {
        return new Attempt(id, "n" + id, T, null, null);
    }

    static Attempt failed(long id) {
        return new Attempt(id, "n" + id, null, T, null);
    }

    static Attempt unmarked(long id, String nonce) {
        return new Attempt(id, nonce, null, null, null);
    }

    static Attempt reset(Attempt a) {
        return new Attempt(a.id(), a.nonce(), a.appliedAt(), a.failedAt(), T.plusSeconds(60));
    }

    /** A node whose file holds {@code content} (null: no file). */
    static FaultRule.NodeFile node(String content) {
        return () -> Optional.ofNullable(content);
    }

    /** A node that must not be asked: the records decide alone. */
    static final FaultRule.NodeFile NOT_ASKED = () -> fail("the node was asked, though the records decide");

    @Test
    void aMarkerTheTraineeWroteDoesNotStopTheFault() throws IOException {
        assertEquals(Decision.APPLY, FaultRule.decide(List.of(), NOT_ASKED));
        // even a file at the very path the platform writes, with whatever the trainee guessed
        assertEquals(Decision.APPLY, FaultRule.decide(List.of(), node("0123456789abcdef0123456789abcdef\n")));
        assertEquals(Decision.APPLY, FaultRule.decide(List.of(failed(1)), node("n1")));
    }

    @Test
    void aFaultRecordedOnTheCurrentDisksIsNotAppliedTwice() throws IOException {
        assertEquals(Decision.ON_THE_DISKS, FaultRule.decide(List.of(applied(1)), NOT_ASKED));
        // a second start or a provisioning again after a restart, whatever the trainee did to the node's file
        assertEquals(Decision.ON_THE_DISKS, FaultRule.decide(List.of(failed(1), applied(2)), NOT_ASKED));
    }

    @Test
    void afterAResetItAppliesAgain() throws IOException {
        assertEquals(Decision.APPLY, FaultRule.decide(List.of(reset(applied(1))), NOT_ASKED));
        assertEquals(Decision.ON_THE_DISKS, FaultRule.decide(List.of(reset(applied(1)), applied(2)), NOT_ASKED));
        // an attempt interrupted on the old disks says nothing of the new ones, even if its nonce is there
        assertEquals(Decision.APPLY, FaultRule.decide(List.of(reset(unmarked(1, "abc"))), node("abc")));
    }

    @Test
    void aCrashAfterTheScriptRanButBeforeTheRecordCountsAsAppliedOnlyWhenTheNodeHoldsThatAttemptsNonce() throws IOException {
        List<Attempt> interrupted = List.of(failed(1), unmarked(2, "5f1c0e"));
        assertEquals(Decision.APPLIED_BEFORE_A_RESTART, FaultRule.decide(interrupted, node("5f1c0e\n")));
        assertEquals(2, FaultRule.lastUnmarked(interrupted).orElseThrow().id());
        // the script did not finish (no file), or the file holds something else: apply again
        assertEquals(Decision.APPLY, FaultRule.decide(interrupted, node(null)));
        assertEquals(Decision.APPLY, FaultRule.decide(interrupted, node("n1")));
        assertEquals(Decision.APPLY, FaultRule.decide(interrupted, node("5f1c0e-forged")));
    }

    @Test
    void onlyTheLastAttemptOnTheCurrentDisksCanBeConfirmedByItsNonce() throws IOException {
        // an older unmarked attempt was given up when a newer one began: its nonce no longer counts
        List<Attempt> attempts = List.of(unmarked(1, "ancien"), failed(2));
        assertEquals(Decision.APPLY, FaultRule.decide(attempts, node("ancien")));
        assertEquals(Optional.empty(), FaultRule.lastUnmarked(attempts));
    }
}
