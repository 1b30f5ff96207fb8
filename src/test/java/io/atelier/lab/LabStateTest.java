package io.atelier.lab;

import static io.atelier.lab.LabState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The lifecycle of DESIGN.md: which moves a lab may make. */
class LabStateTest {

    @Test
    void theNormalPathIsAllowed() {
        assertTrue(REQUESTED.canMoveTo(PROVISIONING));
        assertTrue(PROVISIONING.canMoveTo(READY));
        assertTrue(READY.canMoveTo(SUBMITTED));
        assertTrue(SUBMITTED.canMoveTo(GRADED));
        assertTrue(GRADED.canMoveTo(DESTROYED));
    }

    @Test
    void stopStartAndResetGoThroughProvisioning() {
        assertTrue(READY.canMoveTo(STOPPED));
        assertTrue(STOPPED.canMoveTo(PROVISIONING));
        assertTrue(READY.canMoveTo(PROVISIONING), "reset");
        assertTrue(FAILED.canMoveTo(PROVISIONING), "a failed lab can be reset");
        assertFalse(STOPPED.canMoveTo(READY), "a stopped lab is READY only once its nodes answer again");
    }

    @Test
    void finalStatesNeverMove() {
        for (LabState next : LabState.values()) {
            assertFalse(DESTROYED.canMoveTo(next), "DESTROYED → " + next);
            assertFalse(EXPIRED.canMoveTo(next), "EXPIRED → " + next);
        }
    }

    @Test
    void everyLiveStateCanBeDeletedOrExpire() {
        for (LabState state : EnumSet.complementOf(EnumSet.of(DESTROYED, EXPIRED))) {
            assertTrue(state.canMoveTo(DESTROYED), state + " → DESTROYED");
            assertTrue(state.canMoveTo(EXPIRED), state + " → EXPIRED");
        }
    }

    @Test
    void aPooledLabWaitsAfterItsProvisioningAndOnlyAClaimOrAFailureMovesIt() {
        assertTrue(PROVISIONING.canMoveTo(POOLED));
        assertTrue(POOLED.canMoveTo(PROVISIONING), "claimed: its trainee's account and setup scripts, then READY");
        assertFalse(POOLED.canMoveTo(READY), "never READY without the claim's provisioning");
        assertFalse(POOLED.canMoveTo(SUBMITTED));
        assertFalse(READY.canMoveTo(POOLED), "a trainee's lab never goes back to a pool");
        assertTrue(SETTLED.contains(POOLED), "its VMs must exist: one vanished fails it");
    }

    @Test
    void gradingCannotBeSkippedNorUndone() {
        assertFalse(REQUESTED.canMoveTo(READY));
        assertFalse(PROVISIONING.canMoveTo(GRADED));
        assertFalse(GRADED.canMoveTo(READY));
        assertFalse(GRADED.canMoveTo(PROVISIONING), "a graded lab is never reset");
    }

    @Test
    void aGradedStoppedOrFailedLabsVmsAreNotMeantToRunSoTheyDoNotCountInTheLimits() {
        for (LabState state : Set.of(REQUESTED, PROVISIONING)) {
            assertEquals(java.util.Optional.of(true), LabStore.poweredIn(state), state.name());
        }
        for (LabState state : Set.of(STOPPED, FAILED, GRADED, DESTROYED, EXPIRED)) {
            assertEquals(java.util.Optional.of(false), LabStore.poweredIn(state), state.name());
        }
        for (LabState state : Set.of(READY, SUBMITTED)) {
            assertTrue(LabStore.poweredIn(state).isEmpty(), state + " keeps what it had");
        }
    }
}
