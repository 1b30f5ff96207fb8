package io.atelier.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.lab.RealLabProfile;
import io.atelier.lab.RealLabs;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A session's pause, on a real TCG VM: the trainee's open terminal is closed with the reason
 * at once (the trainer watching keeps theirs), the VM is frozen, and no new console opens
 * until the resume, which thaws it. The end submits the lab, and once graded its VM is
 * powered off.
 */
@QuarkusTest
@TestProfile(RealLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class SessionConsolesRealTest {

    static final Duration WITHIN = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Hypervisor hypervisor;

    @Inject
    io.atelier.lab.LabStore labs;

    ConsoleSocket terminal(String lab, String caller) {
        String url = given().auth().oauth2(Keycloak.token(caller)).contentType(ContentType.JSON)
                .body("{\"node\": \"poste\", \"kind\": \"ssh\"}").post("/api/labs/" + lab + "/consoles").then()
                .statusCode(201).extract().path("url");
        ConsoleSocket socket = ConsoleSocket.open(base.toString(), url);
        socket.await(caller + "'s terminal to connect", WITHIN, s -> s.allText().contains("\"state\":\"connected\""));
        return socket;
    }

    static JsonPath act(String session, String action) {
        return given().auth().oauth2(Keycloak.token("formateur1")).post("/api/sessions/" + session + "/" + action).then()
                .statusCode(200).extract().jsonPath();
    }

    /** The command line of the QEMU process running {@code domain}, as any local user reads it in /proc. */
    static String qemuCommandLine(String domain) throws java.io.IOException {
        try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String line = new String(java.nio.file.Files.readAllBytes(proc.resolve("cmdline")),
                            java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
                    if (line.contains("qemu-system") && line.contains("guest=" + domain)) return line;
                } catch (java.io.IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        throw new AssertionError("no QEMU process runs " + domain);
    }

    void awaitFrozen(String domain, boolean frozen) {
        long until = System.nanoTime() + WITHIN.toNanos();
        while (hypervisor.isSuspended(domain) != frozen) {
            assertTrue(System.nanoTime() < until, domain + " is not " + (frozen ? "frozen" : "running again"));
            RealLabs.pause(Duration.ofMillis(200));
        }
    }

    @Test
    void aPauseClosesTheTraineesTerminalAndFreezesTheVmUntilTheResume() throws Exception {
        JsonPath created = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire2\"], \"durationMinutes\": 60, "
                        + "\"mode\": \"entrainement\"}")
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String session = created.getString("id");
        String lab = created.getString("trainees[0].labId");
        String domain = "atelier-" + RealLabProfile.INSTANCE + "-" + lab + "-poste";
        try {
            RealLabs.awaitState(base::toString, lab, RealLabs.READY_WITHIN, "READY");
            String password = labs.find(java.util.UUID.fromString(lab)).orElseThrow().traineePassword();
            String qemu = qemuCommandLine(domain);
            assertTrue(qemu.contains("opt/io.atelier/config,file="), "QEMU reads the first-boot configuration from a file");
            assertFalse(qemu.contains(password), "no local user reads the trainee's password in QEMU's command line");
            act(session, "start");
            try (ConsoleSocket trainee = terminal(lab, "stagiaire2"); ConsoleSocket trainer = terminal(lab, "formateur1")) {
                act(session, "pause");
                trainee.await("the trainee's terminal to be closed with the reason", WITHIN,
                        s -> s.allText().contains("\"state\":\"closed\"") && s.allText().contains("paused"));
                trainee.closeCode(WITHIN);
                awaitFrozen(domain, true);
                assertFalse(trainer.allText().contains("\"state\":\"closed\""), "the trainer watching keeps the terminal");
                given().auth().oauth2(Keycloak.token("stagiaire2")).contentType(ContentType.JSON)
                        .body("{\"node\": \"poste\", \"kind\": \"ssh\"}").post("/api/labs/" + lab + "/consoles").then()
                        .statusCode(409).body("error", containsString("paused"));
            }

            act(session, "resume");
            awaitFrozen(domain, false);
            try (ConsoleSocket again = terminal(lab, "stagiaire2")) {
                act(session, "end");
                again.await("the trainee's terminal to be closed at the end", WITHIN,
                        s -> s.allText().contains("\"state\":\"closed\""));
            }
            RealLabs.awaitState(base::toString, lab, Duration.ofMinutes(3), "GRADED");
            long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (hypervisor.isRunning(domain)) {
                assertTrue(System.nanoTime() < until, "the graded lab's VM is powered off");
                RealLabs.pause(Duration.ofMillis(500));
            }
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + lab)
                    .then().statusCode(204);
        }
    }
}
