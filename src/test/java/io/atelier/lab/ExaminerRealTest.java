package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import io.atelier.hypervisor.Hypervisor;
import io.atelier.node.HostExaminer;
import io.atelier.node.NodeShell;

/**
 * The examiner's node on the host beside a real TCG VM: no VM of its own, network namespaces
 * on the lab's bridge ({@link io.atelier.node.HostExaminer}). The trainee, root on their node
 * next to it, finds nothing to log in to at its address; the platform's checks run from that
 * address; deleting the lab leaves nothing of it.
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ExaminerRealTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabStore labs;

    @Inject
    LabExaminers examiners;

    @Inject
    Hypervisor hypervisor;

    @Inject
    Reconciler reconciler;

    @Test
    void theExaminerOfALabThatIsGoneIsClosedByTheReconciler() throws Exception {
        // as a platform that crashed between a lab's deletion and its examiner's would leave it
        UUID gone = UUID.randomUUID();
        Process bridge = new ProcessBuilder("sh", "-c", "ip link add atl-xt-gone type bridge && ip link set atl-xt-gone up")
                .inheritIO().start();
        assertEquals(0, bridge.waitFor());
        try {
            java.nio.file.Files.createDirectories(examiners.root());
            HostExaminer left = HostExaminer.create(gone.toString(),
                    java.util.List.of(new HostExaminer.Nic("lan", "atl-xt-gone", "10.99.0.30/24", null)), examiners.root());
            assertTrue(examiners.labs().contains(gone));
            assertTrue(reconciler.reconcile().removed().contains("examiner " + gone));
            assertFalse(examiners.labs().contains(gone), "the gone lab's examiner state stays");
            assertFalse(left.alive(), "the gone lab's examiner still runs");
        } finally {
            new ProcessBuilder("ip", "link", "del", "atl-xt-gone").start().waitFor();
        }
    }

    @Test
    void theExaminerIsNoMachineTheTraineeCanLogInTo() throws Exception {
        String id = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"preuve-juste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        UUID lab = UUID.fromString(id);
        long holder;
        try {
            RealLabs.awaitState(base::toString, id, RealLabs.READY_WITHIN, "READY");
            Lab ready = labs.find(lab).orElseThrow();
            LabPlan.Node poste = ready.plan().traineeNodes().get(0);
            LabPlan.Node examinerNode = ready.plan().examiner().orElseThrow();
            assertTrue(ready.plan().examinerOnHost());
            assertFalse(hypervisor.exists(examinerNode.domain()), "the examiner has a VM");

            // the trainee, root on poste, finds no SSH server (nor any other) at the examiner's address
            NodeShell.Result tried = NodeShell.run(poste, ready.sshPrivateKey(), "sudo -u stagiaire1 ssh -o BatchMode=yes "
                    + "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10 root@10.79.0.30 true 2>&1; "
                    + "ping -c 1 -W 5 10.79.0.30 >/dev/null && echo answers-ping", null, Duration.ofSeconds(40));
            assertTrue(tried.stdout().contains("Connection refused"), "something listens on the examiner: " + tried);
            assertTrue(tried.stdout().contains("answers-ping"), "the examiner is on the lab's network: " + tried);

            // the platform's examiner: on the lab's network at its address, reaching poste's sshd
            HostExaminer examiner = examiners.of(ready).orElseThrow();
            holder = examiner.holder();
            NodeShell.Result inside = examiner.run("hostname; ip -o -4 addr show | grep -c ' 10.79.0.30/24 '; "
                    + "nc -z -w 10 10.79.0.10 22 && echo poste-sshd", Duration.ofSeconds(30));
            assertEquals("examiner\n1\nposte-sshd", inside.stdout().strip(), inside.toString());
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id)
                    .then().statusCode(204);
        }
        assertFalse(examiners.labs().contains(lab), "the deleted lab's examiner state stays");
        assertTrue(ProcessHandle.of(holder).map(h -> !h.isAlive()).orElse(true), "the deleted lab's examiner still runs");
    }
}
