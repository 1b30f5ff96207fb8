package io.atelier.pool;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabService;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.lab.RealLabProfile;
import io.atelier.lab.RealLabs;
import io.atelier.node.NodeShell;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A hot pool on real TCG VMs (issue 14): un-poste keeps one lab restored and waiting, with no
 * trainee account and no setup script run; a trainer's request claims it, and the lab is READY
 * once the node has its trainee's account (who logs in with the lab's password over SSH) and
 * its setup script ran with the trainee's name. The claim's time is printed.
 */
@QuarkusTest
@TestProfile(PoolRealTest.Profile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class PoolRealTest {

    /** Real labs, un-poste's pool of one, the plan applied by the test (and after each claim). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new RealLabProfile().getConfigOverrides());
            config.put("ATELIER_POOL_UN_POSTE", "1");
            config.put("atelier.pools.plan-every", "off");
            return config;
        }
    }

    static final String TRAINEE = "stagiaire3";

    @Inject
    PoolService pools;

    @Inject
    LabStore store;

    @Inject
    LabService labs;

    @AfterEach
    void deleteEveryLabItMade() {
        for (Lab lab : store.pooled()) labs.removePooled(lab.id(), "test: done");
        store.forTrainee(TRAINEE).forEach(l -> labs.delete(l.id(), "test", Duration.ofMinutes(2)));
        store.pooled().forEach(l -> labs.awaitJobs(l.id(), Duration.ofMinutes(2)));
    }

    static String base() {
        return io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
    }

    NodeShell.Result on(Lab lab, String command) throws IOException {
        return NodeShell.run(lab.plan().nodes().get(0), lab.sshPrivateKey(), command, null, Duration.ofSeconds(30));
    }

    /** Runs {@code command} as {@code user} logged in over SSH with {@code password}, as the trainee would. */
    static String withPassword(LabPlan.Node node, String user, String password, String command) throws Exception {
        Session session = new JSch().getSession(user, node.managementIp(), 22);
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(30_000);
        try {
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand(command);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exec.setOutputStream(out);
            exec.connect(30_000);
            while (!exec.isClosed()) RealLabs.pause(Duration.ofMillis(50));
            return out.toString().strip();
        } finally {
            session.disconnect();
        }
    }

    @Test
    void aTrainerClaimsThePooledLabWhichIsReadyForTheTraineeOnceTheirAccountAndSetupAreThere() throws Exception {
        pools.apply();
        long until = System.nanoTime() + RealLabs.READY_WITHIN.toNanos();
        List<Lab> pooled = store.pooled();
        while (pooled.size() != 1 || pooled.get(0).state() != LabState.POOLED) {
            assertTrue(pooled.size() <= 1, "one lab in a pool of one: " + pooled);
            assertTrue(pooled.isEmpty() || pooled.get(0).state() != LabState.FAILED, "the pooled lab failed: " + pooled);
            assertTrue(System.nanoTime() < until, "no pooled lab waiting after " + RealLabs.READY_WITHIN + ": " + pooled);
            RealLabs.pause(Duration.ofSeconds(1));
            pooled = store.pooled();
        }
        Lab waiting = pooled.get(0);
        assertEquals("poste", on(waiting, "hostname").stdout().strip(), "restored and identified");
        assertNotEquals(0, on(waiting, "id " + TRAINEE).exit(), "no trainee account before the claim");
        assertNotEquals(0, on(waiting, "test -e /etc/atelier-mot").exit(), "no setup script before the claim");

        Instant requested = Instant.now();
        String id = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"" + TRAINEE + "\"}").post("/api/labs").then()
                .statusCode(201).extract().path("id");
        assertEquals(waiting.id().toString(), id, "the request claimed the pooled lab");
        JsonPath ready = RealLabs.awaitState(PoolRealTest::base, id, RealLabs.READY_WITHIN, "READY");
        System.out.printf("[measure] pooled lab claimed → READY in %.1f s (a trainee account and a setup script)%n",
                Duration.between(requested, Instant.parse(ready.getString("readyAt"))).toMillis() / 1000.0);

        Lab claimed = store.find(UUID.fromString(id)).orElseThrow();
        assertEquals(TRAINEE, claimed.trainee());
        assertEquals(claimed.parameters().get("mot") + " pour " + TRAINEE, on(claimed, "cat /etc/atelier-mot").stdout().strip(),
                "the setup script ran with the trainee's name");
        assertEquals(TRAINEE + "\nsudo", withPassword(claimed.plan().nodes().get(0), TRAINEE, claimed.traineePassword(),
                "id -un; id -Gn | tr ' ' '\\n' | grep -x sudo"), "the trainee logs in with the lab's password, a sudoer");
        given().auth().oauth2(Keycloak.token(TRAINEE)).get("/api/labs/" + id).then().statusCode(200);
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + id).then().statusCode(404);
    }
}
