package io.atelier.check;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.LibvirtConnection;
import io.atelier.lab.Lab;
import io.atelier.lab.LabStore;
import io.atelier.lab.RealLabProfile;
import io.atelier.lab.RealLabs;
import io.atelier.security.Keycloak;
import io.atelier.template.TemplateSpec.Check;
import io.atelier.template.TemplateSpec.Expect;
import io.atelier.template.TemplateSpec.Matcher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A trainee turns their node against the platform, on two real TCG labs. In lab A, checks
 * print 1 GiB (or without end) on stdout or stderr: over SSH, then through the guest agent
 * once SSH is cut, each finishes at once as a FAIL with a bounded excerpt saying the output
 * was cut, and the platform's heap does not grow by what was printed. Then A's guest agent
 * is frozen (SIGSTOP, SSH still cut): while many guest agent calls to A wait on it, lab B's
 * API calls (which read its VM's state through libvirt) and B's own guest agent answer
 * before any of A's calls ends; A's calls then end saying its agent is unresponsive. A
 * control then makes the same calls on the connection and threads shared by every lab (as
 * agent calls were made before) and sees B's API wait behind them.
 */
@QuarkusTest
@TestProfile(RealLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class HostileNodeRealTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CheckService checks;

    @Inject
    LabStore labs;

    @Inject
    Hypervisor hypervisor;

    @Inject
    LibvirtConnection libvirt;

    static Check check(String id, String run, int exit, Matcher stdout) {
        return new Check(id, List.of("X.y"), null, "poste", null, null, null, run,
                new Expect(exit == 0 ? new TextNode("zero") : new IntNode(exit), stdout, null), null, null, null, null, null);
    }

    static final List<Check> FLOODS = List.of(
            check("zeros", "head -c 1G /dev/zero", 0, null),
            check("yes", "yes", 0, new Matcher(null, "y", null, null, null)),
            check("stderr", "head -c 1G /dev/zero >&2", 0, null),
            check("ordinary", "echo ok; exit 3", 3, new Matcher(null, "ok", null, null, null)));

    String create(String trainee) {
        return given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"" + trainee + "\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
    }

    /** Samples the heap while {@code work} runs; answers the largest growth over the heap before it. */
    static long heapGrowth(Runnable work) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong most = new AtomicLong(before);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                most.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            work.run();
        } finally {
            done.set(true);
            sampler.join();
        }
        return most.get() - before;
    }

    void assertCutAndOrdinary(List<CheckResult> results, String transport) {
        for (CheckResult flood : results.subList(0, 3)) {
            assertEquals(Verdict.FAIL, flood.verdict(), flood.toString());
            assertEquals(CheckEngine.CUT, flood.reason(), flood.toString());
            assertTrue(flood.output().endsWith("[output cut]") && flood.output().length() <= 2100,
                    "a bounded excerpt that says it was cut: " + flood.output().length());
            assertEquals(transport, flood.transport());
        }
        CheckResult ordinary = results.get(3);
        assertEquals(Verdict.PASS, ordinary.verdict(), ordinary.toString());
        assertEquals(3, ordinary.exit(), "the exit status of an ordinary command is kept");
        assertEquals("ok\n", ordinary.output());
        assertEquals(transport, ordinary.transport());
    }

    @Test
    void aNodeFloodingItsOutputOrFreezingItsAgentCostsThePlatformNothing() throws Exception {
        String a = create("stagiaire1");
        String b = create("stagiaire2");
        try {
            RealLabs.awaitState(base::toString, a, RealLabs.READY_WITHIN, "READY");
            RealLabs.awaitState(base::toString, b, RealLabs.READY_WITHIN, "READY");
            Lab labA = labs.find(UUID.fromString(a)).orElseThrow();
            Lab labB = labs.find(UUID.fromString(b)).orElseThrow();
            String domainA = labA.plan().nodes().get(0).domain();
            String domainB = labB.plan().nodes().get(0).domain();

            // 1. floods over SSH
            List<List<CheckResult>> ran = new ArrayList<>();
            long started = System.nanoTime();
            long overSsh = heapGrowth(() -> ran.add(checks.run(labA, FLOODS)));
            System.out.printf("hostile node: 1 GiB / endless checks over SSH in %d ms, heap grew by at most %d MiB: %s%n",
                    (System.nanoTime() - started) / 1_000_000, overSsh >> 20, ran.get(0));
            assertCutAndOrdinary(ran.get(0), "ssh");
            assertTrue(overSsh < 256L << 20, "the heap did not grow by what was printed: " + (overSsh >> 20) + " MiB");

            // 2. the same through the guest agent, once the trainee's firewall cuts SSH
            Hypervisor.GuestCommand block = hypervisor.guestExec(domainA, "nft add table inet blocage && "
                    + "nft 'add chain inet blocage input { type filter hook input priority -10; policy accept; }' && "
                    + "nft add rule inet blocage input tcp dport 22 drop", Duration.ofSeconds(20));
            assertEquals(0, block.exit(), new String(block.stderr(), StandardCharsets.UTF_8));
            started = System.nanoTime();
            long throughAgent = heapGrowth(() -> ran.add(checks.run(labA, FLOODS)));
            System.out.printf("hostile node: the same through the guest agent in %d ms, heap grew by at most %d MiB: %s%n",
                    (System.nanoTime() - started) / 1_000_000, throughAgent >> 20, ran.get(1));
            assertCutAndOrdinary(ran.get(1), "guest-agent");
            assertTrue(throughAgent < 256L << 20, "the heap did not grow by what was printed: " + (throughAgent >> 20) + " MiB");

            // 3. the trainee freezes A's guest agent (SSH stays cut); the serial console says when it is done
            Path console = hypervisor.consoleLog(domainA);
            Hypervisor.GuestCommand freeze = hypervisor.guestExec(domainA, "nohup sh -c 'sleep 3; kill -STOP $(pidof qemu-ga); "
                    + "echo atelier-agent-frozen > /dev/ttyS0' >/dev/null 2>&1 &", Duration.ofSeconds(20));
            assertEquals(0, freeze.exit());
            awaitInFile(console, "atelier-agent-frozen", Duration.ofSeconds(60));

            int calls = 6;
            AtomicInteger ended = new AtomicInteger();
            CountDownLatch asked = new CountDownLatch(calls);
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                callers.add(Thread.ofVirtual().start(() -> {
                    asked.countDown();
                    try {
                        hypervisor.guestExec(domainA, "true", Duration.ofSeconds(60));
                        outcomes.add("answered");
                    } catch (Exception e) {
                        outcomes.add(e.getMessage());
                    } finally {
                        ended.incrementAndGet();
                    }
                }));
            }
            assertTrue(asked.await(10, TimeUnit.SECONDS));
            long askedAt = System.nanoTime();
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                boolean running = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1"))
                        .get("/api/labs/" + b).then().statusCode(200).extract().path("nodes[0].running");
                assertTrue(running, "B's VM reads as running");
                order.add("GET B answered after " + (System.nanoTime() - askedAt) / 1_000_000 + " ms, A's calls ended: "
                        + ended.get());
                assertEquals(0, ended.get(), "B's API answered while all of A's agent calls were under way: " + order);
            }
            Hypervisor.GuestCommand other = hypervisor.guestExec(domainB, "echo b", Duration.ofSeconds(20));
            order.add("B's agent answered after " + (System.nanoTime() - askedAt) / 1_000_000 + " ms, A's calls ended: "
                    + ended.get());
            int endedWhenBsAgentAnswered = ended.get();
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + b).then()
                    .statusCode(200);
            order.add("GET B answered after " + (System.nanoTime() - askedAt) / 1_000_000 + " ms, A's calls ended: "
                    + ended.get());
            assertEquals("b\n", new String(other.stdout(), StandardCharsets.UTF_8));

            for (Thread caller : callers) caller.join(Duration.ofSeconds(120));
            order.add("A's calls all ended after " + (System.nanoTime() - askedAt) / 1_000_000 + " ms");
            System.out.printf("hostile node: %s; A's outcomes: %s%n", order, outcomes);
            assertEquals(calls, ended.get());
            for (String outcome : outcomes) {
                assertTrue(outcome.startsWith("the guest agent of " + domainA + " is unresponsive"), outcome);
            }
            assertEquals(1, outcomes.stream().filter(o -> !o.contains("not asked again before")).count(),
                    "one call waited for the frozen agent's timeout; the others were then refused at once: " + outcomes);

            // 4. control, showing the fault is real here: the same calls on the connection and threads every
            // lab's calls share (how agent calls ran before) hold B's state reads back until one of them ends
            AtomicInteger sharedEnded = new AtomicInteger();
            CountDownLatch sharedAsked = new CountDownLatch(calls);
            List<Thread> shared = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                shared.add(Thread.ofVirtual().start(() -> {
                    sharedAsked.countDown();
                    try {
                        libvirt.call("ping the frozen agent", c -> c.domainLookupByName(domainA)
                                .qemuAgentCommand("{\"execute\": \"guest-ping\"}", 5, 0));
                    } catch (RuntimeException e) {
                        // expected: the agent does not answer
                    } finally {
                        sharedEnded.incrementAndGet();
                    }
                }));
            }
            assertTrue(sharedAsked.await(10, TimeUnit.SECONDS));
            askedAt = System.nanoTime();
            List<String> control = new ArrayList<>();
            int endedAtLastAnswer = 0;
            for (int i = 0; i < 3; i++) {
                given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + b).then()
                        .statusCode(200);
                endedAtLastAnswer = sharedEnded.get();
                control.add("GET B answered after " + (System.nanoTime() - askedAt) / 1_000_000
                        + " ms, agent calls on the shared pool ended: " + endedAtLastAnswer);
            }
            for (Thread caller : shared) caller.join(Duration.ofSeconds(120));
            System.out.printf("hostile node, control on the shared pool: %s%n", control);
            assertTrue(endedAtLastAnswer >= 1, "on the shared pool B waits behind A's agent calls: " + control);
            assertEquals(0, endedWhenBsAgentAnswered, "B's guest agent answered while all of A's were under way: " + order);
        } finally {
            for (String lab : List.of(a, b)) {
                given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + lab)
                        .then().statusCode(204);
            }
        }
    }

    static void awaitInFile(Path file, String text, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!(Files.exists(file) && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text))) {
            assertTrue(System.nanoTime() < deadline, "'" + text + "' did not appear in " + file);
            RealLabs.pause(Duration.ofMillis(200));
        }
    }
}
