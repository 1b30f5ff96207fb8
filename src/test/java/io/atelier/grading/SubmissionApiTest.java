package io.atelier.grading;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.check.CheckRun;
import io.atelier.check.CheckRunStore;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTestProfile;
import io.atelier.lab.RealLabs;
import io.atelier.lab.TestDriverLabs;
import io.atelier.security.Keycloak;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Submission, grids and overrides through the API, on libvirt's test driver. Its VMs never
 * boot, so a lab is marked READY by the test once its domains run (named as such: the
 * checks then cannot reach the machines and report ERROR, which is what a real submission of
 * an unreachable lab gives); the grids' shapes use hand-built final runs.
 */
@QuarkusTest
@TestProfile(SubmissionApiTest.Profile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class SubmissionApiTest {

    public static class Profile extends LabTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("atelier.grading.sweep-every", "1s");
            return config;
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabStore labs;

    @Inject
    SubmissionService submissions;

    @Inject
    CheckRunStore runs;

    @Inject
    TemplateCatalog templates;

    @Inject
    DataSource db;

    @Inject
    io.atelier.hypervisor.LibvirtConnection libvirt;

    /** A lab of the test driver, moved to READY by the test once its domains run (the driver boots nothing). */
    String readyLabOnTestDriver(String template, String trainee) {
        return TestDriverLabs.ready(labs, template, trainee);
    }

    /**
     * A graded lab of pare-feu-nftables whose final run is built by hand: {@code passing} checks pass, the others
     * fail. Built as a submission is, under the service's guard: the sweep (every second here) would otherwise
     * find it SUBMITTED and grade it itself in between (run81 saw it, on a loaded host).
     */
    String gradedByHand(String trainee, List<String> passing) {
        String id = readyLabOnTestDriver("pare-feu-nftables", trainee);
        return submissions.guarded(labs.find(UUID.fromString(id)).orElseThrow(), () -> graded(id, trainee, passing));
    }

    private String graded(String id, String trainee, List<String> passing) {
        UUID lab = UUID.fromString(id);
        assertTrue(labs.move(lab, List.of(LabState.READY), LabState.SUBMITTED, "submitted", trainee));
        TemplateSpec spec = templates.find("pare-feu-nftables").orElseThrow().spec();
        List<CheckRun.Result> results = new ArrayList<>();
        for (TemplateSpec.Task task : spec.tasks()) {
            for (TemplateSpec.Check c : task.checks()) {
                boolean pass = passing.contains(c.id());
                results.add(new CheckRun.Result(c.id(), task.id(), c.criteria(), c.pointsOrDefault(), c.description(),
                        c.feedback(), pass ? Verdict.PASS : Verdict.FAIL, "ssh", "commande-de-" + c.id(), pass ? 0 : 1,
                        "sortie de " + c.id() + " <script>alert('preuve')</script>", pass ? null : "exit 1", Instant.now(), 120));
            }
        }
        runs.save(new CheckRun(UUID.randomUUID(), lab, CheckRun.Kind.FINAL, trainee, spec.version(), Instant.now(),
                Instant.now(), results, null, true));
        assertTrue(labs.move(lab, List.of(LabState.SUBMITTED), LabState.GRADED, "graded", "platform"));
        return id;
    }

    @Test
    void aTraineeSubmitsOnceAndThenReadsTheirSealedResultsButNoCommand() {
        String id = readyLabOnTestDriver("un-poste", "stagiaire1");
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id + "/submission").then().statusCode(404)
                .body("error", containsString("not been submitted"));
        given().auth().oauth2(Keycloak.token("stagiaire2")).post("/api/labs/" + id + "/submission").then().statusCode(404);
        given().auth().oauth2(Keycloak.token("validateur1")).post("/api/labs/" + id + "/submission").then().statusCode(403);

        String body = given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/submission")
                .then().statusCode(201)
                .body("submittedBy", equalTo("stagiaire1"))
                .body("hash", matchesPattern("hmac-sha256:[0-9a-f]{64}"))
                .body("intact", equalTo(true))
                .body("totalCriteria", equalTo(1))
                .body("acquiredCriteria", equalTo(0))
                .body("tasks[0].checks[0].verdict", equalTo("ERROR"))
                .extract().asString();
        assertFalse(body.contains("/etc/atelier-mot"), "the submission shows no check command: " + body);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id).then().body("state", equalTo("GRADED"));

        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/submission").then().statusCode(409)
                .body("error", containsString("GRADED"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/verifications").then().statusCode(409);
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + id + "/submission").then().statusCode(404);
        String again = given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs/" + id + "/submission")
                .then().statusCode(200).extract().path("hash");
        assertEquals(JsonPath.from(body).getString("hash"), again);
    }

    @Test
    void finalResultsCannotBeChangedThroughTheApiAndAChangeBehindItsBackIsDetected() throws SQLException {
        String id = gradedByHand("stagiaire1", List.of("routage-actif"));
        String sealed = given().auth().oauth2(Keycloak.token("admin")).get("/api/labs/" + id + "/submission").then()
                .statusCode(200).extract().asString();
        for (String method : List.of("PUT", "DELETE", "PATCH", "POST")) {
            for (String path : List.of("submission", "report", "verifications/latest")) {
                int status = given().auth().oauth2(Keycloak.token("admin")).contentType(ContentType.JSON)
                        .body("{\"tasks\": [], \"hash\": \"0\"}").request(method, "/api/labs/" + id + "/" + path).statusCode();
                assertTrue(status == 404 || status == 405 || status == 409, method + " " + path + " answered " + status);
            }
        }
        given().auth().oauth2(Keycloak.token("admin")).get("/api/labs/" + id + "/submission").then().statusCode(200)
                .body(equalTo(sealed));

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "update check_run set results = replace(results, 'FAIL', 'PASS') where lab_id = '" + id + "'"));
            assertTrue(refused.getMessage().contains("cannot be changed"), refused.getMessage());
            // someone with the database's owner rights goes around the trigger
            s.execute("alter table check_run disable trigger check_run_immutable");
            s.executeUpdate("update check_run set results = replace(results, 'FAIL', 'PASS') where lab_id = '" + id + "'");
            s.execute("alter table check_run enable trigger check_run_immutable");
        }
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs/" + id + "/submission").then().statusCode(200)
                .body("intact", equalTo(false));
        given().auth().oauth2(Keycloak.token("validateur1")).accept("text/html").get("/api/labs/" + id + "/report")
                .then().statusCode(200).body(containsString("ne correspondent plus à leur empreinte"));
    }

    @Test
    void runsAndDecisionsCannotBeDeletedAndARunDeletedThenWrittenAgainBehindTheApisBackReadsNotIntact() throws Exception {
        String id = gradedByHand("stagiaire1", List.of("routage-actif"));
        given().auth().oauth2(Keycloak.token("validateur1")).contentType(ContentType.JSON)
                .body("{\"acquired\": true, \"reason\": \"vu en séance\"}")
                .put("/api/labs/" + id + "/report/criteria/C17.parefeu-conforme").then().statusCode(200);
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs/" + id + "/submission").then()
                .body("intact", equalTo(true)).body("hash", matchesPattern("hmac-sha256:[0-9a-f]{64}"));

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("check_run", "grade_override")) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> s.executeUpdate("delete from " + table + " where lab_id = '" + id + "'"), table);
                assertTrue(refused.getMessage().contains("cannot be changed"), refused.getMessage());
                refused = assertThrows(SQLException.class, () -> s.execute("truncate " + table + " cascade"), table);
                assertTrue(refused.getMessage().contains("cannot be changed"), refused.getMessage());
            }
            // someone with the database's owner rights goes around the triggers: deletes the final
            // run and writes it again, every check passing, with a digest computed as a seal would be
            try (ResultSet rs = s.executeQuery("select id, kind, actor, template_version, started_at, finished_at, "
                    + "results from check_run where lab_id = '" + id + "' and kind = 'FINAL'")) {
                assertTrue(rs.next());
                UUID run = rs.getObject("id", UUID.class);
                String results = rs.getString("results").replace("FAIL", "PASS");
                Instant started = rs.getTimestamp("started_at").toInstant();
                Instant finished = rs.getTimestamp("finished_at").toInstant();
                String actor = rs.getString("actor");
                int version = rs.getInt("template_version");
                String header = String.join("\n", run.toString(), id, "FINAL", actor, Integer.toString(version),
                        started.toString(), finished.toString(), "");
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(header.getBytes(StandardCharsets.UTF_8));
                String digest = HexFormat.of().formatHex(sha.digest(results.getBytes(StandardCharsets.UTF_8)));
                Mac guess = Mac.getInstance("HmacSHA256");
                guess.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
                String forged = HexFormat.of().formatHex(guess.doFinal((header + results)
                        .getBytes(StandardCharsets.UTF_8)));
                for (String hash : List.of(digest, "hmac-sha256:" + digest, "hmac-sha256:" + forged)) {
                    s.execute("alter table check_run disable trigger check_run_kept");
                    s.executeUpdate("delete from check_run where id = '" + run + "'");
                    s.execute("alter table check_run enable trigger check_run_kept");
                    try (PreparedStatement ps = c.prepareStatement("insert into check_run (id, lab_id, kind, actor, template_version, "
                            + "started_at, finished_at, results, hash) values (?, ?, 'FINAL', ?, ?, ?, ?, ?, ?)")) {
                        ps.setObject(1, run);
                        ps.setObject(2, UUID.fromString(id));
                        ps.setString(3, actor);
                        ps.setInt(4, version);
                        ps.setTimestamp(5, Timestamp.from(started));
                        ps.setTimestamp(6, Timestamp.from(finished));
                        ps.setString(7, results);
                        ps.setString(8, hash);
                        ps.executeUpdate();
                    }
                    given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs/" + id + "/submission").then()
                            .statusCode(200).body("intact", equalTo(false)).body("hash", equalTo(hash));
                }
            }
        }
        given().auth().oauth2(Keycloak.token("validateur1")).accept("text/html").get("/api/labs/" + id + "/report")
                .then().statusCode(200).body(containsString("ne correspondent plus à leur empreinte"));
    }

    @Test
    void theGridComesAsJsonCsvAndPrintableHtmlWithItsEvidenceForTheStaffOnly() throws Exception {
        String id = gradedByHand("stagiaire2", List.of("internet-depuis-lan", "nat-vers-internet", "routage-actif",
                "filtrage-restrictif", "forward-policy-drop", "site-bloque", "fw-ports-filtres", "input-policy-drop"));
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + id + "/report").then().statusCode(403);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id + "/report").then().statusCode(403);

        JsonPath json = given().auth().oauth2(Keycloak.token("validateur1")).accept(ContentType.JSON)
                .get("/api/labs/" + id + "/report").then().statusCode(200).extract().jsonPath();
        assertEquals("stagiaire2", json.getString("trainee"));
        assertEquals("tai", json.getString("referential.id"));
        assertEquals(List.of("C17.parefeu-conforme", "C17.bloquer-sites", "C17.tests-exploitabilite"),
                json.getList("grade.blocks.competencies.criteria.id.flatten()"));
        // parefeu-conforme: every check passes except ssh-fw-lan-seulement (2 points)
        assertEquals(false, json.getBoolean("grade.blocks[0].competencies[0].criteria[0].acquired"));
        assertEquals(11.0, json.getDouble("grade.blocks[0].competencies[0].criteria[0].points"));
        assertEquals(13.0, json.getDouble("grade.blocks[0].competencies[0].criteria[0].maxPoints"));
        assertEquals(true, json.getBoolean("grade.blocks[0].competencies[0].criteria[1].acquired"), "bloquer-sites: site-bloque passes");
        assertEquals(1, json.getInt("grade.acquiredCriteria"));
        assertEquals(3, json.getInt("grade.totalCriteria"));
        assertEquals("commande-de-internet-depuis-lan", json.getString("grade.blocks[0].competencies[0].criteria[0].checks[0].command"));
        assertEquals("ssh", json.getString("grade.blocks[0].competencies[0].criteria[0].checks[0].transport"));

        String csv = given().auth().oauth2(Keycloak.token("formateur1")).accept("text/csv").get("/api/labs/" + id + "/report")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("grille-stagiaire2-")).extract().asString();
        List<CSVRecord> rows = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .get().parse(new StringReader(csv.replace("\uFEFF", ""))).getRecords();
        assertEquals(3, rows.size(), "one row per criterion of the one trainee");
        assertEquals(List.of("non", "oui", "non"), rows.stream().map(r -> r.get("acquis")).toList());
        assertTrue(rows.stream().allMatch(r -> r.get("stagiaire").equals("stagiaire2")
                && r.get("empreinte").matches("hmac-sha256:[0-9a-f]{64}")));

        given().auth().oauth2(Keycloak.token("admin")).accept("text/html").get("/api/labs/" + id + "/report").then()
                .statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("Grille d'évaluation"))
                .body(containsString("Non acquis"))
                .body(containsString("commande-de-site-bloque"))
                .body(containsString("sortie de site-bloque"))
                .body(containsString("par SSH"))
                .body(containsString("&lt;script&gt;alert(&#39;preuve&#39;)&lt;/script&gt;"))
                .body(not(containsString("<script>")))
                .body(not(containsString("ne correspondent plus")));
    }

    @Test
    void anOverrideNeedsAReasonAndTheAuditKeepsWhatItReplaced() {
        String id = gradedByHand("stagiaire1", List.of());
        String url = "/api/labs/" + id + "/report/criteria/C17.bloquer-sites";
        given().auth().oauth2(Keycloak.token("validateur1")).contentType(ContentType.JSON).body("{\"acquired\": true}")
                .put(url).then().statusCode(400).body("error", containsString("reason"));
        given().auth().oauth2(Keycloak.token("validateur1")).contentType(ContentType.JSON)
                .body("{\"acquired\": true, \"reason\": \"  \"}").put(url).then().statusCode(400);
        given().auth().oauth2(Keycloak.token("validateur1")).contentType(ContentType.JSON)
                .body("{\"reason\": \"oubli\"}").put(url).then().statusCode(400).body("error", containsString("acquired"));
        given().auth().oauth2(Keycloak.token("validateur1")).contentType(ContentType.JSON)
                .body("{\"acquired\": true, \"reason\": \"x\"}").put("/api/labs/" + id + "/report/criteria/C99.inconnu")
                .then().statusCode(404).body("error", containsString("C17.bloquer-sites"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).contentType(ContentType.JSON)
                .body("{\"acquired\": true, \"reason\": \"je l'ai fait\"}").put(url).then().statusCode(403);

        given().auth().oauth2(Keycloak.token("validateur1")).contentType(ContentType.JSON)
                .body("{\"acquired\": true, \"reason\": \"Blocage montré au jury par capture\"}").put(url).then().statusCode(200)
                .body("grade.acquiredCriteria", equalTo(1));
        JsonPath report = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"acquired\": false, \"reason\": \"La capture ne montre pas le bon site\"}").put(url)
                .then().statusCode(200).body("overrides", hasSize(2)).extract().jsonPath();
        assertEquals(0, report.getInt("grade.acquiredCriteria"));
        assertEquals(List.of(false, false), report.getList("overrides.computed"), "the checks' value stays in the log");
        assertEquals(List.of(false, true), report.getList("overrides.previous"), "each entry keeps the value it replaced");
        assertEquals(List.of(true, false), report.getList("overrides.acquired"));
        assertEquals(List.of("validateur1", "formateur1"), report.getList("overrides.actor"));
        assertTrue(report.getBoolean("intact"), "an override never touches the sealed results");
        given().auth().oauth2(Keycloak.token("validateur1")).accept("text/html").get("/api/labs/" + id + "/report")
                .then().body(containsString("Journal des décisions"))
                .body(containsString("La capture ne montre pas le bon site"));
    }

    @Test
    void aDeadlineSubmitsTheLabByItself() {
        String id = readyLabOnTestDriver("un-poste", "stagiaire2");
        String url = "/api/labs/" + id + "/deadline";
        given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"deadline\": \"2020-01-01T00:00:00Z\"}").put(url).then().statusCode(400)
                .body("error", containsString("has passed"));
        given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON).body("{\"deadline\": \"demain\"}")
                .put(url).then().statusCode(400);
        given().auth().oauth2(Keycloak.token("stagiaire2")).contentType(ContentType.JSON)
                .body("{\"deadline\": \"2099-01-01T00:00:00Z\"}").put(url).then().statusCode(403);
        given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"deadline\": \"" + Instant.now().plusSeconds(2) + "\"}").put(url).then().statusCode(200);

        JsonPath graded = RealLabs.awaitState(base::toString, id, Duration.ofSeconds(60), "GRADED");
        assertEquals("GRADED", graded.getString("state"));
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + id + "/submission").then().statusCode(200)
                .body("submittedBy", equalTo(SubmissionService.DEADLINE));
    }

    @Test
    void aLabACrashLeftSubmittedIsGradedByTheSweep() {
        String id = readyLabOnTestDriver("un-poste", "stagiaire1");
        // what a crash between "submitted" and the final run leaves behind
        assertTrue(labs.move(UUID.fromString(id), List.of(LabState.READY), LabState.SUBMITTED, "submitted", "stagiaire1"));
        RealLabs.awaitState(base::toString, id, Duration.ofSeconds(60), "GRADED");
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id + "/submission").then().statusCode(200)
                .body("submittedBy", equalTo("platform")).body("totalCriteria", equalTo(1));
    }

    @Test
    void theLastVerificationIsKeptForThePage() {
        String id = readyLabOnTestDriver("un-poste", "stagiaire1");
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id + "/verifications/latest").then()
                .statusCode(404).body("error", containsString("not been verified"));
        String at = given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/verifications")
                .then().statusCode(200).extract().path("at");
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id + "/verifications/latest").then()
                .statusCode(200).body("at", equalTo(at)).body("totalTasks", equalTo(1))
                .body(not(containsString("/etc/atelier-mot")));
        given().auth().oauth2(Keycloak.token("stagiaire2")).get("/api/labs/" + id + "/verifications/latest").then()
                .statusCode(404);
    }

    /** The libvirt id of each domain of the lab (-1 when off; a domain started again gets a new one). */
    Map<String, Integer> domainIds(UUID lab) {
        Map<String, Integer> ids = new HashMap<>();
        for (io.atelier.lab.LabPlan.Node node : labs.find(lab).orElseThrow().plan().vms()) {
            ids.put(node.name(), libvirt.call("read id", c -> c.domainLookupByName(node.domain()).getID()));
        }
        return ids;
    }

    List<String> events(UUID lab) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select coalesce(reason, '') from lab_event where lab_id = ? order by at, id")) {
            ps.setObject(1, lab);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) events.add(rs.getString(1));
            }
        }
        return events;
    }

    @Test
    void aSubmissionWithChecksAfterRebootStopsAndStartsTheLabsDomainsAndGradesThoseChecksAfterItOnTheTestDriver()
            throws Exception {
        String id = readyLabOnTestDriver("preuve-juste", "stagiaire1");
        UUID lab = UUID.fromString(id);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id).then().statusCode(200)
                .body("rebootsAtSubmission", equalTo(true));
        // the ids each domain runs under while the submission goes on, in order (watched as a person
        // watching virsh list would, until the submission answers)
        Map<String, List<Integer>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean submitting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (submitting.get()) {
                domainIds(lab).forEach((node, domainId) -> {
                    List<Integer> ids = seen.computeIfAbsent(node, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
                    if (domainId > 0 && (ids.isEmpty() || !ids.get(ids.size() - 1).equals(domainId))) ids.add(domainId);
                });
                RealLabs.pause(Duration.ofMillis(20));
            }
        });
        while (seen.size() < 1) RealLabs.pause(Duration.ofMillis(20));

        given().auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/submission").then().statusCode(201)
                .body("tasks[0].checks.id", equalTo(List.of("mot-present", "mot-servi")))
                .body("tasks[0].checks.verdict", equalTo(List.of("ERROR", "ERROR")));
        submitting.set(false);
        watcher.join();
        assertEquals(Set.of("poste"), seen.keySet(), "the lab's VMs (its examiner runs on the host)");
        seen.forEach((node, ids) -> assertEquals(2, ids.size(),
                "domain " + node + " ran, was powered off and was started again (a new id) once: " + seen));

        assertEquals(LabState.GRADED, labs.find(lab).orElseThrow().state());
        // the test driver boots nothing: the domains were powered off and started again (new ids),
        // then the nodes never answered, so the check after the reboot is ERROR with that reason
        CheckRun beforeReboot = runs.latest(lab, CheckRun.Kind.BEFORE_REBOOT).orElseThrow();
        CheckRun fin = runs.finalRun(lab).orElseThrow();
        assertTrue(beforeReboot.intact() && fin.intact());
        assertEquals(List.of("mot-present", "mot-servi"), beforeReboot.results().stream().map(CheckRun.Result::checkId).toList());
        assertEquals(beforeReboot.results().get(0), fin.results().get(0), "a check not after: reboot keeps its result from before");
        CheckRun.Result servi = fin.results().get(1);
        assertEquals(Verdict.ERROR, servi.verdict());
        assertTrue(servi.reason().startsWith("not verified: the lab did not come back after the platform's reboot (node "),
                servi.reason());
        assertFalse(servi.reason().equals(beforeReboot.results().get(1).reason()));
        List<String> events = events(lab);
        int rebooted = events.indexOf("VMs powered off and booted again by the platform for the final run");
        assertTrue(rebooted >= 0 && events.get(rebooted + 1).startsWith("the lab did not come back after the platform's reboot: ")
                && events.get(rebooted + 2).startsWith("graded: "), events::toString);
        TestDriverLabs.awaitRunning(id, false);
    }
}
