package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A host runs at most {@code atelier.labs.max-running} labs and {@code max-memory-mib} of
 * guest memory: a lab beyond is refused with 409 and the reason, and nothing is created
 * (libvirt's test driver; the first lab stays PROVISIONING for the whole test).
 */
@QuarkusTest
@TestProfile(LabLimitsTest.SmallHost.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class LabLimitsTest {

    public static class SmallHost extends LabTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("atelier.labs.max-running", "1");
            config.put("atelier.labs.max-memory-mib", "400");
            config.put("atelier.labs.ready-timeout", "PT10M");
            return config;
        }
    }

    @Inject
    LabStore labs;

    static io.restassured.response.ValidatableResponse request(String template, String trainee) {
        return given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"" + template + "\", \"trainee\": \"" + trainee + "\"}")
                .post("/api/labs").then();
    }

    @Test
    void labsBeyondTheHostsLimitsAreRefusedWithTheReason() {
        String first = request("un-poste", "stagiaire1").statusCode(201).extract().path("id");
        request("un-poste", "stagiaire2").statusCode(409)
                .body("error", allOf(containsString("already runs 1 labs"), containsString("atelier.labs.max-running = 1")));
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));

        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + first).then().statusCode(204);
        request("deux-postes", "stagiaire2").statusCode(409)
                .body("error", allOf(containsString("needs 512 MiB"), containsString("only 400 MiB are left")));
        String fits = request("un-poste", "stagiaire2").statusCode(201).extract().path("id");
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + fits).then().statusCode(204);
    }

    @Test
    void aGradedLabsVmsArePoweredOffAndCountAgainOnlyWhenATrainerStartsThemToInspectIt() {
        String graded = request("un-poste", "stagiaire1").statusCode(201).extract().path("id");
        TestDriverLabs.markReady(labs, graded);
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + graded + "/submission").then().statusCode(201);
        TestDriverLabs.awaitRunning(graded, false);
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + graded).then().body("state", equalTo("GRADED"));

        String next = request("un-poste", "stagiaire2").statusCode(201).extract().path("id");
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/labs/" + graded + "/start").then().statusCode(409)
                .body("error", containsString("already runs 1 labs"));
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + next).then().statusCode(204);

        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + graded + "/start").then().statusCode(403)
                .body("error", containsString("graded"));
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/labs/" + graded + "/start").then().statusCode(202)
                .body("state", equalTo("GRADED"));
        TestDriverLabs.awaitRunning(graded, true);
        request("un-poste", "stagiaire2").statusCode(409).body("error", containsString("already runs 1 labs"));

        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/labs/" + graded + "/stop").then().statusCode(202);
        TestDriverLabs.awaitRunning(graded, false);
        String fits = request("un-poste", "stagiaire2").statusCode(201).extract().path("id");
        for (String id : new String[] { fits, graded }) {
            given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
        }
    }
}
