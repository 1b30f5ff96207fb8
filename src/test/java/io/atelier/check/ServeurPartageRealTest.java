package io.atelier.check;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabStore;
import io.atelier.node.NodeShell;
import io.atelier.lab.RealLabs;
import io.atelier.security.Keycloak;
import io.atelier.template.LabTemplate;
import io.atelier.template.Placeholders;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The file-server template (v2) end to end on real TCG VMs: the untouched lab fails every
 * check; each task's solution (after starting the task, which applies its faults) makes that
 * task's checks pass and changes no other verdict; with SSH from the platform to srv dropped by
 * an nftables rule, srv's checks still run, through the guest agent, with the same verdicts,
 * and the examiner's checks still reach srv over the lab's LAN. The prover's stages
 * (counterexamples, alternatives, reboot) are {@code ./atelier prove}'s business.
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ServeurPartageRealTest {

    static final String TEMPLATE = "serveur-linux-partage-sauvegarde";

    @TestHTTPResource("/")
    URL base;

    @Inject
    CheckService checks;

    @Inject
    LabStore labs;

    @Inject
    TemplateCatalog templates;

    @Inject
    Hypervisor hypervisor;

    @Inject
    ManagementNetwork management;

    @Test
    void untouchedFailsEachSolutionPassesItsOwnTaskAndChecksSurviveBlockedSsh() throws Exception {
        String id = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"" + TEMPLATE + "\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        long testStarted = System.nanoTime();
        try {
            RealLabs.awaitState(base::toString, id, RealLabs.READY_WITHIN, "READY");
            System.out.printf("partage: lab READY in %d s%n", (System.nanoTime() - testStarted) / 1_000_000_000);
            Lab lab = labs.find(UUID.fromString(id)).orElseThrow();
            LabTemplate template = templates.find(TEMPLATE).orElseThrow();
            Map<String, String> values = lab.placeholderValues();

            List<TemplateSpec.Check> all = new ArrayList<>();
            Map<String, String> taskOf = new LinkedHashMap<>();
            for (TemplateSpec.Task task : template.spec().tasks()) {
                for (TemplateSpec.Check check : task.checks()) {
                    all.add(CheckPlaceholders.fill(check, values));
                    taskOf.put(check.id(), task.id());
                }
            }

            // 1. the untouched lab: every check fails (none errors)
            Map<String, Verdict> previous = verdicts(run(lab, all, "untouched lab"));
            previous.forEach((check, verdict) -> assertEquals(Verdict.FAIL, verdict, "untouched lab, check " + check));

            // 2. task by task: start it (faults), solve it; its checks pass, no other verdict moves
            List<Object> tasksShown = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1"))
                    .get("/api/labs/" + id).then().statusCode(200).extract().jsonPath().getList("tasks.id");
            assertEquals(template.spec().tasks().stream().map(TemplateSpec.Task::id).toList(), tasksShown);
            for (int t = 0; t < template.spec().tasks().size(); t++) {
                TemplateSpec.Task task = template.spec().tasks().get(t);
                List<LabPlan.Fault> faults = lab.plan().faultsOf(task.id());
                if (!faults.isEmpty()) startTask(lab, id, t, task, faults.size());
                solve(lab, template, task, values);
                Map<String, Verdict> now = verdicts(run(lab, all, "after solving " + task.id()));
                for (TemplateSpec.Check check : all) {
                    Verdict expected = taskOf.get(check.id()).equals(task.id()) ? Verdict.PASS : previous.get(check.id());
                    assertEquals(expected, now.get(check.id()), "after solving " + task.id() + ", check " + check.id());
                }
                previous = now;
            }
            previous.forEach((check, verdict) -> assertEquals(Verdict.PASS, verdict, "solved lab, check " + check));

            // 3. SSH from the platform to srv dropped: srv's checks go through the guest agent, verdicts unchanged
            LabPlan.Node srv = node(lab, "srv");
            Hypervisor.GuestCommand block = hypervisor.guestExec(srv.domain(), "nft add table inet blocage && "
                    + "nft 'add chain inet blocage input { type filter hook input priority -10; policy accept; }' && "
                    + "nft add rule inet blocage input ip saddr " + management.hostAddress() + " tcp dport 22 drop",
                    Duration.ofSeconds(20));
            assertEquals(0, block.exit(), new String(block.stderr()));
            List<CheckResult> blocked = run(lab, all, "SSH to srv blocked");
            for (int i = 0; i < all.size(); i++) {
                TemplateSpec.Check check = all.get(i);
                CheckResult result = blocked.get(i);
                assertEquals(Verdict.PASS, result.verdict(), "SSH to srv blocked, check " + check.id() + ": " + result);
                assertEquals(check.on().equals("srv") ? "guest-agent" : "ssh", result.transport(),
                        "transport of " + check.id() + " (on " + check.on() + ")");
            }

            // 4. SSH still blocked: the trainee's Vérifier shows every task passed, they submit, and the
            //    validator's grid has every criterion acquired, with srv's evidence from the guest agent
            int tasks = template.spec().tasks().size();
            long verifyStarted = System.nanoTime();
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).post("/api/labs/" + id + "/verifications")
                    .then().statusCode(200).body("passedTasks", equalTo(tasks)).body("totalTasks", equalTo(tasks));
            System.out.printf("partage: Vérifier through the API in %d ms%n", (System.nanoTime() - verifyStarted) / 1_000_000);
            JsonPath submission = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1"))
                    .post("/api/labs/" + id + "/submission").then().statusCode(201).extract().jsonPath();
            assertEquals(4, submission.getInt("totalCriteria"));
            assertEquals(4, submission.getInt("acquiredCriteria"));
            assertEquals(submission.getDouble("maxPoints"), submission.getDouble("points"));

            JsonPath report = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("validateur1"))
                    .accept(ContentType.JSON).get("/api/labs/" + id + "/report").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("2-1.securisation-serveur", "2-2.clients-communiquent", "2-2.sauvegarde-quotidienne",
                    "2-3.droits-dossiers"), report.getList("grade.blocks.competencies.criteria.id.flatten()").stream().sorted().toList());
            assertTrue(report.getList("grade.blocks.competencies.criteria.acquired.flatten()").stream().allMatch(Boolean.TRUE::equals));
            assertTrue(report.getBoolean("intact"));
            List<Map<String, Object>> evidence = report.getList("grade.blocks.competencies.criteria.checks.flatten()");
            assertTrue(evidence.stream().filter(c -> String.valueOf(c.get("command")).contains("sshd -T"))
                    .allMatch(c -> c.get("transport").equals("guest-agent")), "srv's evidence says which transport ran");
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("validateur1")).accept("text/html")
                    .get("/api/labs/" + id + "/report").then().statusCode(200)
                    .body(containsString("4 critère(s) acquis sur 4"))
                    .body(containsString("agent invité QEMU"))
                    .body(not(containsString("Non acquis")));
            String csv = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("validateur1")).accept("text/csv")
                    .get("/api/labs/" + id + "/report").then().statusCode(200).extract().asString();
            assertEquals(5, csv.strip().split("\r\n").length, "a header and one row per criterion: " + csv);
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id)
                    .then().statusCode(204);
            System.out.printf("partage: whole test with its lab in %d s%n", (System.nanoTime() - testStarted) / 1_000_000_000);
        }
    }

    /** Starts the task as the trainee: its faults are applied once, a second start changes nothing. */
    private void startTask(Lab lab, String id, int index, TemplateSpec.Task task, int faultCount) throws Exception {
        String path = "/api/labs/" + id + "/tasks/" + task.id() + "/start";
        JsonPath first = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).post(path)
                .then().statusCode(200).body("task", equalTo(task.id())).body("faultsApplied", equalTo(faultCount))
                .extract().jsonPath();
        String startedAt = first.getString("startedAt");
        assertNotNull(startedAt);
        given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).post(path)
                .then().statusCode(200).body("startedAt", equalTo(startedAt)).body("faultsApplied", equalTo(0));
        given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id)
                .then().statusCode(200).body("tasks[" + index + "].startable", equalTo(true))
                .body("tasks[" + index + "].startedAt", equalTo(startedAt));
        if (task.id().equals("restaurer")) {
            // no marker file in the guest any more: the midday backup, then the damage
            NodeShell.Result damaged = NodeShell.run(node(lab, "srv"), lab.sshPrivateKey(),
                    "sudo -n sh -c 'ls /srv/sauvegardes/compta-*-midi.tar.gz' "
                            + "&& test ! -e /srv/partage/compta/factures/F-2025-0042.txt "
                            + "&& ! test -s /srv/partage/compta/clients.csv "
                            + "&& test -s /srv/partage/compta/factures/F-2025-0043.txt "
                            + "&& ! test -e /var/lib/atelier/incident-compta",
                    null, Duration.ofSeconds(30));
            assertTrue(damaged.ok(), "the fault made the midday backup then damaged the share: " + damaged);
            NodeShell.Result ticket = NodeShell.run(node(lab, "client"), lab.sshPrivateKey(),
                    "grep -q 'Ticket' /home/stagiaire1/ticket-incident.txt", null, Duration.ofSeconds(30));
            assertTrue(ticket.ok(), "the ticket reached the workstation: " + ticket);
        }
    }

    /** Runs the task's solution script on its node as root, its placeholders filled. */
    private static void solve(Lab lab, LabTemplate template, TemplateSpec.Task task, Map<String, String> values)
            throws Exception {
        String script = Placeholders.fill(Files.readString(template.folder().resolve(task.solution().script())), values);
        NodeShell.Result r = NodeShell.run(node(lab, task.solution().on()), lab.sshPrivateKey(),
                "sudo sh -s", script, Duration.ofMinutes(3));
        assertEquals(0, r.exit(), "solution of " + task.id() + ": " + r);
    }

    private List<CheckResult> run(Lab lab, List<TemplateSpec.Check> all, String when) {
        long started = System.nanoTime();
        List<CheckResult> results = checks.run(lab, all);
        System.out.printf("partage: %d checks (%s) in %d ms%n", all.size(), when, (System.nanoTime() - started) / 1_000_000);
        for (CheckResult r : results) {
            assertTrue(r.verdict() != Verdict.ERROR, when + ": check " + r.checkId() + " could not run: " + r);
        }
        return results;
    }

    private static Map<String, Verdict> verdicts(List<CheckResult> results) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        results.forEach(r -> verdicts.put(r.checkId(), r.verdict()));
        return verdicts;
    }

    private static LabPlan.Node node(Lab lab, String name) {
        return lab.plan().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }
}
