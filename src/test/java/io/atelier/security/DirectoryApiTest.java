package io.atelier.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The directory a trainer picks trainees from: the realm's trainees and groups, read with the platform's service account. */
@QuarkusTest
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class DirectoryApiTest {

    @Test
    void aTrainerListsTheTraineesAndTheirGroups() {
        JsonPath listing = given().auth().oauth2(Keycloak.token("formateur1")).get("/api/trainees").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("stagiaire1", "stagiaire2", "stagiaire3"), listing.getList("trainees.username"),
                "only users with the trainee role, sorted");
        assertEquals("Samir Stagiaire-Un", listing.getString("trainees[0].name"));
        assertEquals(List.of("groupe-a", "groupe-b"), listing.getList("groups.name"));
        assertEquals(List.of("stagiaire1", "stagiaire2"), listing.getList("groups[0].members"));
        assertEquals(List.of("stagiaire3"), listing.getList("groups[1].members"));
        assertFalse(listing.prettify().contains("@atelier.example"), "no e-mail address leaves the directory");
    }

    @Test
    void traineesAndValidatorsDoNotReadTheDirectory() {
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/trainees").then().statusCode(403);
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/trainees").then().statusCode(403);
        given().get("/api/trainees").then().statusCode(401);
        given().auth().oauth2(Keycloak.token("admin")).get("/api/trainees").then().statusCode(200)
                .body("trainees.size()", equalTo(3));
    }
}
