package io.atelier.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The stages' turns: how many run at once, and which waiting proof goes next. */
class StageTurnsTest {

    /** Starts a proof's thread that takes a turn with {@code workLeft}, notes its name once it has it, and keeps it. */
    static Thread waiter(StageTurns turns, String name, double workLeft, List<String> served) {
        Thread t = Thread.ofPlatform().name(name).start(() -> {
            try {
                turns.take(workLeft);
                served.add(name);
            } catch (InterruptedException e) {
                served.add(name + " interrupted");
            }
        });
        return t;
    }

    /** Waits (bounded) until {@code n} proofs wait for a turn. */
    static void untilWaiting(StageTurns turns, int n) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (turns.waiting() != n) {
            assertTrue(System.nanoTime() < until, "never " + n + " waiting: " + turns.waiting());
            Thread.onSpinWait();
        }
    }

    @Test
    void aProofTakesAFreeTurnAtOnceAndNoMoreTurnsThanThereAreRunAtOnce() throws Exception {
        StageTurns turns = new StageTurns(2);
        turns.take(10);
        turns.take(1);
        assertEquals(2, turns.taken());
        List<String> served = new CopyOnWriteArrayList<>();
        Thread third = waiter(turns, "third", 100, served);
        untilWaiting(turns, 1);
        assertTrue(served.isEmpty(), "a third stage waits while two run");
        turns.giveBack();
        third.join(10_000);
        assertEquals(List.of("third"), served);
        assertEquals(2, turns.taken(), "the freed turn passed to the waiting proof");
    }

    @Test
    void aFreedTurnGoesToTheWaitingProofWithTheMostWorkLeftThenToTheFirstToAskAmongEquals() throws Exception {
        StageTurns turns = new StageTurns(1);
        turns.take(0);
        List<String> served = new CopyOnWriteArrayList<>();
        Thread shortProof = waiter(turns, "pare-feu", 150, served);
        untilWaiting(turns, 1);
        Thread firstEqual = waiter(turns, "inventaire", 900, served);
        untilWaiting(turns, 2);
        Thread longProof = waiter(turns, "annuaire", 2100, served);
        untilWaiting(turns, 3);
        Thread secondEqual = waiter(turns, "depannage", 900, served);
        untilWaiting(turns, 4);
        for (int i = 1; i <= 4; i++) {
            turns.giveBack();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (served.size() < i) {
                assertTrue(System.nanoTime() < until, "no proof got the turn given back");
                Thread.onSpinWait();
            }
        }
        for (Thread t : List.of(shortProof, firstEqual, longProof, secondEqual)) t.join(10_000);
        assertEquals(List.of("annuaire", "inventaire", "depannage", "pare-feu"), served);
    }

    @Test
    void aWaitingProofInterruptedLeavesTheQueueAndTheTurnsAsTheyWere() throws Exception {
        StageTurns turns = new StageTurns(1);
        turns.take(0);
        List<String> served = new CopyOnWriteArrayList<>();
        Thread stopped = waiter(turns, "arrêtée", 500, served);
        untilWaiting(turns, 1);
        stopped.interrupt();
        stopped.join(10_000);
        assertEquals(List.of("arrêtée interrupted"), served);
        assertEquals(0, turns.waiting());
        turns.giveBack();
        assertEquals(0, turns.taken(), "the turn given back is free: nobody waits for it");
    }

    @Test
    void aPlatformWithoutTurnsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StageTurns(0));
    }
}
