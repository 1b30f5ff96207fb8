package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.atelier.check.PartageLabProfile;
import io.atelier.database.EmbeddedDatabaseTestResource;
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
 * by the trainer, not acquired.
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class CatchUpRealTest {

    static final String GRID_CRITERIA = "grade.blocks.competencies.flatten().criteria.flatten()";

    @TestHTTPResource("/")
    URL base;

    @Test
    void caughtUpToItsThirdTaskALabPassesTheFirstTwoTasksChecksAndItsGridSaysTheyWereGivenByTheTrainer() {
        String id = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"rattrapage\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        try {
            RealLabs.awaitState(base::toString, id, RealLabs.READY_WITHIN, "READY");
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1"))
                    .post("/api/labs/" + id + "/tasks/finir/catch-up").then().statusCode(200)
                    .body("given", contains("ecrire", "copier"))
                    .body("alreadyGiven", empty());
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id).then()
                    .body("tasks[1].startedAt", notNullValue())
                    .body("tasks[1].givenAt", notNullValue());
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/verifications")
                    .then().statusCode(200)
                    .body("tasks.id", contains("ecrire", "copier", "finir"))
                    .body("tasks.passed", contains(true, true, false))
                    .body("tasks[0].checks[0].verdict", equalTo("PASS"))
                    .body("tasks[1].checks[0].verdict", equalTo("PASS"));

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
                    .body(GRID_CRITERIA + ".find { it.id == 'C17.resultats-tests-rapport' }.given", equalTo(true))
                    .body(GRID_CRITERIA + ".find { it.id == 'C16.mises-a-jour-remplacements' }.given", equalTo(false))
                    .body("grade.points", equalTo(0.0f));
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id)
                    .then().statusCode(204);
        }
    }
}
