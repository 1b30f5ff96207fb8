package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.check.PartageLabProfile;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import io.atelier.node.NodeShell;

/**
 * The examiner's node on real TCG VMs: the trainee, root on their node next to it, gets no
 * login on it (its SSH server offers the platform's key only, to the platform's account; no
 * trainee account; no login prompt on its serial line), while the platform reaches it.
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ExaminerRealTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabStore labs;

    @Test
    void theExaminerAcceptsNoLoginButThePlatforms() throws Exception {
        String id = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"preuve-juste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        try {
            RealLabs.awaitState(base::toString, id, RealLabs.READY_WITHIN, "READY");
            Lab lab = labs.find(UUID.fromString(id)).orElseThrow();
            LabPlan.Node poste = lab.plan().traineeNodes().get(0);
            LabPlan.Node examiner = lab.plan().nodes().stream().filter(LabPlan.Node::platformOwned).findFirst().orElseThrow();

            // the trainee, root on poste, tries its account, the platform's account, and root
            for (String user : new String[] { "stagiaire1", "atelier", "root" }) {
                NodeShell.Result tried = NodeShell.run(poste, lab.sshPrivateKey(), "sudo -u stagiaire1 ssh -o BatchMode=yes "
                        + "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10 " + user
                        + "@10.79.0.30 true 2>&1", null, Duration.ofSeconds(30));
                assertTrue(tried.exit() != 0 && tried.stdout().contains("Permission denied (publickey)"),
                        "only keys are offered, and the trainee has none the examiner accepts: " + tried);
            }
            NodeShell.Result inside = NodeShell.run(examiner, lab.sshPrivateKey(),
                    "id -un; id stagiaire1 >/dev/null 2>&1 && echo trainee-account; systemctl is-enabled serial-getty@ttyS0.service",
                    null, Duration.ofSeconds(30));
            assertEquals("atelier\nmasked", inside.stdout().strip(), "the platform gets in; no trainee account, no serial login: "
                    + inside);
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id)
                    .then().statusCode(204);
        }
    }
}
