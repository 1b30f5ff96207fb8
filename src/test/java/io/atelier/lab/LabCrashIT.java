package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.TestFiles;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The packaged server is killed with SIGKILL while it provisions a lab (its VM is defined
 * and booting), then started again on the same data: the lab is not lost, it ends READY or
 * FAILED with a reason, libvirt holds exactly its objects (no duplicate, no orphan), and
 * deleting it leaves nothing behind.
 */
class LabCrashIT {

    static final Path DATA = Path.of("target", "crash-data");
    static final String INSTANCE = "crashtest";
    static final int PORT = 8083;
    static final String BASE = "http://localhost:" + PORT;

    Process server;

    Process startServer(int dbPort, Path templates) throws IOException {
        return PackagedServer.start(DATA, dbPort, PORT, List.of("atelier.templates.dir=" + templates.toAbsolutePath(),
                "atelier.hypervisor.instance=" + INSTANCE, "atelier.hypervisor.management-cidr=10.216.0.0/24",
                "atelier.labs.ready-timeout=PT7M"));
    }

    @Test
    void aServerKilledWhileProvisioningLosesNothingAndLeaksNothing() throws Exception {
        TestFiles.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        Path templates = TestLabTemplates.prepare("crash-templates");
        int dbPort = EmbeddedDatabaseTestResource.freePort();
        server = startServer(dbPort, templates);

        String id = given().baseUri(BASE).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        String domain = "atelier-" + INSTANCE + "-" + id + "-poste";
        // its node runs once restored (its shape built first, when no test before built it) or booting cold
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (RealLabs.virsh(domain, "list", "--name").isEmpty() && System.nanoTime() < deadline) {
            RealLabs.pause(Duration.ofMillis(200));
        }
        assertEquals(List.of(domain), RealLabs.virsh(domain, "list", "--name"), "the VM is booting");
        assertEquals("PROVISIONING", given().baseUri(BASE).auth().oauth2(Keycloak.token("formateur1"))
                .get("/api/labs/" + id).then().extract().path("state"), "killed while provisioning");

        server.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        server = startServer(dbPort, templates);

        JsonPath lab = RealLabs.awaitState(() -> BASE, id, RealLabs.READY_WITHIN, "READY", "FAILED");
        if (lab.getString("state").equals("FAILED")) {
            assertFalse(lab.getString("reason").isBlank(), "a FAILED lab says why");
        }
        String pool = "atelier-" + INSTANCE;
        Map<String, List<String>> objects = RealLabs.libvirtObjectsOf(id, pool);
        assertEquals(List.of(domain), objects.get("domains"), "the VM was adopted, not duplicated");
        assertEquals(1, objects.get("networks").size());
        assertEquals(1, objects.get("volumes").size());
        System.out.printf("[measure] after the crash the lab is %s, %.1f s after its request%n", lab.getString("state"),
                Duration.between(java.time.Instant.parse(lab.getString("createdAt")), java.time.Instant.now()).toMillis() / 1000.0);

        given().baseUri(BASE).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id).then().statusCode(204);
        assertEquals(Map.of("domains", List.of(), "networks", List.of(), "volumes", List.of()),
                RealLabs.libvirtObjectsOf(id, pool), "nothing of the lab is left in libvirt");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy(); // SIGTERM: the server stops PostgreSQL
            assertTrue(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the server stops on SIGTERM");
        }
        assertTrue(RealLabs.virsh("atelier-" + INSTANCE + "-", "list", "--all", "--name").isEmpty(),
                "no VM of the crash test is left");
    }
}
