package io.atelier.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.console.ConsoleKind;
import io.atelier.console.ConsoleTargets;
import io.atelier.console.ConsoleUnavailableException;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.grading.DeadlineStore;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTestProfile;
import io.atelier.lab.RealLabs;
import io.atelier.lab.TestDriverLabs;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Sessions through the API on libvirt's test driver (its VMs never boot: where a READY lab
 * is needed the test marks it so once its domains run, and says so): who may see and run a
 * session, the time rules as the API shows them, what a session closes to its trainees, and
 * the live stream.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class SessionApiTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    DeadlineStore deadlines;

    @Inject
    LabStore labs;

    @Inject
    SessionService sessions;

    @Inject
    ConsoleTargets targets;

    @Inject
    DataSource db;

    static JsonPath create(String caller, String body) {
        return given().auth().oauth2(Keycloak.token(caller)).contentType(ContentType.JSON).body(body).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath();
    }

    static JsonPath act(String caller, String session, String action) {
        return given().auth().oauth2(Keycloak.token(caller)).post("/api/sessions/" + session + "/" + action)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath accommodate(String session, String trainee, String body) {
        return given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON).body(body)
                .put("/api/sessions/" + session + "/trainees/" + trainee + "/accommodation").then().statusCode(200)
                .extract().jsonPath();
    }

    static String row(String trainee) {
        return "trainees.find { it.trainee == '" + trainee + "' }";
    }

    @Test
    void badRequestsAreExplained() {
        String[][] cases = {
                { "{\"trainees\": [\"stagiaire1\"], \"durationMinutes\": 30, \"mode\": \"examen\"}", "templateId is missing" },
                { "{\"templateId\": \"un-poste\", \"trainees\": [], \"durationMinutes\": 30, \"mode\": \"examen\"}", "at least one" },
                { "{\"templateId\": \"un-poste\", \"trainees\": [\"Stagiaire 1\"], \"durationMinutes\": 30, \"mode\": \"examen\"}", "must be a user name" },
                { "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire1\"], \"durationMinutes\": 0, \"mode\": \"examen\"}", "between 1 and 1440" },
                { "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire1\"], \"durationMinutes\": 30, \"mode\": \"oral\"}", "entrainement" },
                { "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire1\"], \"durationMinutes\": 30, \"mode\": \"examen\", \"startAt\": \"2020-01-01T00:00:00Z\"}", "has passed" },
        };
        for (String[] c : cases) {
            given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON).body(c[0]).post("/api/sessions")
                    .then().statusCode(400).body("error", containsString(c[1]));
        }
        given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"absent\", \"trainees\": [\"stagiaire1\"], \"durationMinutes\": 30, \"mode\": \"examen\"}")
                .post("/api/sessions").then().statusCode(404).body("error", containsString("absent"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire1\"], \"durationMinutes\": 30, \"mode\": \"examen\"}")
                .post("/api/sessions").then().statusCode(403);
    }

    @Test
    void aTrainerSeesAndRunsOnlyTheirSessionsAValidatorOnlyReads() {
        String mine = create("formateur1", "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire3\"], "
                + "\"durationMinutes\": 30, \"mode\": \"entrainement\"}").getString("id");
        String admins = create("admin", "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire3\"], "
                + "\"durationMinutes\": 30, \"mode\": \"entrainement\"}").getString("id");
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/sessions").then().statusCode(200)
                .body("id", hasItem(mine)).body("id", not(hasItem(admins)));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/sessions/" + admins).then().statusCode(404);
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/sessions/" + admins + "/start").then().statusCode(404);
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/sessions").then().body("id", hasItem(admins));
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/sessions/" + mine).then().statusCode(200);
        given().auth().oauth2(Keycloak.token("validateur1")).post("/api/sessions/" + mine + "/start").then().statusCode(403);
        given().auth().oauth2(Keycloak.token("stagiaire3")).get("/api/sessions/" + mine).then().statusCode(403);
        given().auth().oauth2(Keycloak.token("admin")).post("/api/sessions/" + mine + "/end").then().statusCode(200)
                .body("state", equalTo("ENDED"));
    }

    @Test
    void timeFollowsStartPauseResumeExtensionsAndAccommodationsAndEveryChangeIsAudited() throws Exception {
        JsonPath created = create("formateur1", "{\"templateId\": \"une-panne\", \"title\": \"Examen blanc\", "
                + "\"trainees\": [\"stagiaire1\", \"stagiaire2\"], \"durationMinutes\": 30, \"mode\": \"examen\"}");
        String id = created.getString("id");
        assertEquals("PLANNED", created.getString("state"));
        assertEquals(0, created.getInt("verificationLimit"), "an exam has verification off by default");
        assertEquals(2, created.getList("trainees").size());
        String lab1 = created.getString(row("stagiaire1") + ".labId");
        String lab2 = created.getString(row("stagiaire2") + ".labId");
        assertNotNull(lab1);
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/sessions/" + id).then()
                .body(row("stagiaire1") + ".deadline", nullValue()).body(row("stagiaire1") + ".remainingSeconds", nullValue());

        // the labs exist at once (pre-provisioned) and are closed to their trainee until the start
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab1 + "/session").then().statusCode(200)
                .body("state", equalTo("PLANNED")).body("hintsHidden", equalTo(true)).body("verificationsLeft", equalTo(0));
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + lab1 + "/session").then().statusCode(404);
        for (String action : List.of("stop", "start", "reset")) {
            given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab1 + "/" + action).then().statusCode(403)
                    .body("error", containsString("belongs to a session"));
        }
        given().auth().oauth2(Keycloak.token("stagiaire1")).delete("/api/labs/" + lab1).then().statusCode(403);
        given().auth().oauth2(Keycloak.token("stagiaire1")).contentType(ContentType.JSON).body("{\"node\": \"poste\", \"kind\": \"ssh\"}")
                .post("/api/labs/" + lab1 + "/consoles").then().statusCode(409).body("error", containsString("not started"));

        // tiers temps for stagiaire2: 30 min + 10
        accommodate(id, "stagiaire2", "{\"tiersTemps\": true}");
        JsonPath started = act("formateur1", id, "start");
        Instant startedAt = Instant.parse(started.getString("startedAt"));
        assertEquals("RUNNING", started.getString("state"));
        assertEquals(startedAt.plusSeconds(30 * 60), Instant.parse(started.getString(row("stagiaire1") + ".deadline")));
        assertEquals(startedAt.plusSeconds(40 * 60), Instant.parse(started.getString(row("stagiaire2") + ".deadline")));
        assertEquals(40.0, started.getDouble(row("stagiaire2") + ".allowedMinutes"));
        assertEquals(startedAt.plusSeconds(40 * 60), deadlines.of(UUID.fromString(lab2)).orElseThrow(),
                "the lab submits itself at that deadline");
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + lab2 + "/session").then()
                .body("deadline", equalTo(started.getString(row("stagiaire2") + ".deadline")));

        // pause: no deadline, time frozen, labs closed to trainees
        JsonPath paused = act("formateur1", id, "pause");
        assertEquals("PAUSED", paused.getString("state"));
        assertNull(paused.get(row("stagiaire1") + ".deadline"));
        assertTrue(deadlines.of(UUID.fromString(lab1)).isEmpty(), "a paused session submits nothing");
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab1 + "/verifications").then().statusCode(409)
                .body("error", containsString("paused"));
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/sessions/" + id + "/pause").then().statusCode(409)
                .body("error", containsString("PAUSED"));
        RealLabs.pause(Duration.ofMillis(1500)); // a pause that lasts: its length is what the next assertion measures

        JsonPath resumed = act("formateur1", id, "resume");
        Instant deadline1 = Instant.parse(resumed.getString(row("stagiaire1") + ".deadline"));
        assertTrue(!deadline1.isBefore(startedAt.plusSeconds(30 * 60 + 1)), "the pause moved the deadline: " + deadline1);

        // everyone +5, stagiaire1 +7 of their own, 3 min given back to stagiaire2 for a platform fault
        JsonPath extended = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"minutes\": 5}").post("/api/sessions/" + id + "/extend").then().statusCode(200).extract().jsonPath();
        assertEquals(35.0, extended.getDouble(row("stagiaire1") + ".allowedMinutes"));
        assertEquals(45.0, extended.getDouble(row("stagiaire2") + ".allowedMinutes"));
        assertEquals(42.0, accommodate(id, "stagiaire1", "{\"extraMinutes\": 7}").getDouble(row("stagiaire1") + ".allowedMinutes"));
        given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON).body("{\"givenBackMinutes\": 3}")
                .put("/api/sessions/" + id + "/trainees/stagiaire2/accommodation").then().statusCode(400)
                .body("error", containsString("reason"));
        JsonPath back = accommodate(id, "stagiaire2", "{\"givenBackMinutes\": 3, \"reason\": \"console indisponible 3 min\"}");
        assertEquals(48.0, back.getDouble(row("stagiaire2") + ".allowedMinutes"));
        assertEquals(Instant.parse(back.getString(row("stagiaire2") + ".deadline")), deadlines.of(UUID.fromString(lab2)).orElseThrow());
        given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON).body("{\"tiersTemps\": true}")
                .put("/api/sessions/" + id + "/trainees/stagiaire9/accommodation").then().statusCode(404)
                .body("error", containsString("stagiaire1, stagiaire2"));

        JsonPath audit = given().auth().oauth2(Keycloak.token("validateur1")).get("/api/sessions/" + id + "/audit")
                .then().statusCode(200).extract().jsonPath();
        List<String> what = audit.getList("what");
        List<String> expected = List.of("session créée : 2 stagiaire(s), 30 min, mode examen", "tiers temps accordé",
                "session démarrée", "session en pause", "session reprise après", "prolongation pour tous : 5 min",
                "temps supplémentaire : 7 min", "3 min rendues : console indisponible 3 min");
        assertEquals(expected.size(), what.size(), what.toString());
        for (int i = 0; i < expected.size(); i++) assertTrue(what.get(i).startsWith(expected.get(i)), what.get(i));
        assertEquals("stagiaire2", audit.getString("[1].trainee"));
        assertTrue(audit.getList("actor").stream().allMatch("formateur1"::equals));

        // the end: every lab gets its deadline now, so the open ones are submitted
        JsonPath ended = act("formateur1", id, "end");
        assertEquals("ENDED", ended.getString("state"));
        assertTrue(!deadlines.of(UUID.fromString(lab1)).orElseThrow().isAfter(Instant.now()));
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/sessions/" + id + "/start").then().statusCode(409);
    }

    @Test
    void anExamHidesHintsFromTheTraineeAndCountsVerifications() {
        JsonPath s = create("formateur1", "{\"templateId\": \"une-panne\", \"trainees\": [\"stagiaire1\"], "
                + "\"durationMinutes\": 30, \"mode\": \"examen\", \"verificationLimit\": 1}");
        String lab = s.getString(row("stagiaire1") + ".labId");
        String instructions = "/api/labs/" + lab + "/tasks/reparer/instructions";
        given().auth().oauth2(Keycloak.token("stagiaire1")).get(instructions).then().statusCode(200).body("hints.size()", equalTo(0));
        given().auth().oauth2(Keycloak.token("formateur1")).get(instructions).then().statusCode(200).body("hints.size()", equalTo(1));
        markReady(lab);
        act("formateur1", s.getString("id"), "start");
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/verifications").then().statusCode(200);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab + "/session").then().body("verificationsLeft", equalTo(0));
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + lab + "/verifications").then().statusCode(409)
                .body("error", containsString("allows 1 verification"));
    }

    @Test
    void theStreamShowsAVerificationWithinASecondOfItsEnd() throws Exception {
        JsonPath s = create("formateur1", "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire2\"], "
                + "\"durationMinutes\": 30, \"mode\": \"entrainement\"}");
        String id = s.getString("id");
        String lab = s.getString(row("stagiaire2") + ".labId");
        markReady(lab);
        act("formateur1", id, "start");

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/sessions/" + id + "/events"))
                .header("Authorization", "Bearer " + Keycloak.token("formateur1")).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) events.add(line.substring(5).strip());
                }
            } catch (Exception e) {
                // the test closes the stream
            }
        });
        try {
            JsonPath first = JsonPath.from(events.poll(10, TimeUnit.SECONDS));
            assertEquals("RUNNING", first.getString("state"));
            assertNull(first.get("trainees[0].lastVerificationAt"));

            given().auth().oauth2(Keycloak.token("stagiaire2")).post("/api/labs/" + lab + "/verifications").then().statusCode(200);
            long verified = System.nanoTime();
            String shown = null;
            while (shown == null) {
                String event = events.poll(Math.max(1, 1500 - (System.nanoTime() - verified) / 1_000_000), TimeUnit.MILLISECONDS);
                assertNotNull(event, "no event with the verification within a second and a half");
                if (JsonPath.from(event).get("trainees[0].lastVerificationAt") != null) shown = event;
            }
            long after = (System.nanoTime() - verified) / 1_000_000;
            assertTrue(after <= 1000, "the verification reached the stream " + after + " ms after it ended");
            assertEquals(0, JsonPath.from(shown).getInt("trainees[0].passedTasks"), "the test driver's VMs pass nothing");
        } finally {
            response.body().close();
            reader.interrupt();
        }
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/sessions/" + id + "/events").then().statusCode(403);
    }

    @Test
    void theEndSubmitsEveryOpenLabAndTheSessionsResultsComeAsOneSpreadsheet() {
        JsonPath s = create("formateur1", "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire1\", \"stagiaire3\"], "
                + "\"durationMinutes\": 30, \"mode\": \"examen\"}");
        String id = s.getString("id");
        List<String> labIds = s.getList("trainees.labId");
        labIds.forEach(this::markReady);
        act("formateur1", id, "start");
        given().auth().oauth2(Keycloak.token("formateur1")).accept("text/csv").get("/api/sessions/" + id + "/report")
                .then().statusCode(404).body("error", containsString("graded"));
        act("formateur1", id, "end");
        for (String lab : labIds) RealLabs.awaitState(base::toString, lab, Duration.ofSeconds(90), "GRADED");
        String csv = given().auth().oauth2(Keycloak.token("validateur1")).accept("text/csv").get("/api/sessions/" + id + "/report")
                .then().statusCode(200).header("Content-Disposition", containsString("resultats-")).extract().asString();
        String[] lines = csv.strip().split("\r\n");
        assertEquals(3, lines.length, "a header and one row per trainee × criterion: " + csv);
        assertTrue(lines[1].startsWith("stagiaire1;") && lines[2].startsWith("stagiaire3;"), csv);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + labIds.get(0) + "/submission").then()
                .statusCode(200).body("submittedBy", equalTo("échéance"));
    }

    @Test
    void theStaffsVerificationsDoNotCountAgainstATraineesLimit() {
        JsonPath s = create("formateur1", "{\"templateId\": \"une-panne\", \"trainees\": [\"stagiaire2\"], "
                + "\"durationMinutes\": 30, \"mode\": \"examen\", \"verificationLimit\": 1}");
        String lab = s.getString(row("stagiaire2") + ".labId");
        markReady(lab);
        act("formateur1", s.getString("id"), "start");
        given().auth().oauth2(Keycloak.token("formateur1")).post("/api/labs/" + lab + "/verifications").then().statusCode(200);
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + lab + "/session").then()
                .body("verificationsLeft", equalTo(1));
        int trainee = given().auth().oauth2(Keycloak.token("stagiaire2")).post("/api/labs/" + lab + "/verifications").then()
                .body("error", not(containsString("allows 1 verification"))).extract().statusCode();
        assertTrue(trainee == 200 || trainee == 429, "the trainee's one verification is still theirs (429 only for the "
                + "interval between two runs of the lab): " + trainee);
    }

    @Test
    void duringAnExamItsTraineesCannotPracticeItsTemplateNorUseAPracticeLabOfIt() {
        String practice = given().auth().oauth2(Keycloak.token("stagiaire3")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"deux-postes\"}").post("/api/labs").then().statusCode(201).extract().path("id");
        JsonPath exam = create("formateur1", "{\"templateId\": \"deux-postes\", \"trainees\": [\"stagiaire3\"], "
                + "\"durationMinutes\": 30, \"mode\": \"examen\"}");
        given().auth().oauth2(Keycloak.token("stagiaire3")).contentType(ContentType.JSON).body("{\"templateId\": \"deux-postes\"}")
                .post("/api/labs").then().statusCode(409).body("error", containsString("exam"));
        for (String path : List.of("verifications", "submission")) {
            given().auth().oauth2(Keycloak.token("stagiaire3")).post("/api/labs/" + practice + "/" + path).then().statusCode(409)
                    .body("error", containsString("exam"));
        }
        given().auth().oauth2(Keycloak.token("stagiaire3")).contentType(ContentType.JSON)
                .body("{\"node\": \"poste-a\", \"kind\": \"ssh\"}").post("/api/labs/" + practice + "/consoles").then()
                .statusCode(409).body("error", containsString("exam"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).contentType(ContentType.JSON).body("{\"templateId\": \"deux-postes\"}")
                .post("/api/labs").then().statusCode(201);
        act("formateur1", exam.getString("id"), "end");
        given().auth().oauth2(Keycloak.token("stagiaire3")).post("/api/labs/" + practice + "/verifications").then()
                .body("error", not(containsString("exam")));
    }

    @Test
    void aSessionAndItsLabsAreWrittenTogetherOrNotAtAll() throws SQLException {
        int before = labCount("stagiaire2");
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            // the platform stops between the labs and the session's trainees (a crash, a full disk…)
            st.execute("create function fail_trainee() returns trigger language plpgsql as $$ begin "
                    + "raise exception 'simulated failure while writing the session'; end $$");
            st.execute("create trigger fail_trainee before insert on session_trainee for each row execute function fail_trainee()");
        }
        try {
            given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                    .body("{\"templateId\": \"un-poste\", \"title\": \"Jamais écrite\", \"trainees\": [\"stagiaire2\"], "
                            + "\"durationMinutes\": 30, \"mode\": \"examen\"}")
                    .post("/api/sessions").then().statusCode(500);
        } finally {
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("drop trigger fail_trainee on session_trainee");
                st.execute("drop function fail_trainee()");
            }
        }
        assertEquals(before, labCount("stagiaire2"), "no lab was left without its session");
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/sessions").then()
                .body("title", not(hasItem("Jamais écrite")));
    }

    @Test
    void aDeadlineLeftBehindByACrashNeverSubmitsAPausedLab() throws SQLException {
        JsonPath s = create("formateur1", "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire1\"], "
                + "\"durationMinutes\": 30, \"mode\": \"examen\"}");
        String id = s.getString("id");
        UUID lab = UUID.fromString(s.getString(row("stagiaire1") + ".labId"));
        markReady(lab.toString());
        act("formateur1", id, "start");
        // as an earlier version could leave it: the pause committed, the deadline (already passed) not lifted
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("update session set state = 'PAUSED', paused_since = now() where id = '" + id + "'");
        }
        deadlines.set(lab, Instant.now().minusSeconds(60), "test");
        assertTrue(sessions.submissionHeld(lab), "the deadline sweep holds a paused session's labs");

        sessions.rederive(null);

        assertTrue(deadlines.of(lab).isEmpty(), "the start-up derivation lifted the paused lab's deadline");
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + lab).then().body("state", equalTo("READY"));
    }

    @Test
    void aConsoleTicketTakenBeforeAPauseDoesNotOpenDuringIt() throws Exception {
        JsonPath s = create("formateur1", "{\"templateId\": \"un-poste\", \"trainees\": [\"stagiaire3\"], "
                + "\"durationMinutes\": 30, \"mode\": \"entrainement\"}");
        String id = s.getString("id");
        UUID lab = UUID.fromString(s.getString(row("stagiaire3") + ".labId"));
        markReady(lab.toString());
        act("formateur1", id, "start");
        targets.resolve(lab, "poste", ConsoleKind.SSH, "stagiaire3");
        act("formateur1", id, "pause");
        ConsoleUnavailableException refused = org.junit.jupiter.api.Assertions.assertThrows(ConsoleUnavailableException.class,
                () -> targets.resolve(lab, "poste", ConsoleKind.SSH, "stagiaire3"));
        assertEquals(409, refused.status);
        assertTrue(refused.getMessage().contains("paused"), refused.getMessage());
        targets.resolve(lab, "poste", ConsoleKind.SSH, "formateur1");
    }

    int labCount(String trainee) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from lab where trainee = '" + trainee + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Test driver: its VMs never boot, so the lab is marked READY once its domains run. */
    void markReady(String lab) {
        TestDriverLabs.markReady(labs, lab);
    }
}
