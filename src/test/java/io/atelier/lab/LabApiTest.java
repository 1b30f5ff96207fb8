package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.Inventory;
import io.atelier.hypervisor.ManagementPort;
import io.atelier.security.Keycloak;
import io.atelier.security.SecretBox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The lab API on libvirt's test driver (test:///default; its VMs never boot, so a lab ends
 * FAILED with the reason that its nodes do not answer): who may start, see and delete
 * labs, what a request gets back, and that a deleted lab leaves nothing in libvirt.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class LabApiTest {

    @Inject
    Hypervisor hypervisor;

    @Inject
    LabStore store;

    @Inject
    NodeSecretStore secrets;

    @Inject
    DataSource db;

    static String create(String caller, String body, int status) {
        return given().auth().oauth2(Keycloak.token(caller)).contentType(ContentType.JSON).body(body)
                .post("/api/labs").then().statusCode(status).extract().asString();
    }

    static String createLab(String caller, String template, String trainee) {
        return given().auth().oauth2(Keycloak.token(caller)).contentType(ContentType.JSON)
                .body("{\"templateId\": \"" + template + "\", \"trainee\": \"" + trainee + "\"}")
                .post("/api/labs").then().statusCode(201)
                .body("state", equalTo("REQUESTED"))
                .body("trainee", equalTo(trainee))
                .extract().path("id");
    }

    /** Waits for the lab's provisioning job to end (the test driver's VMs never answer). */
    LabState settle(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        LabState state;
        do {
            state = store.find(UUID.fromString(id)).orElseThrow().state();
        } while ((state == LabState.REQUESTED || state == LabState.PROVISIONING) && System.nanoTime() < deadline
                && pause());
        return state;
    }

    static boolean pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Test
    void aTrainerStartsALabForATraineeWhoSeesItWithItsNodesAndCredentials() {
        String id = createLab("formateur1", "deux-postes", "stagiaire1");
        String prefix = "atelier-test-" + id + "-";
        LabState state = settle(id);
        TestDriverLabs.awaitRunning(id, false);
        Inventory libvirt = hypervisor.inventory();
        assertTrue(libvirt.domains().contains(prefix + "poste-a"), libvirt.toString());
        assertTrue(libvirt.domains().contains(prefix + "poste-b"), libvirt.toString());
        assertTrue(libvirt.networks().contains(prefix + "lan"), libvirt.toString());
        assertTrue(libvirt.volumes().contains(id + "-poste-a.qcow2"), libvirt.toString());
        assertEquals(LabState.FAILED, state, "the test driver's VMs never answer SSH");

        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("reason", containsString("did not answer on the management network"))
                .body("templateTitle.fr", equalTo("Deux postes sur un réseau local"))
                .body("credentials.user", equalTo("stagiaire1"))
                .body("credentials.password", notNullValue())
                .body("nodes.name", org.hamcrest.Matchers.contains("poste-a", "poste-b"))
                .body("nodes[0].addresses[0].ip", equalTo("10.77.0.10/24"))
                .body("nodes[0].managementAddress", org.hamcrest.Matchers.startsWith("10.214.0."))
                .body("nodes[0].running", equalTo(false)) // a failed lab's VMs are powered off, its disks kept
                .body("nodes[1].consoles", hasItem("ssh"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs").then().statusCode(200)
                .body("id", hasItem(id));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs").then().statusCode(200)
                .body("id", hasItem(id));
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs/" + id).then().statusCode(200);

        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + id).then().statusCode(404);
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs").then().statusCode(200)
                .body("id", not(hasItem(id)));
        given().auth().oauth2(Keycloak.token("stagiaire2")).post("/api/labs/" + id + "/reset").then().statusCode(404);
        given().auth().oauth2(Keycloak.token("stagiaire1")).delete("/api/labs/" + id).then().statusCode(403)
                .body("error", containsString("trainer who launched"));

        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
        libvirt = hypervisor.inventory();
        assertFalse(libvirt.toString().contains(id), "nothing of the lab is left in libvirt: " + libvirt);
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + id).then().statusCode(200)
                .body("state", equalTo("DESTROYED"));
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/labs/" + id + "/start").then().statusCode(409)
                .body("error", containsString("DESTROYED"));
    }

    @Test
    void eachNodeGetsItsOwnHostKeyAndDisplayPasswordSealedAtRestAndGivenToItsVm() throws Exception {
        String id = createLab("formateur1", "deux-postes", "stagiaire1");
        settle(id);
        Lab lab = store.find(UUID.fromString(id)).orElseThrow();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select name, host_key, vnc_password from lab_node where lab_id = ?")) {
            ps.setObject(1, lab.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertTrue(rs.getString(2).startsWith(SecretBox.PREFIX), "host key of " + rs.getString(1) + " sealed");
                    assertTrue(rs.getString(3).startsWith(SecretBox.PREFIX), "display password of " + rs.getString(1) + " sealed");
                }
            }
        }
        Connect libvirt = new Connect("test:///default");
        try {
            for (LabPlan.Node node : lab.plan().nodes()) {
                NodeSecrets own = secrets.of(lab, node).orElseThrow();
                KeyPair pair = KeyPair.load(new JSch(), own.hostPrivateKey().getBytes(StandardCharsets.US_ASCII), null);
                assertEquals(node.hostKey().split(" ")[1], Base64.getEncoder().encodeToString(pair.getPublicKeyBlob()),
                        "the plan pins the public half of " + node.name() + "'s key");
                String xml = libvirt.domainLookupByName(node.domain()).getXMLDesc(1); // VIR_DOMAIN_XML_SECURE
                assertTrue(xml.contains("passwd='" + own.vncPassword() + "'"), "the display's password: " + xml);
                String firstBoot = java.nio.file.Files.readString(hypervisor.firstBootFile(node.domain()));
                assertTrue(firstBoot.contains("host_key=" + Base64.getEncoder().encodeToString(
                        own.hostPrivateKey().getBytes(StandardCharsets.US_ASCII))), "the host key at first boot");
                assertTrue(!xml.contains("host_key="), "QEMU reads it from the 0600 file, not from its command line: " + xml);
                ManagementPort port = ManagementPort.of(node.domain(), node.managementMac(), node.managementIp());
                assertEquals(java.util.List.of(port), ManagementPort.in(xml), "the management NIC pinned to its MAC and address: " + xml);
                assertTrue(xml.contains("<target dev='" + port.dev() + "'/>"), "on the port the host's bridge rules name: " + xml);
            }
        } finally {
            libvirt.close();
        }
        assertNotEquals(lab.plan().nodes().get(0).hostKey(), lab.plan().nodes().get(1).hostKey());
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
    }

    @Test
    void aTraineeMayPracticeAloneOnlyWhereTheTemplateAllowsIt() {
        String id = createLab("stagiaire3", "deux-postes", "stagiaire3");
        create("stagiaire3", "{\"templateId\": \"deux-postes\", \"trainee\": \"stagiaire1\"}", 403);
        String refused = create("stagiaire3", "{\"templateId\": \"un-poste\"}", 403);
        assertTrue(refused.contains("not open for practice"), refused);
        settle(id);
        given().auth().oauth2(Keycloak.token("stagiaire3")).delete("/api/labs/" + id).then().statusCode(204);
    }

    @Test
    void aTraineeHasOnePracticeLabRunningAtATimeSoAClassKeepsTheHostsCapacity() {
        String first = createLab("stagiaire2", "deux-postes", "stagiaire2");
        TestDriverLabs.markReady(store, first);
        String refused = create("stagiaire2", "{\"templateId\": \"deux-postes\"}", 409);
        assertTrue(refused.contains("atelier.labs.max-practice-per-trainee = 1"), refused);
        String launched = createLab("formateur1", "deux-postes", "stagiaire2");
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + launched).then().statusCode(204);
        given().auth().oauth2(Keycloak.token("stagiaire2")).post("/api/labs/" + first + "/stop").then().statusCode(202);
        String second = createLab("stagiaire2", "deux-postes", "stagiaire2");
        given().auth().oauth2(Keycloak.token("stagiaire2")).post("/api/labs/" + first + "/start").then().statusCode(409)
                .body("error", containsString("max-practice-per-trainee"));
        settle(second);
        for (String id : new String[] { first, second }) {
            given().auth().oauth2(Keycloak.token("stagiaire2")).delete("/api/labs/" + id).then().statusCode(204);
        }
    }

    @Test
    void badRequestsGetAClearErrorAndCreateNothing() {
        int before = store.live().size();
        assertTrue(create("formateur1", "{\"trainee\": \"stagiaire1\"}", 400).contains("templateId is missing"));
        assertTrue(create("formateur1", "{\"templateId\": \"nope\", \"trainee\": \"stagiaire1\"}", 404)
                .contains("No lab template 'nope'"));
        assertTrue(create("formateur1", "{\"templateId\": \"deux-postes\", \"trainee\": \"Robert'); drop\"}", 400)
                .contains("'trainee' must be a user name"));
        assertTrue(create("formateur1", "not json", 400).contains("\"status\":400"));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/not-a-uuid").then().statusCode(404);
        assertEquals(before, store.live().size());
    }

    @Test
    void aTemplateWhoseImageIsNotBuiltIsRefusedWithTheCommandThatBuildsIt() throws Exception {
        java.nio.file.Path current = LabTestProfile.IMAGES.resolve("debian-base/current");
        java.nio.file.Files.delete(current);
        try {
            String error = create("formateur1", "{\"templateId\": \"deux-postes\", \"trainee\": \"stagiaire1\"}", 409);
            assertTrue(error.contains("./atelier images build debian-base"), error);
        } finally {
            java.nio.file.Files.createSymbolicLink(current, java.nio.file.Path.of("fake"));
        }
    }

    @Test
    void aHiddenParameterNeverReachesTheTraineeThroughTheLabViewsButItsTrainerAndAdminsSeeIt() {
        String id = createLab("formateur1", "un-poste", "stagiaire3");
        Lab lab = store.find(UUID.fromString(id)).orElseThrow();
        String secret = lab.parameters().get("cle");
        assertEquals(10, secret.length(), "drawn like any password");
        assertTrue(lab.plan().nodes().get(0).setupScript().contains(secret), "the platform's scripts have it");
        settle(id);
        // the trainee: the lab, the list, in any form the API gives them
        String own = given().auth().oauth2(Keycloak.token("stagiaire3")).get("/api/labs/" + id).then().statusCode(200)
                .body("parameters.mot", notNullValue())
                .body("parameters", not(org.hamcrest.Matchers.hasKey("cle"))).extract().asString();
        assertFalse(own.contains(secret), own);
        String list = given().auth().oauth2(Keycloak.token("stagiaire3")).get("/api/labs").then().statusCode(200)
                .body("id", hasItem(id)).extract().asString();
        assertFalse(list.contains(secret), list);
        // a validator reads the lab, not what the template keeps for the platform
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs/" + id).then().statusCode(200)
                .body("parameters.mot", notNullValue())
                .body("parameters", not(org.hamcrest.Matchers.hasKey("cle")));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + id).then().statusCode(200)
                .body("parameters.cle", equalTo(secret));
        given().auth().oauth2(Keycloak.token("admin")).get("/api/labs/" + id).then().statusCode(200)
                .body("parameters.cle", equalTo(secret));
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
    }

    @Test
    void parametersAreDrawnPerLabAndFilledIntoSetupScripts() {
        String id = createLab("formateur1", "un-poste", "stagiaire2");
        Lab lab = store.find(UUID.fromString(id)).orElseThrow();
        String word = lab.parameters().get("mot");
        assertTrue(java.util.List.of("alpha", "bravo", "charlie", "delta").contains(word), word);
        assertEquals(word + " pour stagiaire2", lab.plan().nodes().get(0).setupScript().lines()
                .filter(l -> l.startsWith("echo")).findFirst().orElseThrow().replaceAll("echo \"(.*)\" >.*", "$1"));
        assertEquals(ParameterDraw.draw(java.util.Map.of("mot", new io.atelier.template.TemplateSpec.Parameter(
                java.util.List.of("alpha", "bravo", "charlie", "delta"), null, null), "cle", new io.atelier.template.TemplateSpec.Parameter(
                        null, null, new io.atelier.template.TemplateSpec.PasswordRule(10), true)), lab.id()).get("mot"), word);
        settle(id);
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
    }
}
