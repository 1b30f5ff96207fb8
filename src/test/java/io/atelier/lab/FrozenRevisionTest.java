package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
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
import io.restassured.path.json.JsonPath;

/**
 * A lab is shown, checked and graded against the template revision it was built from: an
 * author edits the template (a task's title, its instructions, a check's points, the version)
 * and an administrator reloads the catalog between provisioning and submission; the lab's
 * tasks, instructions and grade stay those of its revision, while a lab created after the
 * reload gets the new one. On libvirt's test driver (no VM boots; the checks answer ERROR).
 */
@QuarkusTest
@TestProfile(FrozenRevisionTest.Profile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class FrozenRevisionTest {

    static final String TEMPLATES = "frozen-templates";

    /** The server reads its own copy of the templates, which this test edits. */
    public static class Profile extends LabTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("atelier.templates.dir", TestLabTemplates.prepare(TEMPLATES).toString());
            return config;
        }
    }

    @Inject
    LabStore labs;

    @Test
    void aTemplateReloadBetweenProvisioningAndSubmissionChangesNothingForTheLabAndNoGrade() throws Exception {
        String before = TestDriverLabs.ready(labs, "pare-feu-nftables", "stagiaire3");
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + before).then().statusCode(200)
                .body("tasks[0].title.fr", equalTo("Faire de fw la passerelle du LAN"));

        Path folder = Path.of("target", "test-data", TEMPLATES, "pare-feu-nftables");
        Path yaml = folder.resolve("template.yaml");
        String original = Files.readString(yaml);
        long raised = Pattern.compile("points: 2\\b").matcher(original).results().count();
        int version = io.atelier.template.ShippedVersions.of("pare-feu-nftables");
        Files.writeString(yaml, original.replace("\nversion: " + version + "\n", "\nversion: " + (version + 1) + "\n")
                .replace("Faire de fw la passerelle du LAN", "Passerelle, révision 2")
                .replace("points: 2", "points: 20"));
        Files.writeString(folder.resolve("instructions/activer-routage.fr.md"), "# Consignes de la révision 2\n");
        given().auth().oauth2(Keycloak.token("admin")).post("/api/admin/templates/reload").then().statusCode(200)
                .body("problems", empty());
        String after = TestDriverLabs.ready(labs, "pare-feu-nftables", "stagiaire3");

        for (String lab : new String[] { before, after }) {
            boolean old = lab.equals(before);
            given().auth().oauth2(Keycloak.token("stagiaire3")).get("/api/labs/" + lab).then().statusCode(200)
                    .body("tasks[0].title.fr", equalTo(old ? "Faire de fw la passerelle du LAN" : "Passerelle, révision 2"));
            given().auth().oauth2(Keycloak.token("stagiaire3")).get("/api/labs/" + lab + "/tasks/activer-routage/instructions")
                    .then().statusCode(200)
                    .body("html.fr", old ? containsString("La menuiserie Durand") : containsString("Consignes de la révision 2"))
                    .body("html.fr", old ? not(containsString("révision 2")) : not(containsString("La menuiserie Durand")));
        }

        JsonPath graded = submit(before);
        JsonPath regraded = submit(after);
        assertEquals(regraded.getDouble("maxPoints") - 18 * raised, graded.getDouble("maxPoints"),
                "the lab built before the reload is graded on its own revision's points");
        assertEquals("Faire de fw la passerelle du LAN", graded.getString("tasks[0].title.fr"));
        given().auth().oauth2(Keycloak.token("validateur1")).accept(ContentType.JSON).get("/api/labs/" + before + "/report").then().statusCode(200)
                .body("templateVersion", equalTo(version)).body("grade.maxPoints", equalTo((float) graded.getDouble("maxPoints")));
        given().auth().oauth2(Keycloak.token("validateur1")).accept(ContentType.JSON).get("/api/labs/" + after + "/report").then().statusCode(200)
                .body("templateVersion", equalTo(version + 1));
    }

    private static JsonPath submit(String lab) {
        return given().auth().oauth2(Keycloak.token("stagiaire3")).post("/api/labs/" + lab + "/submission").then()
                .statusCode(201).extract().jsonPath();
    }
}
