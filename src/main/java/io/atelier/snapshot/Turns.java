package io.atelier.snapshot;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * At most {@code n} holders at once; the waiters served by {@link Ticket} order, not by
 * arrival: the lab asked first before later ones, and within a lab its nodes with more work
 * after their turn (a setup script) before the others, so that the node a lab waits for
 * longest starts first. Hand-written: {@link java.util.concurrent.Semaphore} serves waiters
 * in arrival order only.
 */
final class Turns {

    /** A place in the queue: {@code lab} the lab's order of arrival, {@code longWork} served first within it. */
    record Ticket(long lab, boolean longWork) {
    }

    private record Waiter(Ticket ticket, long arrival) {
    }

    private static final Comparator<Waiter> ORDER = Comparator.comparingLong((Waiter w) -> w.ticket().lab())
            .thenComparing(w -> !w.ticket().longWork()).thenComparingLong(Waiter::arrival);

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(ORDER);
    private int free;
    private long arrivals;

    Turns(int n) {
        if (n < 1) throw new IllegalArgumentException("at least one turn at a time: " + n);
        this.free = n;
    }

    /** Waits until this ticket is the first waiting and a turn is free, then takes it. */
    synchronized void take(Ticket ticket) throws InterruptedException {
        Waiter me = new Waiter(ticket, arrivals++);
        waiting.add(me);
        try {
            while (free == 0 || waiting.peek() != me) wait();
        } catch (InterruptedException e) {
            waiting.remove(me);
            notifyAll(); // the next waiter may be first now
            throw e;
        }
        waiting.poll();
        free--;
        notifyAll(); // the next waiter may take another free turn
    }

    synchronized void give() {
        free++;
        notifyAll();
    }
}
