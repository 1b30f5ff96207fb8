package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The examiner's node of a lab, on libvirt's test driver: the platform provisions it with the
 * lab (its own VM, host key and addresses, counted in the host's memory) from the examiner's
 * image, without the trainee's account; nobody's view of the lab lists it and no console
 * opens on it.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ExaminerApiTest {

    @Inject
    LabStore labs;

    @Inject
    Hypervisor hypervisor;

    @Test
    void theExaminersNodeIsProvisionedWithTheLabButNeverShownNorOpenToAConsole() throws Exception {
        String id = TestDriverLabs.ready(labs, "preuve-juste", "stagiaire1");
        Lab lab = labs.find(UUID.fromString(id)).orElseThrow();
        LabPlan.Node examiner = lab.plan().nodes().stream().filter(LabPlan.Node::platformOwned).findFirst().orElseThrow();
        assertEquals("debian-examiner", examiner.image());
        assertEquals(List.of(), examiner.consoles());
        assertEquals("10.79.0.30/24", examiner.nics().get(0).ip());
        assertTrue(examiner.hostKey() != null, "the platform generated its host key and pins it");
        assertEquals(256 + 256, lab.plan().memoryMiB(), "its memory counts in the host's limits");
        assertTrue(hypervisor.exists(examiner.domain()), "its VM was defined with the lab's");

        String firstBoot = Files.readString(hypervisor.firstBootFile(examiner.domain()));
        assertTrue(firstBoot.contains("hostname=examiner\n") && firstBoot.contains("admin_key="), firstBoot);
        assertFalse(firstBoot.contains("trainee"), "no trainee account on the examiner: " + firstBoot);
        LabPlan.Node poste = lab.plan().traineeNodes().get(0);
        assertTrue(Files.readString(hypervisor.firstBootFile(poste.domain())).contains("trainee=stagiaire1\n"));

        for (String user : List.of("stagiaire1", "formateur1", "validateur1", "admin")) {
            given().auth().oauth2(Keycloak.token(user)).get("/api/labs/" + id).then().statusCode(200)
                    .body("nodes.name", equalTo(List.of("poste")));
        }
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.nodes.name", equalTo(List.of("poste")));
        for (String kind : List.of("ssh", "serial", "vnc")) {
            for (String user : List.of("stagiaire1", "formateur1")) {
                given().auth().oauth2(Keycloak.token(user)).contentType(ContentType.JSON)
                        .body("{\"node\": \"examiner\", \"kind\": \"" + kind + "\"}").post("/api/labs/" + id + "/consoles")
                        .then().statusCode(404).body("error", containsString("no machine examiner"));
            }
        }
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
        assertFalse(hypervisor.exists(examiner.domain()), "deleted with the lab");
    }
}
