package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.check.PartageLabProfile;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A trainer's catch-up on a real TCG VM (template {@code rattrapage}): caught up to its third
 * task, the lab gets the first task's solution, then the second task started by the platform
 * (its fault moves the word away) and its solution (which expects it moved): both tasks'
 * checks pass on Vérifier, and the grid of the handed-in work says their criteria were given
 * by the trainer, not acquired. The trainee, root on the node, wrote the marker files that
 * once made the platform skip a fault (and a forged nonce file) before the catch-up: the fault
 * still applies, since only the platform's records decide (copier's solution fails otherwise);
 * copier's second check dates the copy after the task's start as the platform recorded it
 * ({@code {{task_started_at}}}).
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class CatchUpRealTest {

    static final String GRID_CRITERIA = "grade.blocks.competencies.flatten().criteria.flatten()";

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabStore labs;

    @Inject
    Hypervisor hypervisor;

    @Test
    void caughtUpToItsThirdTaskALabPassesTheFirstTwoTasksChecksAndItsGridSaysTheyWereGivenByTheTrainer() throws Exception {
        String id = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"rattrapage\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        try {
            RealLabs.awaitState(base::toString, id, RealLabs.READY_WITHIN, "READY");
            String domain = labs.find(UUID.fromString(id)).orElseThrow().plan().nodes().get(0).domain();
            String forged = "0123456789abcdef0123456789abcdef";
            Hypervisor.GuestCommand marked = hypervisor.guestExec(domain, "mkdir -p /var/lib/atelier && "
                    + "touch /var/lib/atelier/fault-deplacement.done && echo " + forged
                    + " > " + FaultRule.nodeFile("deplacement"), Duration.ofSeconds(30));
            assertEquals(0, marked.exit(), "the trainee writes the markers as root");
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1"))
                    .post("/api/labs/" + id + "/tasks/finir/catch-up").then().statusCode(200)
                    .body("given", contains("ecrire", "copier"))
                    .body("alreadyGiven", empty());
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id).then()
                    .body("tasks[1].startedAt", notNullValue())
                    .body("tasks[1].givenAt", notNullValue());
            String nonce = new String(hypervisor.guestExec(domain, "cat " + FaultRule.nodeFile("deplacement"),
                    Duration.ofSeconds(30)).stdout(), StandardCharsets.UTF_8).strip();
            assertTrue(nonce.matches("[0-9a-f]{32}") && !nonce.equals(forged),
                    "the fault's wrapper wrote the platform's nonce over the forged one: " + nonce);
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/verifications")
                    .then().statusCode(200)
                    .body("tasks.id", contains("ecrire", "copier", "finir"))
                    .body("tasks.passed", contains(true, true, false))
                    .body("tasks[0].checks[0].verdict", equalTo("PASS"))
                    .body("tasks[1].checks[0].verdict", equalTo("PASS"))
                    .body("tasks[1].checks[1].id", equalTo("copie-apres-debut"))
                    .body("tasks[1].checks[1].verdict", equalTo("PASS"));

            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/submission")
                    .then().statusCode(201)
                    .body("acquiredCriteria", equalTo(0))
                    .body("totalCriteria", equalTo(3));
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).accept("application/json").get("/api/labs/" + id + "/report")
                    .then().statusCode(200)
                    .body("intact", equalTo(true))
                    .body("givenTasks.taskId", contains("ecrire", "copier"))
                    .body(GRID_CRITERIA + ".find { it.id == 'C17.tests-exploitabilite' }.given", equalTo(true))
                    .body(GRID_CRITERIA + ".find { it.id == 'C17.tests-exploitabilite' }.acquired", equalTo(false))
                    .body(GRID_CRITERIA + ".find { it.id == 'C17.tests-exploitabilite' }.checks[0].verdict", equalTo("PASS"))
                    .body(GRID_CRITERIA + ".find { it.id == 'C17.bloquer-sites' }.given", equalTo(true))
                    .body(GRID_CRITERIA + ".find { it.id == 'C16.mises-a-jour-invisibles' }.given", equalTo(false))
                    .body("grade.points", equalTo(0.0f));
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id)
                    .then().statusCode(204);
        }
    }
}
