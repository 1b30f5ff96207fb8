package io.atelier.check;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.LabTestProfile;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** "Vérifier" on libvirt's test driver, whose labs never become READY: who may ask, and the refusal of a lab not ready. */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class VerificationApiTest {

    @Test
    void onlyTheLabsPeopleMayVerifyItAndOnlyOnceItIsReady() {
        String lab = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Keycloak.token("stagiaire2")).post("/api/labs/" + lab + "/verifications").then().statusCode(404);
        given().auth().oauth2(Keycloak.token("validateur1")).post("/api/labs/" + lab + "/verifications").then().statusCode(403);
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/verifications").then().statusCode(409)
                .body("error", containsString("not READY"));
    }
}
