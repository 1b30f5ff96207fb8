package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.util.HashMap;
import java.util.Map;

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
}
