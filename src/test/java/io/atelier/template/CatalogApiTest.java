package io.atelier.template;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The catalog as its users see it, with real tokens. */
@QuarkusTest
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class CatalogApiTest {

    @Test
    void aTrainerWithAPasswordGrantTokenListsTheCatalog() {
        String token = Keycloak.passwordGrant("formateur1", "formateur1");
        given().auth().oauth2(token).get("/api/templates").then().statusCode(200)
                .body("id", hasItem("pare-feu-nftables"))
                .body("find { it.id == 'pare-feu-nftables' }.title.fr", equalTo("Filtrer le trafic d'une PME avec un pare-feu nftables"))
                .body("find { it.id == 'pare-feu-nftables' }.nodeCount", equalTo(3))
                .body("find { it.id == 'pare-feu-nftables' }.durationMinutes", equalTo(90))
                .body("find { it.id == 'pare-feu-nftables' }.referential.id", equalTo("tai"))
                .body("find { it.id == 'pare-feu-nftables' }.criteria.find { it.id == 'C17.bloquer-sites' }.text.fr",
                        equalTo("Bloquer l'accès aux sites internet indiqués"));
    }

    @Test
    void aTraineeSeesTasksCriteriaAndPointsButNeverACheckCommand() {
        String body = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/templates/pare-feu-nftables")
                .then().statusCode(200)
                .body("tasks.id", hasItem("bloquer-site"))
                .body("tasks.find { it.id == 'bloquer-site' }.checks.find { it.id == 'site-bloque' }.criteria", hasItem("C17.bloquer-sites"))
                .body("tasks.find { it.id == 'bloquer-site' }.checks.find { it.id == 'site-bloque' }.points", equalTo(2.0f))
                .extract().asString();
        for (String secret : new String[] { "nft list ruleset", "sysctl", "\"run\"", "\"expect\"", "\"solution\"", "jeux.example",
                "fournisseur.example/", "\"feedback\"" }) {
            assertFalse(body.contains(secret), "the trainee's view leaks " + secret);
        }
    }

    @Test
    void trainersReadTheSourceWithItsChecks() {
        String yaml = given().auth().oauth2(Keycloak.token("formateur1")).get("/api/templates/pare-feu-nftables/source")
                .then().statusCode(200).contentType(containsString("yaml")).extract().asString();
        assertTrue(yaml.contains("run: /usr/sbin/nft list ruleset"), "the commands, which trainees never see");
    }

    @Test
    void theLoadedRevisionIsRecordedInTheDatabase() {
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/templates/pare-feu-nftables/revisions")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].version", equalTo(ShippedVersions.of("pare-feu-nftables")))
                .body("[0].current", equalTo(true))
                .body("[0].contentHash", matchesPattern("[0-9a-f]{64}"));
    }

    @Test
    void anUnknownTemplateIsA404WithAMessage() {
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/templates/inconnu")
                .then().statusCode(404)
                .body("status", equalTo(404))
                .body("error", equalTo("No template 'inconnu' in the catalog"));
    }

    @Test
    void referentialsArePublishedWithTheirCriteria() {
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/referentiels").then().statusCode(200)
                .body("id", hasItem("gmsi"))
                .body("find { it.id == 'tai' }.source", equalTo("000_ca9dcbb5ee39a1c9.txt"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/referentiels/tai").then().statusCode(200)
                .body("blocks.competencies.flatten().find { it.id == 'C17' }.criteria.id", hasItem("C17.bloquer-sites"));
    }

    @Test
    void healthReportsTheDatabaseAndKeycloakAndTheApiIsDocumented() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Keycloak"))
                .body("checks.find { it.name == 'Keycloak' }.status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/templates"))
                .body("info.title", equalTo("Atelier API"));
    }
}
