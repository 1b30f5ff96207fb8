package io.atelier.prove;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The turns of the stages of a platform's proofs: at most {@code turns} stages run at once.
 * When a turn frees, it goes to the waiting proof with the most work left (its stages left
 * times its stages' mean duration so far; the one that asked first among equals), and a proof
 * that has as much work left as any waiting one keeps its turn for its next stage
 * ({@link #keep}), so that the longest proof, the suite's critical path, does not queue behind
 * short ones: the short proofs take the turns it leaves, and every proof ends about when the
 * host's work does.
 */
final class StageTurns {

    private final int turns;
    private int taken;
    private long asked;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparingDouble((Waiter w) -> -w.workLeft).thenComparingLong(w -> w.order));

    private static final class Waiter {
        final double workLeft;
        final long order;
        boolean granted;

        Waiter(double workLeft, long order) {
            this.workLeft = workLeft;
            this.order = order;
        }
    }

    StageTurns(int turns) {
        if (turns < 1) throw new IllegalArgumentException("turns " + turns);
        this.turns = turns;
    }

    /**
     * Waits for a turn. {@code workLeft}: what the asking proof has left to do, in any unit
     * shared by every proof (seconds of stages here).
     */
    synchronized void take(double workLeft) throws InterruptedException {
        if (tryTake()) return;
        Waiter me = new Waiter(workLeft, asked++);
        waiting.add(me);
        try {
            while (!me.granted) wait();
        } catch (InterruptedException e) {
            if (me.granted) {
                giveBack();
            } else {
                waiting.remove(me);
            }
            throw e;
        }
    }

    /** Takes a turn if one is free and no proof waits for one; true when taken (give it back then). */
    synchronized boolean tryTake() {
        if (taken < turns && waiting.isEmpty()) {
            taken++;
            return true;
        }
        return false;
    }

    /**
     * For a proof that holds a turn and starts its next stage: it keeps the turn when no waiting
     * proof has more work left than {@code workLeft}, so the critical path does not queue again
     * between its stages behind the stages of shorter proofs (run80: the directory's stages
     * waited 506 s for turns in all, for 318 s at one of them). Otherwise the turn goes to the
     * waiting proof with the most work left and the caller asks for one as any proof: false.
     */
    synchronized boolean keep(double workLeft) {
        Waiter first = waiting.peek();
        if (first == null || first.workLeft <= workLeft) return true;
        giveBack();
        return false;
    }

    /** Gives a turn back: to the waiting proof with the most work left, if one waits. */
    synchronized void giveBack() {
        Waiter next = waiting.poll();
        if (next == null) {
            taken--;
            return;
        }
        next.granted = true; // the turn passes to it, still taken
        notifyAll();
    }

    /** Turns taken now, for tests. */
    synchronized int taken() {
        return taken;
    }

    /** Proofs waiting now, for tests. */
    synchronized int waiting() {
        return waiting.size();
    }
}
