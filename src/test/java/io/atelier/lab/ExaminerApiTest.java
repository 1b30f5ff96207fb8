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
 * The examiner's node of a lab, on libvirt's test driver: it is in the lab's plan (its
 * addresses; no console, no trainee account) but is no VM: on real labs it runs on the host
 * ({@link ExaminerRealTest}), so only the trainee's machines count in the host's memory;
 * nobody's view of the lab lists it and no console opens on it.
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
    void theExaminersNodeIsInThePlanButIsNoVmNeverShownNorOpenToAConsole() throws Exception {
        String id = TestDriverLabs.ready(labs, "preuve-juste", "stagiaire1");
        Lab lab = labs.find(UUID.fromString(id)).orElseThrow();
        LabPlan.Node examiner = lab.plan().nodes().stream().filter(LabPlan.Node::platformOwned).findFirst().orElseThrow();
        assertEquals("debian-examiner", examiner.image());
        assertEquals(List.of(), examiner.consoles());
        assertEquals("10.79.0.30/24", examiner.nics().get(0).ip());
        assertTrue(lab.plan().examinerOnHost());
        assertEquals(256, lab.plan().memoryMiB(), "only the trainee's machines count in the host's memory");
        assertFalse(hypervisor.exists(examiner.domain()), "the examiner has a VM");
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
    }
}
