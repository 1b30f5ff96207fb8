package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Starting a task on libvirt's test driver, whose labs never become READY: the lab shows
 * its tasks (which ones a start breaks something for), who may start one, an unknown task,
 * and the refusal while the lab is not ready. Faults really applied: ProverRealTest (the file
 * server's restore task).
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class TaskStartApiTest {

    @Test
    void theLabListsItsTasksAndOnlyItsPeopleMayStartAKnownTaskOnceItIsReady() {
        String lab = LabApiTest.createLab("formateur1", "une-panne", "stagiaire1");
        String fichier = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab)
                .then().statusCode(200)
                .body("tasks.id", org.hamcrest.Matchers.contains("preparer", "reparer"))
                .body("tasks[0].startable", equalTo(false))
                .body("tasks[1].startable", equalTo(true))
                .body("tasks[1].startedAt", nullValue())
                .extract().path("parameters.fichier");
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then()
                .body("tasks[1].title.fr", equalTo("Réparer " + fichier))
                .body("tasks[1].title.en", equalTo("Repair " + fichier));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs").then().statusCode(200)
                .body("find { it.id == '" + lab + "' }.tasks[1].id", equalTo("reparer"));

        String start = "/api/labs/" + lab + "/tasks/reparer/start";
        given().auth().oauth2(Keycloak.token("stagiaire2")).post(start).then().statusCode(404);
        given().auth().oauth2(Keycloak.token("validateur1")).post(start).then().statusCode(403);
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/tasks/inconnue/start")
                .then().statusCode(404)
                .body("error", containsString("No task 'inconnue'"))
                .body("error", containsString("preparer, reparer"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).post(start).then().statusCode(409)
                .body("error", containsString("not READY"));
        given().auth().oauth2(Keycloak.token("formateur1")).post(start).then().statusCode(409);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then()
                .body("tasks[1].startedAt", nullValue());
    }

    @Test
    void aTaskShowsItsInstructionsRenderedWithTheLabsValuesAndNothingThatRuns() {
        String lab = LabApiTest.createLab("formateur1", "une-panne", "stagiaire1");
        String fichier = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab)
                .then().statusCode(200).extract().path("parameters.fichier");
        String url = "/api/labs/" + lab + "/tasks/reparer/instructions";
        String html = given().auth().oauth2(Keycloak.token("stagiaire1")).get(url).then().statusCode(200)
                .body("task", equalTo("reparer"))
                .body("title.fr", equalTo("Réparer " + fichier))
                .body("html.en", nullValue())
                .body("hints[0].fr", equalTo("Regardez /etc/atelier-" + fichier + "."))
                .extract().path("html.fr");
        assertTrue(html.contains("<h1>Une tâche de test</h1>"), html);
        assertTrue(html.contains("<code>/etc/atelier-" + fichier + "</code> pour <strong>stagiaire1</strong>"), html);
        assertTrue(html.contains("&lt;script&gt;alert('consigne')&lt;/script&gt;") && !html.contains("<script"), html);
        assertTrue(!html.contains("javascript:") && html.contains("href=\"https://www.debian.org/doc/\""), html);

        given().auth().oauth2(Keycloak.token("validateur1")).get(url).then().statusCode(200);
        given().auth().oauth2(Keycloak.token("stagiaire2")).get(url).then().statusCode(404);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab + "/tasks/inconnue/instructions")
                .then().statusCode(404).body("error", containsString("preparer, reparer"));
    }
}
