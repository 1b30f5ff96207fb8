package io.atelier.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.LabTestProfile;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Recordings as files: a download is sent from the file as it is read (a 3 GiB recording
 * answers at once with its length, where reading it whole could not even be tried), and
 * recordings past their retention (90 days by default) are deleted, file and row, by the sweep.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class RecordingsApiTest {

    static final byte[] HEADER = "{\"version\":2,\"width\":80,\"height\":24}\n".getBytes(StandardCharsets.UTF_8);

    @TestHTTPResource("/")
    URL base;

    @Inject
    RecordingStore recordings;

    @Inject
    RecordingRetention retention;

    @Inject
    ConsoleConfig config;

    Recording record(UUID lab, Instant started, Instant ended, long size) throws Exception {
        UUID id = UUID.randomUUID();
        Path file = config.recordingsDir().toAbsolutePath().resolve(lab.toString()).resolve(id + ".cast");
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(HEADER);
            f.setLength(Math.max(size, HEADER.length)); // sparse: takes no disk
        }
        Recording r = new Recording(id, lab, "poste", "ssh", "stagiaire1", started, null, 0, file.toString());
        recordings.started(r);
        if (ended != null) recordings.ended(id, ended, size);
        return r;
    }

    @Test
    void aRecordingLargerThanMemoryCouldHoldIsSentAsItIsRead() throws Exception {
        UUID lab = UUID.fromString(ConsoleApiTest.createLab("stagiaire1"));
        long size = 3L << 30;
        Recording big = record(lab, Instant.now().minusSeconds(60), Instant.now(), size);
        try {
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(base + "api/labs/" + lab + "/recordings/" + big.id()))
                    .header("Authorization", "Bearer " + Keycloak.token("stagiaire1")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                assertEquals(200, answer.statusCode());
                assertEquals(String.valueOf(size), answer.headers().firstValue("Content-Length").orElse(null));
                assertEquals("application/x-asciicast", answer.headers().firstValue("Content-Type").orElse(""));
                assertTrue(answer.headers().firstValue("Content-Disposition").orElse("").contains(big.id() + ".cast"));
                assertArrayEquals(HEADER, body.readNBytes(HEADER.length), "the file's first bytes come at once");
            }
            given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + lab + "/recordings/" + big.id()).then()
                    .statusCode(404);
        } finally {
            Files.deleteIfExists(Path.of(big.path()));
        }
    }

    @Test
    void recordingsPastTheirRetentionAreDeletedWithTheirRows() throws Exception {
        assertEquals(Duration.ofDays(90), config.recordingsRetention(), "the default retention");
        UUID lab = UUID.fromString(ConsoleApiTest.createLab("stagiaire1"));
        Instant now = Instant.now();
        Recording old = record(lab, now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(95)), 100);
        Recording neverClosed = record(lab, now.minus(Duration.ofDays(120)), null, 100);
        Recording recent = record(lab, now.minus(Duration.ofDays(89)), now.minus(Duration.ofDays(89)), 100);

        retention.sweep();

        assertFalse(Files.exists(Path.of(old.path())), "the old file is deleted");
        assertFalse(Files.exists(Path.of(neverClosed.path())), "a recording a crash left open is deleted by its start");
        assertTrue(Files.exists(Path.of(recent.path())), "a recording within its retention is kept");
        assertTrue(recordings.find(lab, old.id()).isEmpty() && recordings.find(lab, neverClosed.id()).isEmpty(),
                "their rows are deleted");
        List<String> listed = given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + lab + "/recordings")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertEquals(List.of(recent.id().toString()), listed);

        Files.delete(Path.of(recent.path()));
        retention.deleteEndedBefore(now);
        assertFalse(Files.exists(Path.of(recent.path()).getParent()), "a lab's folder goes with its last recording");
        assertTrue(recordings.ofLab(lab).isEmpty(), "a row whose file is already gone is deleted too");
    }
}
