package io.atelier.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class TurnsTest {

    @Test
    void waitersAreServedByLabThenLongWorkFirstNotByArrival() throws Exception {
        Turns turns = new Turns(1);
        turns.take(new Turns.Ticket(0, false)); // held: everyone below waits
        List<String> served = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        // arrival order: lab 2 examiner, lab 1 examiner, lab 1 srv (setup script), lab 2 srv
        for (String who : List.of("2-examiner", "1-examiner", "1-srv", "2-srv")) {
            Turns.Ticket ticket = new Turns.Ticket(Long.parseLong(who.substring(0, 1)), who.endsWith("srv"));
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    turns.take(ticket);
                    served.add(who);
                    turns.give();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            awaitWaiting(t);
        }
        turns.give();
        for (Thread t : threads) t.join(5000);
        assertEquals(List.of("1-srv", "1-examiner", "2-srv", "2-examiner"), served);
    }

    @Test
    void noMoreThanNHoldTurnsAtOnce() throws Exception {
        Turns turns = new Turns(2);
        CountDownLatch two = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    turns.take(new Turns.Ticket(0, false));
                    most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    two.countDown();
                    release.await();
                    holding.decrementAndGet();
                    turns.give();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        assertTrue(two.await(5, TimeUnit.SECONDS), "two take their turn at once");
        release.countDown();
        for (Thread t : threads) t.join(5000);
        assertEquals(2, most.get());
    }

    @Test
    void aWaiterInterruptedLeavesTheQueueAndTheNextOneIsServed() throws Exception {
        Turns turns = new Turns(1);
        turns.take(new Turns.Ticket(0, false));
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                turns.take(new Turns.Ticket(1, true));
            } catch (InterruptedException e) {
                // expected: it leaves the queue
            }
        });
        awaitWaiting(first);
        CountDownLatch served = new CountDownLatch(1);
        Thread second = Thread.ofPlatform().start(() -> {
            try {
                turns.take(new Turns.Ticket(2, false));
                served.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitWaiting(second);
        first.interrupt();
        first.join(5000);
        turns.give();
        assertTrue(served.await(5, TimeUnit.SECONDS), "the next waiter takes the turn the interrupted one left");
    }

    /** Until the thread waits inside {@link Turns#take} (a thread state, not a sleep). */
    private static void awaitWaiting(Thread t) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < until) Thread.onSpinWait();
        assertEquals(Thread.State.WAITING, t.getState());
    }
}
