package io.atelier.grading;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.check.CheckRun;
import io.atelier.check.CheckRunStore;
import io.atelier.check.PartageLabProfile;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabStore;
import io.atelier.lab.RealLabs;
import io.atelier.node.NodeShell;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Grading after a reboot on real TCG VMs (test template preuve-juste, whose mot-servi is
 * {@code after: reboot}): a service the trainee started by hand but did not enable answers
 * the examiner until the machine reboots, so "Vérifier" passes it while the final run, made
 * after the platform's reboot of the lab, grades it FAIL.
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class AfterRebootRealTest {

    private static final Logger LOG = Logger.getLogger(AfterRebootRealTest.class);

    /**
     * The template's own solution, its last line changed from enabling the service to starting
     * it only: the service runs now but does not come back after a reboot.
     */
    static String startedByHand() throws java.io.IOException {
        String solution = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/lab-templates/preuve-juste/solution/mot.sh"));
        String enabled = "systemctl enable --now atelier-mot.socket";
        assertTrue(solution.contains(enabled), "the test edits what the solution does: " + solution);
        return solution.replace(enabled, "systemctl start atelier-mot.socket");
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabStore labs;

    @Inject
    CheckRunStore runs;

    @Test
    void aServiceStartedByHandButNotEnabledPassesVerifierButIsGradedFailAfterThePlatformsReboot() throws Exception {
        String id = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"preuve-juste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        try {
            RealLabs.awaitState(base::toString, id, RealLabs.READY_WITHIN, "READY");
            Lab lab = labs.find(UUID.fromString(id)).orElseThrow();
            LabPlan.Node poste = lab.plan().traineeNodes().get(0);
            NodeShell.Result done = NodeShell.run(poste, lab.sshPrivateKey(), "sudo sh -s", startedByHand(),
                    Duration.ofMinutes(2));
            assertTrue(done.ok(), done::toString);

            JsonPath verified = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1"))
                    .post("/api/labs/" + id + "/verifications").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("PASS", "PASS"), verified.getList("tasks[0].checks.verdict"),
                    "before a reboot, the word is in the file and served: " + verified.prettify());

            long started = System.nanoTime();
            // the submission lasts the final run, the reboot and the run after it: beyond the
            // tests' usual 30 s, as a browser's request waits for it
            JsonPath submitted = given().baseUri(base.toString()).config(RestAssured.config().httpClient(
                    HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 600_000)))
                    .auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/submission").then().statusCode(201).extract().jsonPath();
            LOG.infof("A submission with the platform's reboot took %d s",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertEquals(List.of("mot-present", "mot-servi"), submitted.getList("tasks[0].checks.id"));
            assertEquals(List.of("PASS", "FAIL"), submitted.getList("tasks[0].checks.verdict"),
                    "after the reboot the socket was not started again: " + submitted.prettify());

            CheckRun before = runs.latest(lab.id(), CheckRun.Kind.BEFORE_REBOOT).orElseThrow();
            assertEquals(List.of(Verdict.PASS, Verdict.PASS), before.results().stream().map(CheckRun.Result::verdict).toList(),
                    "the run before the reboot is kept as evidence");
            CheckRun.Result servi = runs.finalRun(lab.id()).orElseThrow().results().get(1);
            assertTrue(servi.reason().startsWith("after the platform's reboot: "), servi.reason());
            assertTrue(servi.at().isAfter(before.finishedAt()), "graded on the run after the reboot");
            RealLabs.awaitState(base::toString, id, Duration.ofSeconds(10), "GRADED");
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id)
                    .then().statusCode(204);
        }
    }
}
