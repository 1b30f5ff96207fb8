package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Starting a task on libvirt's test driver, whose labs never become READY: the lab shows
 * its tasks (which ones a start breaks something for), who may start one, an unknown task,
 * and the refusal while the lab is not ready. Faults really applied: ProverRealTest (the file
 * server's restore task), and despite the trainee's marker files: CatchUpRealTest.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class TaskStartApiTest {

    @Inject
    LabStore labs;

    @Inject
    FaultAppliedStore faults;

    @Inject
    LabService labService;

    @Inject
    DataSource db;

    @Test
    void theLabListsItsTasksAndOnlyItsPeopleMayStartAKnownTaskOnceItIsReady() {
        String lab = LabApiTest.createLab("formateur1", "une-panne", "stagiaire1");
        String fichier = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab)
                .then().statusCode(200)
                .body("tasks.id", org.hamcrest.Matchers.contains("preparer", "reparer"))
                .body("tasks[0].startable", equalTo(false))
                .body("tasks[1].startable", equalTo(true))
                .body("tasks[1].startedAt", nullValue())
                .extract().path("parameters.fichier");
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then()
                .body("tasks[1].title.fr", equalTo("Réparer " + fichier))
                .body("tasks[1].title.en", equalTo("Repair " + fichier));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs").then().statusCode(200)
                .body("find { it.id == '" + lab + "' }.tasks[1].id", equalTo("reparer"));

        String start = "/api/labs/" + lab + "/tasks/reparer/start";
        given().auth().oauth2(Keycloak.token("stagiaire2")).post(start).then().statusCode(404);
        given().auth().oauth2(Keycloak.token("validateur1")).post(start).then().statusCode(403);
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/tasks/inconnue/start")
                .then().statusCode(404)
                .body("error", containsString("No task 'inconnue'"))
                .body("error", containsString("preparer, reparer"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).post(start).then().statusCode(409)
                .body("error", containsString("not READY"));
        given().auth().oauth2(Keycloak.token("formateur1")).post(start).then().statusCode(409);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then()
                .body("tasks[1].startedAt", nullValue());
    }

    @Test
    void aTaskShowsItsInstructionsRenderedWithTheLabsValuesAndNothingThatRuns() {
        String lab = LabApiTest.createLab("formateur1", "une-panne", "stagiaire1");
        String fichier = given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab)
                .then().statusCode(200).extract().path("parameters.fichier");
        String url = "/api/labs/" + lab + "/tasks/reparer/instructions";
        String html = given().auth().oauth2(Keycloak.token("stagiaire1")).get(url).then().statusCode(200)
                .body("task", equalTo("reparer"))
                .body("title.fr", equalTo("Réparer " + fichier))
                .body("html.en", nullValue())
                .body("hints[0].fr", equalTo("Regardez /etc/atelier-" + fichier + "."))
                .extract().path("html.fr");
        assertTrue(html.contains("<h1>Une tâche de test</h1>"), html);
        assertTrue(html.contains("<code>/etc/atelier-" + fichier + "</code> pour <strong>stagiaire1</strong>"), html);
        assertTrue(html.contains("&lt;script&gt;alert('consigne')&lt;/script&gt;") && !html.contains("<script"), html);
        assertTrue(!html.contains("javascript:") && html.contains("href=\"https://www.debian.org/doc/\""), html);

        given().auth().oauth2(Keycloak.token("validateur1")).get(url).then().statusCode(200);
        given().auth().oauth2(Keycloak.token("stagiaire2")).get(url).then().statusCode(404);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab + "/tasks/inconnue/instructions")
                .then().statusCode(404).body("error", containsString("preparer, reparer"));
    }

    @Test
    void theFaultsRecordsAreMarkedByAResetSoTheFaultAppliesAgainAndNothingDeletesOrRewritesThem() throws Exception {
        String lab = TestDriverLabs.ready(labs, "une-panne", "stagiaire3");
        UUID id = UUID.fromString(lab);
        faults.applied(faults.begin(id, "suppression", "poste", "nonce-1"));
        assertEquals(FaultRule.Decision.ON_THE_DISKS, FaultRule.decide(faults.of(id, "suppression"), java.util.Optional::empty));

        // the test driver's lab was marked READY while its provisioning job still waited for SSH: that job
        // ends first (or, failing after the reset, it would move the reset's PROVISIONING to FAILED)
        assertTrue(labService.awaitJobs(id, java.time.Duration.ofSeconds(60)));
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/labs/" + lab + "/reset").then().statusCode(202);
        // the reset's job wipes the old disks, then marks the faults that were on them
        long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (faults.of(id, "suppression").get(0).disksResetAt() == null && System.nanoTime() < until) {
            RealLabs.pause(java.time.Duration.ofMillis(50));
        }
        List<FaultRule.Attempt> attempts = faults.of(id, "suppression");
        assertEquals(1, attempts.size());
        assertNotNull(attempts.get(0).disksResetAt(), "the reset marked the fault applied to the old disks");
        TestDriverLabs.markReady(labs, lab);
        assertEquals(FaultRule.Decision.APPLY, FaultRule.decide(attempts, java.util.Optional::empty));

        long second = faults.begin(id, "suppression", "poste", "nonce-2");
        faults.failed(second, "exit 1");
        faults.applied(second); // a failed attempt stays failed
        assertNull(faults.of(id, "suppression").get(1).appliedAt());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String change : List.of("delete from fault_applied where lab_id = '" + lab + "'",
                    "update fault_applied set nonce = 'x' where lab_id = '" + lab + "'",
                    "update fault_applied set disks_reset_at = null where lab_id = '" + lab + "'",
                    "update fault_applied set failure = 'rien' where id = " + second,
                    "truncate fault_applied")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(change), change);
                assertTrue(refused.getMessage().contains("cannot be changed"), refused.getMessage());
            }
        }
    }

    /**
     * Template pannes-tirees: four faults in a catalogue, two drawn per lab. A trainee's lab
     * keeps the two it drew (from its id: {@link FaultDraw}) beside the fault every lab gets,
     * and only the checks bound to them; the prover's lab keeps all four and every check.
     */
    @Test
    void aLabKeepsTheFaultsItDrewAndTheirChecksOnlyAndTheProversLabKeepsThemAll() {
        for (String trainee : List.of("stagiaire1", "stagiaire2")) {
            Lab lab = labs.find(UUID.fromString(LabApiTest.createLab("formateur1", "pannes-tirees", trainee))).orElseThrow();
            // drawn from the whole catalogue, as the lab was
            java.util.Set<String> drawn = FaultDraw.drawn(catalog.find("pannes-tirees").orElseThrow().spec(), lab.id());
            assertEquals(2, drawn.size(), drawn::toString);
            assertEquals(new java.util.TreeSet<>(drawn), new java.util.TreeSet<>(lab.plan().faults().stream().map(LabPlan.Fault::id)
                    .filter(f -> !f.equals("toujours") && !f.contains("+")).toList()));
            // panne-a's further step (its ticket) comes with it, right after it, its placeholders filled
            assertEquals(drawn.contains("panne-a"), lab.plan().faults().stream().anyMatch(f -> f.id().equals("panne-a+1")
                    && f.run().contains("pour " + trainee)));
            assertTrue(lab.plan().faults().stream().anyMatch(f -> f.id().equals("toujours")), "the fault every lab gets");
            List<io.atelier.template.TemplateSpec.Check> checks = lab.plan().template().spec().tasks().get(0).checks();
            assertTrue(checks.stream().anyMatch(c -> c.id().equals("commun")), checks::toString);
            // every check bound to a drawn fault (panne-d has two), and none to a fault not drawn
            assertEquals(1 + drawn.stream().mapToInt(f -> f.equals("panne-d") ? 2 : 1).sum(), checks.size(), checks::toString);
            assertEquals(new java.util.TreeSet<>(drawn), new java.util.TreeSet<>(checks.stream()
                    .map(io.atelier.template.TemplateSpec.Check::fault).filter(java.util.Objects::nonNull).toList()));
        }
        Lab prover = labService.createForProof("pannes-tirees", "prouveur", "admin");
        Lab kept = labs.find(prover.id()).orElseThrow();
        assertEquals(List.of("toujours", "panne-a", "panne-a+1", "panne-b", "panne-c", "panne-d"),
                kept.plan().faults().stream().map(LabPlan.Fault::id).toList());
        assertEquals(6, kept.plan().template().spec().tasks().get(0).checks().size());
    }

    @Inject
    io.atelier.template.TemplateCatalog catalog;
}
