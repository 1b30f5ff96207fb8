package io.atelier.prove;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The turns of the stages of a platform's proofs: at most {@code turns} stages run at once.
 * When a turn frees, it goes to the waiting proof with the most work left (its stages left
 * times its stages' mean duration so far; the one that asked first among equals), so that the
 * longest proof, the suite's critical path, does not queue behind short ones: the short
 * proofs take the turns it leaves, and every proof ends about when the host's work does.
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
