package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * A trainer's catch-up through the API on libvirt's test driver, whose VMs never boot: the
 * solutions' runner is a mock ({@link MockTemplateSteps}) that records each script as the node
 * would get it, so the rules are tested here (who, which lab state, which task, each task once,
 * one at a time, a failing script, the events, the grid); the scripts really run on a VM in
 * CatchUpRealTest. Template {@code rattrapage}: ecrire (solution), copier (solution, a fault
 * when it starts), finir (no solution).
 */
@QuarkusTest
@TestProfile(CatchUpMockProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class CatchUpMockScriptsApiTest {

    @Inject
    LabStore labs;

    @Inject
    DataSource db;

    @BeforeEach
    void resetMock() {
        MockTemplateSteps.failing = null;
        MockTemplateSteps.gate = null;
    }

    static ValidatableResponse catchUp(String caller, String lab, String task) {
        return given().auth().oauth2(Keycloak.token(caller)).post("/api/labs/" + lab + "/tasks/" + task + "/catch-up").then();
    }

    /** The lab's events: "actor: reason", oldest first. */
    List<String> events(String lab) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select actor, reason from lab_event where lab_id = ? order by id")) {
            ps.setObject(1, UUID.fromString(lab));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) events.add(rs.getString(1) + ": " + rs.getString(2));
            }
        }
        return events;
    }

    @Test
    void theTrainerCatchesALabUpOnceTheEarlierSolutionsRunInOrderWithTheLabsValuesAndTheGridSaysGivenByTheTrainer()
            throws Exception {
        String lab = TestDriverLabs.ready(labs, "rattrapage", "stagiaire1");
        String mot = given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + lab).then().statusCode(200)
                .extract().path("parameters.mot");

        catchUp("stagiaire1", lab, "copier").statusCode(403);
        catchUp("validateur1", lab, "copier").statusCode(403);
        catchUp("formateur1", lab, "inconnue").statusCode(404).body("error", containsString("ecrire, copier, finir"));
        catchUp("formateur1", lab, "ecrire").statusCode(409).body("error", containsString("first task"))
                .body("error", containsString("nothing to catch up"));
        assertEquals(List.of(), MockTemplateSteps.ranOn(lab));

        catchUp("formateur1", lab, "copier").statusCode(200)
                .body("task", equalTo("copier"))
                .body("given", contains("ecrire"))
                .body("alreadyGiven", empty());
        assertEquals(List.of(new MockTemplateSteps.Ran(lab, "poste", "solution/ecrire.sh",
                "#!/bin/sh\nset -e\necho " + mot + " > /etc/atelier-mot\n")), MockTemplateSteps.ranOn(lab));
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then().statusCode(200)
                .body("state", equalTo("READY"))
                .body("tasks[0].givenAt", notNullValue())
                .body("tasks[1].givenAt", nullValue());

        catchUp("formateur1", lab, "copier").statusCode(200).body("given", empty()).body("alreadyGiven", contains("ecrire"));
        assertEquals(1, MockTemplateSteps.ranOn(lab).size(), "a task given is not applied twice");
        assertTrue(events(lab).contains("formateur1: caught up to task copier: task(s) ecrire given by the trainer"),
                events(lab).toString());
        assertTrue(events(lab).contains("formateur1: caught up to task copier: no task given (already given: ecrire)"),
                events(lab).toString());

        // the trainee hands the lab in: its checks cannot reach the test driver's VMs (ERROR), the grid still says who gave what
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/submission").then().statusCode(201)
                .body("acquiredCriteria", equalTo(0));
        given().auth().oauth2(Keycloak.token("formateur1")).accept("application/json").get("/api/labs/" + lab + "/report").then().statusCode(200)
                .body("intact", equalTo(true))
                .body("givenTasks.taskId", contains("ecrire"))
                .body("givenTasks[0].givenBy", equalTo("formateur1"))
                .body("grade.blocks.competencies.flatten().criteria.flatten().find { it.id == 'C17.tests-exploitabilite' }.given",
                        equalTo(true))
                .body("grade.blocks.competencies.flatten().criteria.flatten().find { it.id == 'C17.tests-exploitabilite' }.acquired",
                        equalTo(false))
                .body("grade.blocks.competencies.flatten().criteria.flatten().find { it.id == 'C17.bloquer-sites' }.given",
                        equalTo(false));
        String html = given().auth().oauth2(Keycloak.token("formateur1")).accept("text/html")
                .get("/api/labs/" + lab + "/report").then().statusCode(200).extract().asString();
        assertTrue(html.contains("« Donné par le formateur »") && html.contains("tâche ecrire (par formateur1 le "), html);
        catchUp("formateur1", lab, "copier").statusCode(409).body("error", containsString("not READY"));
    }

    @Test
    void aFailingSolutionAnswers502WithItsScriptAndErrorTheLabStaysReadyAndTheEventSaysWhereItStopped() throws Exception {
        String lab = TestDriverLabs.ready(labs, "rattrapage", "stagiaire2");
        MockTemplateSteps.failing = "solution/ecrire.sh";
        catchUp("formateur1", lab, "copier").statusCode(502)
                .body("error", containsString("stopped at task ecrire: script solution/ecrire.sh failed on poste (exit 2)"))
                .body("error", containsString("No such file or directory"))
                .body("error", containsString("the lab stays usable"));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + lab).then()
                .body("state", equalTo("READY"))
                .body("tasks[0].givenAt", nullValue());
        assertTrue(events(lab).stream().anyMatch(e -> e.startsWith("formateur1: catch-up to task copier failed at task ecrire: "
                + "script solution/ecrire.sh failed on poste (exit 2)")), events(lab).toString());

        MockTemplateSteps.failing = null;
        catchUp("formateur1", lab, "copier").statusCode(200).body("given", contains("ecrire"));
        assertEquals(2, MockTemplateSteps.ranOn(lab).size(), "tried, failed, applied");
    }

    @Test
    void aTaskWithFaultsIsStartedBeforeItsSolutionAndAFaultThatCannotBeAppliedStopsTheCatchUpWithATaskStillGiven()
            throws Exception {
        String lab = TestDriverLabs.ready(labs, "rattrapage", "stagiaire3");
        // copier's fault must be applied before its solution: on the test driver it cannot be (no VM answers)
        catchUp("formateur1", lab, "finir").statusCode(502)
                .body("error", containsString("stopped at task copier: task copier could not start: fault deplacement"))
                .body("error", containsString("Task(s) ecrire were given"));
        assertEquals(List.of("solution/ecrire.sh"), MockTemplateSteps.ranOn(lab).stream().map(MockTemplateSteps.Ran::script)
                .toList(), "copier's solution never runs on a state it does not expect");
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + lab).then()
                .body("state", equalTo("READY"))
                .body("tasks[0].givenAt", notNullValue())
                .body("tasks[1].givenAt", nullValue())
                .body("tasks[1].startedAt", nullValue());
        assertTrue(events(lab).stream().anyMatch(e -> e.startsWith("formateur1: catch-up to task finir failed at task copier")
                && e.endsWith("(task(s) ecrire given before)")), events(lab).toString());
    }

    @Test
    void oneCatchUpAtATimePerLab() throws Exception {
        String lab = TestDriverLabs.ready(labs, "rattrapage", "stagiaire1");
        MockTemplateSteps.entered = new CountDownLatch(1);
        MockTemplateSteps.gate = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> catchUp("formateur1", lab, "copier").extract().statusCode());
        assertTrue(MockTemplateSteps.entered.await(60, TimeUnit.SECONDS), "the first catch-up runs its script");
        catchUp("admin", lab, "copier").statusCode(409).body("error", containsString("being caught up already"));
        MockTemplateSteps.gate.countDown();
        assertEquals(200, first.get(60, TimeUnit.SECONDS));
        assertEquals(1, MockTemplateSteps.ranOn(lab).size());
    }

    @Test
    void onlyAReadyLabOfItsTrainerOrAnAdminWithSolutionsForEveryEarlierTaskIsCaughtUp() {
        String provisioning = LabApiTest.createLab("formateur1", "rattrapage", "stagiaire2");
        catchUp("formateur1", provisioning, "copier").statusCode(409).body("error", containsString("not READY"));

        String unsolved = TestDriverLabs.ready(labs, "une-panne", "stagiaire2");
        catchUp("formateur1", unsolved, "reparer").statusCode(409)
                .body("error", containsString("task preparer of template une-panne (version 1) has no solution"));
        assertEquals(List.of(), MockTemplateSteps.ranOn(unsolved));

        String adminsLab = given().auth().oauth2(Keycloak.token("admin")).contentType("application/json")
                .body("{\"templateId\": \"rattrapage\", \"trainee\": \"stagiaire2\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        catchUp("formateur1", adminsLab, "copier").statusCode(404);
        catchUp("stagiaire2", adminsLab, "copier").statusCode(403);
    }

    @Test
    void aResetTakesTheSolutionsOffTheMachinesSoTheyAreGivenAgainAndTheRecordOfGivenTasksCannotBeDeleted() throws Exception {
        String lab = TestDriverLabs.ready(labs, "rattrapage", "stagiaire3");
        catchUp("admin", lab, "copier").statusCode(200).body("given", contains("ecrire"));
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/labs/" + lab + "/reset").then().statusCode(202);
        TestDriverLabs.markReady(labs, lab);
        catchUp("formateur1", lab, "copier").statusCode(200).body("given", contains("ecrire"));
        assertEquals(2, MockTemplateSteps.ranOn(lab).size());

        try (Connection c = db.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from task_given where lab_id = ?");
                PreparedStatement update = c.prepareStatement("update task_given set given_by = 'x' where lab_id = ?")) {
            delete.setObject(1, UUID.fromString(lab));
            assertTrue(assertThrows(SQLException.class, delete::executeUpdate).getMessage().contains("evidence of grading"));
            update.setObject(1, UUID.fromString(lab));
            assertTrue(assertThrows(SQLException.class, update::executeUpdate).getMessage().contains("evidence of grading"));
        }
    }
}
