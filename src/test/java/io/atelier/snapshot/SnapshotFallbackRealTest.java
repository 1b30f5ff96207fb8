package io.atelier.snapshot;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.image.BaseImage;
import io.atelier.image.ImageStore;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabStore;
import io.atelier.lab.RealLabProfile;
import io.atelier.lab.RealLabs;
import io.atelier.node.NodeShell;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Issue 14's fallback, on real VMs: the snapshot of un-poste's shape is corrupt (its save
 * image cut in half: the header reads, QEMU's stream does not), so its node cannot be
 * restored; it boots cold from the image, the lab still reaches READY and its node answers
 * as configured. The snapshot is put back afterwards, for the tests that follow.
 */
@QuarkusTest
@TestProfile(RealLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class SnapshotFallbackRealTest {

    @Inject
    ShapeSnapshots snapshots;

    @Inject
    ImageStore images;

    @Inject
    Hypervisor hypervisor;

    @Inject
    LabStore store;

    static String base() {
        return io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
    }

    @Test
    void aNodeWhoseSnapshotCannotBeRestoredBootsColdAndItsLabIsReady() throws Exception {
        BaseImage image = images.find("debian-base");
        Shape shape = snapshots.shapeOf(image, 256, 1, 2); // un-poste: 256 MiB, management + one lab NIC
        ShapeSnapshots.Snapshot snapshot = snapshots.findOrBuild(shape, step -> { });
        Path kept = snapshot.memory().resolveSibling("memory.save.kept-by-test");
        Files.copy(snapshot.memory(), kept, StandardCopyOption.REPLACE_EXISTING);
        String id = null;
        try {
            Path corrupt = snapshot.memory().resolveSibling("memory.save.corrupt");
            Files.copy(kept, corrupt, StandardCopyOption.REPLACE_EXISTING);
            try (RandomAccessFile f = new RandomAccessFile(corrupt.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
            Files.move(corrupt, snapshot.memory(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertTrue(snapshots.find(shape).isPresent(), "the cut image still reads as a snapshot (its header is whole)");

            id = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                    .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                    .then().statusCode(201).extract().path("id");
            RealLabs.awaitState(SnapshotFallbackRealTest::base, id, RealLabs.READY_WITHIN, "READY");

            var lab = store.find(UUID.fromString(id)).orElseThrow();
            LabPlan.Node node = lab.plan().nodes().get(0);
            assertEquals(1, RealLabs.virsh(image.disk().toString(), "vol-dumpxml", "--pool", hypervisor.poolName(), node.volume())
                    .size(), "the node's disk is an overlay of the image: it booted cold");
            assertEquals(0, RealLabs.virsh("/shapes/", "vol-dumpxml", "--pool", hypervisor.poolName(), node.volume()).size());
            NodeShell.Result hostname = NodeShell.run(node, lab.sshPrivateKey(), "hostname", null, Duration.ofSeconds(30));
            assertEquals("poste", hostname.stdout().strip(), "the cold node is configured: " + hostname);
        } finally {
            Files.move(kept, snapshot.memory(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (id != null) {
                given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id);
            }
        }
    }
}
