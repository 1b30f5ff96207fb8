package io.atelier.prove;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTestProfile;
import io.atelier.lab.RealLabs;
import io.atelier.lab.TestDriverLabs;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Proofs through the API, on libvirt's test driver (no VM boots, so the checks cannot run):
 * for administrators only, one at a time, clear refusals, and a proof whose checks cannot run
 * fails naming each check, its lab deleted.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ProofApiTest {

    @Inject
    LabStore labs;

    static int post(String user, String body) {
        return given().auth().oauth2(Keycloak.token(user)).contentType(ContentType.JSON).body(body)
                .post("/api/admin/proofs").then().extract().statusCode();
    }

    @Test
    void onlyAnAdministratorProvesAKnownTemplateOneAtATimeAndAProofWhoseChecksCannotRunFails() {
        for (String user : List.of("formateur1", "validateur1", "stagiaire1")) {
            assertTrue(post(user, "{\"template\": \"un-poste\"}") == 403, user);
        }
        given().auth().oauth2(Keycloak.token("admin")).contentType(ContentType.JSON).body("{}").post("/api/admin/proofs")
                .then().statusCode(400).body("error", containsString("{\"template\": \"<template id>\"}"));
        given().auth().oauth2(Keycloak.token("admin")).contentType(ContentType.JSON).body("{\"template\": \"inconnu\"}")
                .post("/api/admin/proofs").then().statusCode(404)
                .body("error", containsString("No template 'inconnu' in the catalog; it has: "))
                .body("error", containsString("un-poste"));

        String id = given().auth().oauth2(Keycloak.token("admin")).contentType(ContentType.JSON)
                .body("{\"template\": \"un-poste\"}").post("/api/admin/proofs").then().statusCode(202)
                .body("state", equalTo("RUNNING")).extract().path("id");
        given().auth().oauth2(Keycloak.token("admin")).contentType(ContentType.JSON).body("{\"template\": \"un-poste\"}")
                .post("/api/admin/proofs").then().statusCode(409).body("error", containsString("one at a time"));

        String lab = null;
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Pattern requested = Pattern.compile("un-poste: lab ([0-9a-f-]{36}) requested");
        while (lab == null) {
            for (Object line : given().auth().oauth2(Keycloak.token("admin")).get("/api/admin/proofs/" + id).then()
                    .statusCode(200).extract().jsonPath().getList("lines")) {
                Matcher m = requested.matcher(line.toString());
                if (m.find()) lab = m.group(1);
            }
            assertTrue(System.nanoTime() < until, "the proof's lab is named in its progress");
            if (lab == null) RealLabs.pause(Duration.ofMillis(100));
        }
        TestDriverLabs.markReady(labs, lab);

        JsonPath done;
        until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            done = given().auth().oauth2(Keycloak.token("admin")).get("/api/admin/proofs/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if (!done.getString("state").equals("RUNNING")) break;
            assertTrue(System.nanoTime() < until, "the proof ends: " + done.prettify());
            RealLabs.pause(Duration.ofMillis(200));
        }
        JsonPath proof = done;
        assertTrue(proof.getString("state").equals("FAILED"), proof.prettify());
        assertTrue(proof.getList("surprises", String.class).stream().anyMatch(
                s -> s.startsWith("un-poste, untouched lab, check mot-present: ERROR, the check could not run (")),
                proof.prettify());
        assertTrue(proof.getString("summary").startsWith("un-poste: "), proof.getString("summary"));
        given().auth().oauth2(Keycloak.token("admin")).get("/api/admin/proofs/" + id + "?from=1000").then().statusCode(200)
                .body("lines.size()", equalTo(0));
        given().auth().oauth2(Keycloak.token("admin")).get("/api/labs/" + lab).then().statusCode(200)
                .body("state", equalTo("DESTROYED"));
        given().auth().oauth2(Keycloak.token("admin")).get("/api/admin/proofs/nope").then().statusCode(404);
    }
}
