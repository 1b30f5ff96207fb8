package io.atelier.hypervisor;

import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * Calls to the QEMU guest agents of lab VMs, kept apart from every other libvirt call: a
 * trainee who stops (or freezes) the agent of their VM makes each call to it wait for
 * libvirt's agent timeout, and libvirt runs one agent call per VM at a time. So these calls
 * run on {@value #THREADS} platform threads of their own, each with its own libvirt
 * connection (on one shared connection, a call to another VM's agent was answered only once
 * the call to the frozen one had timed out), with a queue of {@value #QUEUE}, and per VM:
 * <ul>
 * <li>one call at a time is handed to libvirt; the others wait for their turn in their
 * caller's thread, up to their deadline; at most {@value #CALLS_PER_VM} calls are under way
 * (one more is refused at once: "the guest agent of X is busy");</li>
 * <li>a call that libvirt does not answer within {@value #ANSWER_SECONDS} s (the agent
 * timeout, {@value #AGENT_TIMEOUT_SECONDS} s, and a margin) is given up, and a call the agent
 * left unanswered until the agent timeout marks it unresponsive (noted before the next call
 * gets its turn): for the next 10 s ({@link #QUIET}) calls to it fail at once ("the guest
 * agent of X is unresponsive").</li>
 * </ul>
 * A frozen agent thus holds at most one of these threads and its connection, and never a
 * thread or the connection that reads VM states and starts, stops or looks up other labs' VMs.
 */
@ApplicationScoped
public class GuestAgent {

    static final int THREADS = 4;
    static final int QUEUE = 16;
    static final int CALLS_PER_VM = 8;
    /** What libvirt gives the agent to answer one command ({@code qemuAgentCommand}'s timeout). */
    public static final int AGENT_TIMEOUT_SECONDS = 5;
    static final int ANSWER_SECONDS = AGENT_TIMEOUT_SECONDS + 5;
    static final Duration QUIET = Duration.ofSeconds(10);

    private final LibvirtConnection libvirt;
    private final Duration answerWithin;
    private final Duration agentTimeout;
    private final Duration quiet;
    private final int callsPerVm;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /** The calls of one VM's agent: whose turn it is, who waits, and whether it lately went silent. */
    private static final class Lane {
        final Semaphore turn = new Semaphore(1, true);
        /** Callers and the call handed to libvirt; changed only inside the map's compute, so a lane in use is never dropped. */
        final AtomicInteger users = new AtomicInteger();
        /** Callers waiting for their turn or for the answer. */
        final AtomicInteger callers = new AtomicInteger();
        volatile long quietUntil = System.nanoTime();
        volatile String silence;
    }

    /**
     * The agent did not answer in time, or its VM's calls or the agent threads were all taken:
     * the VM is there and a later call may be answered (as opposed to a missing VM or a refused
     * command).
     */
    public static final class Unanswered extends HypervisorException {
        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }

        /**
         * libvirt refused the call because it holds the agent's channel for closed: nothing
         * reached the guest. Just after a restore, libvirt learns that the agent is there only
         * from QEMU's event once the machine runs again (a restored clone's first call was
         * refused so under load: run63, run64, run68).
         */
        public boolean notConnected() {
            return getCause() instanceof LibvirtException l && l.getMessage() != null
                    && l.getMessage().contains("agent is not connected");
        }
    }

    @Inject
    public GuestAgent(HypervisorConfig config) {
        this(new LibvirtConnection(config.uri(), "libvirt-agent-", THREADS, QUEUE, true), Duration.ofSeconds(ANSWER_SECONDS),
                Duration.ofSeconds(AGENT_TIMEOUT_SECONDS), QUIET, CALLS_PER_VM);
    }

    GuestAgent(LibvirtConnection libvirt, Duration answerWithin, Duration agentTimeout, Duration quiet, int callsPerVm) {
        this.libvirt = libvirt;
        this.answerWithin = answerWithin;
        this.agentTimeout = agentTimeout;
        this.quiet = quiet;
        this.callsPerVm = callsPerVm;
    }

    /**
     * Sends one guest agent command (JSON) to VM {@code domain} and answers the agent's JSON.
     *
     * @param deadline {@link System#nanoTime()} after which the caller no longer waits for its turn
     * @throws HypervisorException when the agent is busy, unresponsive or not there, or the VM is missing
     */
    public String command(String domain, String json, long deadline) {
        return ask(domain, deadline, c -> {
            Domain vm;
            try {
                vm = c.domainLookupByName(domain);
            } catch (LibvirtException e) {
                if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    throw new HypervisorException("no VM " + domain);
                }
                throw e;
            }
            try {
                return vm.qemuAgentCommand(json, AGENT_TIMEOUT_SECONDS, 0);
            } finally {
                // libvirt-java frees a Domain in its finalizer: without this fence the object
                // may be collected during its own native call ("invalid domain pointer in
                // virDomainQemuAgentCommand", seen under load by the bench)
                Reference.reachabilityFence(vm);
            }
        });
    }

    /** {@link #command} with any libvirt call standing for the agent's (tests give slow ones). */
    <T> T ask(String domain, long deadline, LibvirtConnection.Call<T> call) {
        String what = "ask the guest agent of " + domain;
        Lane lane = enter(domain);
        lane.callers.incrementAndGet();
        try {
            refuseIfSilent(domain, lane);
            if (lane.callers.get() > callsPerVm) {
                throw new Unanswered("the guest agent of " + domain + " is busy: " + callsPerVm
                        + " calls to it are already under way; try again in a moment", null);
            }
            if (!awaitTurn(lane, deadline)) {
                throw new Unanswered("the guest agent of " + domain
                        + " is busy: its earlier calls did not leave it a turn in time", null);
            }
            boolean handed = false;
            try {
                refuseIfSilent(domain, lane);
                enter(domain);
                Future<T> answer;
                // the silence is noted on the libvirt thread, before the turn passes to the next call
                LibvirtConnection.Call<T> noted = c -> {
                    long started = System.nanoTime();
                    try {
                        return call.on(c);
                    } catch (LibvirtException e) {
                        if (agentTrouble(e) && System.nanoTime() - started >= agentTimeout.toNanos() - 500_000_000L) {
                            silent(lane, e.getMessage());
                        }
                        throw e;
                    }
                };
                try {
                    answer = libvirt.submit(what, noted, () -> {
                        lane.turn.release();
                        leave(domain);
                    });
                    handed = true;
                } catch (RejectedExecutionException e) {
                    leave(domain);
                    throw new Unanswered("the guest agent of " + domain + " cannot be asked now: "
                            + QUEUE + " guest agent calls of other VMs already wait; try again in a moment", e);
                }
                try {
                    return answer.get(answerWithin.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    String why = "no answer within " + answerWithin.toSeconds() + " s";
                    silent(lane, why);
                    throw new Unanswered("the guest agent of " + domain + " is unresponsive: " + why, e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof LibvirtException l && agentTrouble(l)) {
                        throw new Unanswered("the guest agent of " + domain + " is unresponsive: "
                                + l.getMessage(), l);
                    }
                    throw LibvirtConnection.failure(what, e);
                }
            } finally {
                if (!handed) lane.turn.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException(what + ": interrupted", e);
        } finally {
            lane.callers.decrementAndGet();
            leave(domain);
        }
    }

    private static boolean awaitTurn(Lane lane, long deadline) throws InterruptedException {
        return lane.turn.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** A libvirt error that says the agent did not answer (as opposed to, say, a missing VM). */
    private static boolean agentTrouble(LibvirtException e) {
        return e.getError() != null && (e.getError().getCode() == ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE
                || e.getError().getCode() == ErrorNumber.VIR_ERR_OPERATION_TIMEOUT);
    }

    private void refuseIfSilent(String domain, Lane lane) {
        long now = System.nanoTime();
        if (now - lane.quietUntil < 0) {
            Instant again = Instant.now().plusNanos(lane.quietUntil - now);
            throw new Unanswered("the guest agent of " + domain + " is unresponsive (" + lane.silence
                    + "); it is not asked again before " + again, null);
        }
    }

    private void silent(Lane lane, String why) {
        lane.silence = why;
        lane.quietUntil = System.nanoTime() + quiet.toNanos();
    }

    private Lane enter(String domain) {
        return lanes.compute(domain, (d, lane) -> {
            Lane l = lane == null ? new Lane() : lane;
            l.users.incrementAndGet();
            return l;
        });
    }

    private void leave(String domain) {
        lanes.computeIfPresent(domain, (d, l) -> l.users.decrementAndGet() == 0 && System.nanoTime() - l.quietUntil >= 0 ? null : l);
    }

    /** Calls to the agent of {@code domain} under way now (for tests and diagnostics). */
    int callers(String domain) {
        Lane lane = lanes.get(domain);
        return lane == null ? 0 : lane.callers.get();
    }

    /** VMs whose agent has a call waiting or running now (for tests and diagnostics). */
    int lanesInUse() {
        return (int) lanes.values().stream().filter(l -> l.users.get() > 0).count();
    }

    @PreDestroy
    void close() {
        libvirt.close();
    }
}
