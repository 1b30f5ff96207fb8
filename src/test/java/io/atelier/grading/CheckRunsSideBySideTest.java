package io.atelier.grading;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.check.CheckResult;
import io.atelier.check.CheckRun;
import io.atelier.check.CheckRunStore;
import io.atelier.check.CheckService;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.Lab;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTestProfile;
import io.atelier.lab.RealLabs;
import io.atelier.lab.TestDriverLabs;
import io.atelier.security.Keycloak;
import io.atelier.template.TemplateSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * When check runs may overlap: never two of one lab (Vérifier racing Rendre), and many labs
 * at once when a deadline submits a whole class. The test driver's VMs never boot, so the
 * checks are mocked: each run takes a moment and records which runs overlap.
 */
@QuarkusTest
@TestProfile(CheckRunsSideBySideTest.Profile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class CheckRunsSideBySideTest {

    public static class Profile extends LabTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("atelier.grading.sweep-every", "1s");
            config.put("atelier.labs.max-running", "20");
            config.put("atelier.labs.max-memory-mib", "20000");
            return config;
        }
    }

    /** Checks that reach no machine: every check passes after {@code took}; overlapping runs are counted. */
    static class SlowChecks extends CheckService {
        final Duration took;
        final Map<UUID, AtomicInteger> runningPerLab = new ConcurrentHashMap<>();
        final AtomicInteger mostOfOneLab = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch firstStarted = new CountDownLatch(1);

        SlowChecks(Duration took) {
            this.took = took;
        }

        @Override
        public List<CheckResult> run(Lab lab, List<TemplateSpec.Check> checks) {
            AtomicInteger ofLab = runningPerLab.computeIfAbsent(lab.id(), k -> new AtomicInteger());
            mostOfOneLab.accumulateAndGet(ofLab.incrementAndGet(), Math::max);
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            firstStarted.countDown();
            try {
                RealLabs.pause(took);
                return checks.stream().map(c -> new CheckResult(c.id(), CheckResult.Verdict.PASS, "mock", "true", 0, "",
                        null, Instant.now(), took)).toList();
            } finally {
                running.decrementAndGet();
                ofLab.decrementAndGet();
            }
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabStore labs;

    @Inject
    CheckRunStore runs;

    @Inject
    DeadlineStore deadlines;

    SlowChecks checks;

    @BeforeEach
    void mockTheChecks() {
        checks = new SlowChecks(Duration.ofMillis(1500));
        QuarkusMock.installMockForType(checks, CheckService.class);
    }

    @Test
    void verifyingAndSubmittingAtOnceRunTheChecksOneAfterTheOther_checksMocked() throws Exception {
        String lab = TestDriverLabs.ready(labs, "un-poste", "stagiaire1");
        CompletableFuture<Integer> verification = CompletableFuture.supplyAsync(() -> given().baseUri(base.toString())
                .auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/verifications").statusCode());
        assertTrue(checks.firstStarted.await(30, TimeUnit.SECONDS), "the verification started its checks");

        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/submission").then().statusCode(201);

        assertEquals(200, verification.get(30, TimeUnit.SECONDS));
        assertEquals(2, checks.runs.get(), "the verification and the final run both ran");
        assertEquals(1, checks.mostOfOneLab.get(), "the final run waited for the verification to end");
        assertEquals(1, runs.countBy(UUID.fromString(lab), CheckRun.Kind.VERIFICATION, "stagiaire1"));
        assertTrue(runs.finalRun(UUID.fromString(lab)).isPresent());
    }

    @Test
    void twelveLabsDueAtOneDeadlineAreGradedSideBySideWithinTheBound_checksMocked() {
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 12; i++) due.add(TestDriverLabs.ready(labs, "un-poste", "stagiaire" + (1 + i % 3)));
        Instant now = Instant.now();
        due.forEach(lab -> deadlines.set(UUID.fromString(lab), now, "test"));

        for (String lab : due) RealLabs.awaitState(base::toString, lab, Duration.ofSeconds(120), "GRADED");

        assertEquals(12, checks.runs.get(), "one final run per lab");
        assertTrue(checks.mostAtOnce.get() > 1, "the labs were graded side by side, not one after the other: "
                + checks.mostAtOnce.get());
        assertTrue(checks.mostAtOnce.get() <= 4, "at most atelier.grading.parallel-submissions (4) at once: "
                + checks.mostAtOnce.get());
    }
}
