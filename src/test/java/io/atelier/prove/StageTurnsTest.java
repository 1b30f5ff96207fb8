package io.atelier.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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

    /** Waits (10 s at most) until {@code done} holds. */
    static void until(BooleanSupplier done, Supplier<String> otherwise) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, otherwise);
            Thread.onSpinWait();
        }
    }

    /** A proof asks for the one turn, which is taken: it waits, then gets the turn given back. */
    static void handOver(StageTurns turns, String name, double workLeft, List<String> served) throws InterruptedException {
        Thread t = waiter(turns, name, workLeft, served);
        untilWaiting(turns, 1);
        turns.giveBack();
        t.join(10_000);
    }

    /** Waits until {@code n} proofs wait for a turn. */
    static void untilWaiting(StageTurns turns, int n) {
        until(() -> turns.waiting() == n, () -> "never " + n + " waiting: " + turns.waiting());
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
        // they ask in this order: the short one first, the two equals apart
        Map<String, Double> asking = new LinkedHashMap<>();
        asking.put("pare-feu", 150.0);
        asking.put("inventaire", 900.0);
        asking.put("annuaire", 2100.0);
        asking.put("depannage", 900.0);
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, Double> proof : asking.entrySet()) {
            threads.add(waiter(turns, proof.getKey(), proof.getValue(), served));
            untilWaiting(turns, threads.size());
        }
        for (int i = 1; i <= threads.size(); i++) {
            int given = i;
            turns.giveBack();
            until(() -> served.size() >= given, () -> "no proof got the turn given back");
        }
        for (Thread t : threads) t.join(10_000);
        assertEquals(List.of("annuaire", "inventaire", "depannage", "pare-feu"), served);
    }

    /** What the prover asks before it freezes a lab: a turn taken only when it needs no wait. */
    @Test
    void aTurnIsTriedWithoutWaitingAndNeverTakenBeforeAProofThatWaits() throws Exception {
        StageTurns turns = new StageTurns(1);
        assertTrue(turns.tryTake(), "a free turn is taken at once");
        assertFalse(turns.tryTake(), "no second turn when one runs at once");
        assertEquals(1, turns.taken());
        List<String> served = new CopyOnWriteArrayList<>();
        handOver(turns, "annuaire", 2100, served);
        assertEquals(List.of("annuaire"), served);
        turns.giveBack();
        assertTrue(turns.tryTake(), "the turn given back is free again");
        handOver(turns, "pare-feu", 150, served);
        assertFalse(turns.tryTake(), "the turn given back went to the proof that waited, not to the one that tries");
        assertEquals(List.of("annuaire", "pare-feu"), served);
    }

    @Test
    void aProofKeepsItsTurnForItsNextStageUnlessAWaitingProofHasMoreWorkLeft() throws Exception {
        StageTurns turns = new StageTurns(1);
        turns.take(2100);
        assertTrue(turns.keep(1900), "nobody waits: the turn is kept");
        List<String> served = new CopyOnWriteArrayList<>();
        Thread shorter = waiter(turns, "pare-feu", 900, served);
        untilWaiting(turns, 1);
        assertTrue(turns.keep(1800), "the critical path keeps its turn before a proof with less work left");
        assertTrue(served.isEmpty());
        assertTrue(turns.keep(900), "and before one with as much");
        assertFalse(turns.keep(600), "a proof with more work left waits: the turn goes to it");
        shorter.join(10_000);
        assertEquals(List.of("pare-feu"), served);
        assertEquals(1, turns.taken(), "the turn passed on, still one taken");
        assertEquals(0, turns.waiting());
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
