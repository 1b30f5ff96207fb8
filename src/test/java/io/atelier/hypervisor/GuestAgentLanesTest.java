package io.atelier.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How guest agent calls share their threads, with fake agent calls (a frozen agent cannot be
 * had without a VM: {@code HostileNodeRealTest} freezes a real one) on libvirt's test driver:
 * one call per VM reaches libvirt at a time, another VM's agent answers meanwhile, calls
 * beyond the bound are refused at once as busy, an agent that does not answer is given up
 * and then refused at once as unresponsive, and a full queue refuses too.
 */
class GuestAgentLanesTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<GuestAgent> agents = new ArrayList<>();

    GuestAgent agent(int threads, int queue, Duration answerWithin, int callsPerVm) {
        GuestAgent agent = new GuestAgent(new LibvirtConnection("test:///default", "test-agent-", threads, queue, true),
                answerWithin, Duration.ofMillis(answerWithin.toMillis() / 2), Duration.ofSeconds(30), callsPerVm);
        agents.add(agent);
        return agent;
    }

    @AfterEach
    void letGo() {
        release.countDown();
        callers.shutdownNow();
        agents.forEach(GuestAgent::close);
    }

    static void awaitCallers(GuestAgent agent, String vm, int count) throws InterruptedException {
        long until = in(Duration.ofSeconds(10));
        while (agent.callers(vm) < count) {
            assertTrue(System.nanoTime() < until, "callers of " + vm + ": " + agent.callers(vm));
            Thread.sleep(5);
        }
    }

    static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    /** A fake agent call that stays in libvirt until the test lets go. */
    LibvirtConnection.Call<String> frozen(AtomicInteger inLibvirt, AtomicInteger most, CountDownLatch entered) {
        return c -> {
            most.accumulateAndGet(inLibvirt.incrementAndGet(), Math::max);
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inLibvirt.decrementAndGet();
            }
            return "{\"return\": {}}";
        };
    }

    @Test
    void aFrozenFakeAgentHoldsOneCallAtATimeWhileAnotherVmsAgentAnswers() throws Exception {
        GuestAgent agent = agent(4, 16, Duration.ofMinutes(1), 8);
        AtomicInteger inLibvirt = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(callers.submit(() -> {
                try {
                    return agent.ask("vm-a", in(Duration.ofMinutes(1)), frozen(inLibvirt, most, entered));
                } finally {
                    finished.incrementAndGet();
                }
            }));
        }
        assertTrue(entered.await(10, TimeUnit.SECONDS), "a call to vm-a reached libvirt");

        String other = agent.ask("vm-b", in(Duration.ofSeconds(10)), c -> "{\"return\": \"b\"}");
        assertEquals("{\"return\": \"b\"}", other);
        assertEquals(0, finished.get(), "vm-b's agent answered while every call to vm-a was still under way");
        assertEquals(1, inLibvirt.get(), "one call to vm-a in libvirt, the others wait in their own threads");

        release.countDown();
        for (Future<String> call : calls) call.get(10, TimeUnit.SECONDS);
        assertEquals(1, most.get(), "never two calls to one agent in libvirt at once");
        assertEquals(0, agent.lanesInUse());
    }

    @Test
    void callsBeyondTheBoundOfAFakeAgentAreRefusedAtOnceAsBusy() throws Exception {
        GuestAgent agent = agent(4, 16, Duration.ofMinutes(1), 3);
        AtomicInteger inLibvirt = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(callers.submit(() -> agent.ask("vm-a", in(Duration.ofMinutes(1)),
                    frozen(inLibvirt, new AtomicInteger(), entered))));
        }
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        awaitCallers(agent, "vm-a", 3);
        AtomicInteger asked = new AtomicInteger();
        HypervisorException busy = assertThrows(HypervisorException.class,
                () -> agent.ask("vm-a", in(Duration.ofMinutes(1)), c -> "late" + asked.incrementAndGet()));
        assertEquals("the guest agent of vm-a is busy: 3 calls to it are already under way; try again in a moment",
                busy.getMessage());
        assertEquals(0, asked.get());
        release.countDown();
        for (Future<String> call : calls) call.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFakeAgentThatDoesNotAnswerIsGivenUpThenRefusedAtOnceAsUnresponsive() throws Exception {
        GuestAgent agent = agent(4, 16, Duration.ofMillis(400), 8);
        AtomicInteger inLibvirt = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        HypervisorException givenUp = assertThrows(HypervisorException.class,
                () -> agent.ask("vm-a", in(Duration.ofMinutes(1)), frozen(inLibvirt, new AtomicInteger(), entered)));
        assertTrue(givenUp.getMessage().startsWith("the guest agent of vm-a is unresponsive: no answer within"),
                givenUp.getMessage());

        AtomicInteger asked = new AtomicInteger();
        HypervisorException refused = assertThrows(HypervisorException.class,
                () -> agent.ask("vm-a", in(Duration.ofMinutes(1)), c -> {
                    asked.incrementAndGet();
                    return "{}";
                }));
        assertTrue(refused.getMessage().contains("is unresponsive") && refused.getMessage().contains("not asked again before"),
                refused.getMessage());
        assertEquals(0, asked.get(), "refused without reaching libvirt");
        assertEquals(1, inLibvirt.get(), "the call given up still holds vm-a's turn until libvirt returns");
        assertEquals("ok", agent.ask("vm-b", in(Duration.ofSeconds(10)), c -> "ok"), "other VMs' agents are asked as usual");
    }

    @Test
    void whenEveryAgentThreadIsTakenAndTheQueueIsFullACallIsRefused() throws Exception {
        GuestAgent agent = agent(1, 1, Duration.ofMinutes(1), 8);
        AtomicInteger inLibvirt = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        Future<String> running = callers.submit(() -> agent.ask("vm-a", in(Duration.ofMinutes(1)),
                frozen(inLibvirt, new AtomicInteger(), entered)));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        // one more call fits in the queue, the other is refused at once: it is the first to complete
        java.util.concurrent.ExecutorCompletionService<String> done = new java.util.concurrent.ExecutorCompletionService<>(callers);
        List<Future<String>> two = new ArrayList<>();
        for (String vm : List.of("vm-b", "vm-c")) {
            two.add(done.submit(() -> agent.ask(vm, in(Duration.ofMinutes(1)), c -> vm)));
        }
        Future<String> refused = done.poll(10, TimeUnit.SECONDS);
        assertTrue(refused != null, "one of the two calls was answered at once");
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> refused.get());
        assertTrue(e.getCause().getMessage().contains("cannot be asked now"), e.getCause().getMessage());
        release.countDown();
        Future<String> queued = two.get(0) == refused ? two.get(1) : two.get(0);
        assertTrue(List.of("vm-b", "vm-c").contains(queued.get(10, TimeUnit.SECONDS)));
        running.get(10, TimeUnit.SECONDS);
    }
}
