package io.atelier.check;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.lab.Lab;
import io.atelier.lab.LabStore;
import io.atelier.lab.RealLabProfile;
import io.atelier.lab.RealLabs;
import io.atelier.security.Keycloak;
import io.atelier.template.TemplateSpec.Check;
import io.atelier.template.TemplateSpec.Expect;
import io.atelier.template.TemplateSpec.FileCheck;
import io.atelier.template.TemplateSpec.Matcher;
import io.atelier.template.TemplateSpec.PortCheck;
import io.atelier.template.TemplateSpec.ServiceCheck;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Checks on a real TCG VM: each kind gives the verdict the machine's state calls for, over
 * SSH; then, with SSH to the node dropped by an nftables rule (what a trainee's firewall
 * mistake does), the same checks still run, through the QEMU guest agent, and say so.
 */
@QuarkusTest
@TestProfile(RealLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class CheckRealTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CheckService checks;

    @Inject
    LabStore labs;

    @Inject
    Hypervisor hypervisor;

    static Check check(String id, String run, Matcher stdout, FileCheck file, ServiceCheck service, PortCheck port) {
        return new Check(id, List.of("X.y"), null, "poste", null, null, null, run,
                run == null ? null : new Expect(new TextNode("zero"), stdout, null), file, service, port, null, null);
    }

    @Test
    void checksRunOverSshAndStillRunThroughTheGuestAgentWhenSshIsBlocked() throws Exception {
        String id = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        try {
            RealLabs.awaitState(base::toString, id, RealLabs.READY_WITHIN, "READY");
            Lab lab = labs.find(UUID.fromString(id)).orElseThrow();
            String mot = lab.parameters().get("mot");
            List<Check> list = List.of(
                    check("mot", "cat /etc/atelier-mot", new Matcher(null, mot, null, null, null), null, null, null),
                    check("fichier", null, null, new FileCheck("/etc/atelier-mot", true, "^" + mot + " pour stagiaire1$", null, "root"), null, null),
                    check("absent", null, null, new FileCheck("/etc/atelier-absent", true, null, null, null), null, null),
                    check("ssh-actif", null, null, null, new ServiceCheck("ssh", true, null), null),
                    check("port-ssh", null, null, null, null, new PortCheck("poste", 22, null, true)),
                    check("shadow", "test -r /etc/shadow && echo lisible", new Matcher("lisible", null, null, null, null), null,
                            null, null),
                    check("cat-absent", "cat /etc/atelier-absent", new Matcher(null, "présent", null, null, null), null, null,
                            null));
            List<Verdict> expected = List.of(Verdict.PASS, Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.PASS, Verdict.PASS,
                    Verdict.FAIL);
            String domain = lab.plan().nodes().get(0).domain();
            // the trainee (root) puts a cat first in the usual PATH that says what a check wants: checks do not use it
            Hypervisor.GuestCommand wrapper = hypervisor.guestExec(domain, "printf '#!/bin/sh\\necho présent\\n' "
                    + "> /usr/local/bin/cat && chmod 755 /usr/local/bin/cat && PATH=/usr/local/bin:$PATH cat /etc/atelier-absent",
                    Duration.ofSeconds(20));
            assertEquals("présent", new String(wrapper.stdout(), java.nio.charset.StandardCharsets.UTF_8).strip(),
                    "the trainee's cat answers first in a login shell's PATH");

            long started = System.nanoTime();
            List<CheckResult> overSsh = checks.run(lab, list);
            System.out.printf("checks: %d checks over SSH in %d ms%n", list.size(), (System.nanoTime() - started) / 1_000_000);
            assertEquals(expected, overSsh.stream().map(CheckResult::verdict).toList(), overSsh.toString());
            assertTrue(overSsh.stream().allMatch(r -> r.transport().equals("ssh")), overSsh.toString());
            assertTrue(overSsh.get(2).output().contains("does not exist"), "evidence: " + overSsh.get(2));

            // the trainee's "Vérifier": the template's task passes, and nothing gives its check away
            String verification = given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1"))
                    .post("/api/labs/" + id + "/verifications").then().statusCode(200)
                    .body("tasks[0].id", org.hamcrest.Matchers.equalTo("mot"))
                    .body("tasks[0].passed", org.hamcrest.Matchers.equalTo(true))
                    .body("tasks[0].title.fr", org.hamcrest.Matchers.equalTo("Le mot " + mot))
                    .body("passedTasks", org.hamcrest.Matchers.equalTo(1))
                    .extract().asString();
            assertTrue(!verification.contains("/etc/atelier-mot") && !verification.contains("cat "),
                    "no command in what the trainee sees: " + verification);
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("stagiaire1"))
                    .post("/api/labs/" + id + "/verifications").then().statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("error", org.hamcrest.Matchers.startsWith("Wait "));

            Hypervisor.GuestCommand block = hypervisor.guestExec(domain, "nft add table inet blocage && "
                    + "nft 'add chain inet blocage input { type filter hook input priority -10; policy accept; }' && "
                    + "nft add rule inet blocage input tcp dport 22 drop", Duration.ofSeconds(20));
            assertEquals(0, block.exit(), new String(block.stderr()));

            started = System.nanoTime();
            List<CheckResult> throughAgent = checks.run(lab, list);
            System.out.printf("checks: %d checks with SSH blocked in %d ms%n", list.size(), (System.nanoTime() - started) / 1_000_000);
            // the rule also closes port 22 on the lab network: that check now fails, as the machine's state says
            List<Verdict> blocked = List.of(Verdict.PASS, Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.FAIL, Verdict.PASS,
                    Verdict.FAIL);
            assertEquals(blocked, throughAgent.stream().map(CheckResult::verdict).toList(), throughAgent.toString());
            assertTrue(throughAgent.stream().allMatch(r -> r.transport().equals("guest-agent")), throughAgent.toString());
        } finally {
            given().baseUri(base.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + id)
                    .then().statusCode(204);
        }
    }
}
