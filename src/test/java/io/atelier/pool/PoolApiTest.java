package io.atelier.pool;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.Inventory;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabService;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.lab.LabTestProfile;
import io.atelier.lab.Reconciler;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Hot pools on libvirt's test driver (its VMs never boot: a test moves a pooled lab to POOLED
 * once its domains run, as a restore would): the pool keeps its lab hidden and counted, a
 * claim makes it one trainee's alone, a changed template or rebuilt image removes it, a
 * request over the host's limits takes its room, and a pooled lab whose machines vanished
 * leaves nothing. The plan is applied by the test ({@code atelier.pools.plan-every=off}).
 */
@QuarkusTest
@TestProfile(PoolApiTest.Profile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolApiTest {

    /** The lab tests' settings, a pool of one for un-poste, room for three labs, and nodes given ten minutes to answer. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new LabTestProfile().getConfigOverrides());
            config.put("ATELIER_POOL_UN_POSTE", "1");
            config.put("atelier.pools.plan-every", "off");
            config.put("atelier.labs.max-running", "3");
            config.put("atelier.labs.ready-timeout", "PT10M");
            return config;
        }
    }

    static final String POOLED_TEMPLATE = "un-poste";

    @Inject
    PoolService pools;

    @Inject
    LabStore store;

    @Inject
    LabService labs;

    @Inject
    Hypervisor hypervisor;

    @Inject
    Reconciler reconciler;

    @Inject
    DataSource db;

    final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteTheTestsLabs() {
        for (String id : created) labs.delete(UUID.fromString(id), "test", Duration.ofSeconds(30));
        created.clear();
    }

    /** The pool's one lab once the plan has run, waiting (POOLED) once its test-driver domains run. */
    Lab waitingPooledLab() {
        pools.apply();
        List<Lab> pooled = store.pooled();
        assertEquals(1, pooled.size(), "un-poste's pool keeps one lab: " + pooled);
        Lab lab = pooled.get(0);
        if (lab.state() == LabState.POOLED) return lab;
        await(() -> lab.plan().nodes().stream().allMatch(n -> hypervisor.isRunning(n.domain())), "its domains run");
        await(() -> store.move(lab.id(), List.of(LabState.REQUESTED, LabState.PROVISIONING), LabState.POOLED,
                "test: the test driver restores nothing", "test") || store.find(lab.id()).orElseThrow().state() == LabState.POOLED,
                "it is POOLED");
        assertTrue(labs.awaitJobs(lab.id(), Duration.ofSeconds(60)), "its provisioning saw it leave PROVISIONING");
        return store.find(lab.id()).orElseThrow();
    }

    String request(String trainer, String template, String trainee, int status) {
        var response = given().auth().oauth2(Keycloak.token(trainer)).contentType(ContentType.JSON)
                .body("{\"templateId\": \"" + template + "\", \"trainee\": \"" + trainee + "\"}").post("/api/labs")
                .then().statusCode(status).extract();
        if (status != 201) return response.path("error");
        String id = response.path("id");
        created.add(id);
        return id;
    }

    static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "waited 60 s for: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void awaitGone(Lab lab) {
        labs.awaitJobs(lab.id(), Duration.ofSeconds(30));
        Inventory inventory = hypervisor.inventory();
        for (LabPlan.Node node : lab.plan().nodes()) {
            assertFalse(inventory.domains().contains(node.domain()), node.domain() + " is left");
            assertFalse(inventory.volumes().contains(node.volume()), node.volume() + " is left");
        }
    }

    @Test
    @Order(1)
    void aTemplatesPoolKeepsItsLabWaitingCountedInTheLimitsAndHiddenFromEveryone() {
        Lab pooled = waitingPooledLab();
        assertEquals("", pooled.trainee(), "no trainee until claimed");
        assertTrue(store.powered(pooled.id()), "its machines run and count in the host's limits");
        given().auth().oauth2(Keycloak.token("admin")).get("/api/labs/" + pooled.id()).then().statusCode(404);
        List<String> listed = given().auth().oauth2(Keycloak.token("admin")).get("/api/labs").then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertFalse(listed.contains(pooled.id().toString()), "no one lists a pooled lab, not even an admin");
        assertEquals(List.of(), pools.apply().create(), "the pool is full: nothing more asked");
        given().auth().oauth2(Keycloak.token("admin")).get("/api/admin/pools").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].templateId", org.hamcrest.Matchers.equalTo(POOLED_TEMPLATE))
                .body("[0].setting", org.hamcrest.Matchers.equalTo("ATELIER_POOL_UN_POSTE"))
                .body("[0].wanted", org.hamcrest.Matchers.equalTo(1))
                .body("[0].waiting", org.hamcrest.Matchers.equalTo(1))
                .body("[0].warming", org.hamcrest.Matchers.equalTo(0));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/admin/pools").then().statusCode(403);
    }

    @Test
    @Order(2)
    void aClaimedLabIsTheTraineesAloneWithTheirNameInItsScriptsAndThePoolAsksForAnother() {
        Lab pooled = waitingPooledLab();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> request("formateur1", POOLED_TEMPLATE, "stagiaire1", 201));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> request("formateur1", POOLED_TEMPLATE, "stagiaire2", 201));
        Set<String> ids = Set.of(first.join(), second.join());
        assertEquals(2, ids.size(), "two requests, two labs");
        assertTrue(ids.contains(pooled.id().toString()), "one of them claimed the pooled lab: " + ids);

        Lab claimed = store.find(pooled.id()).orElseThrow();
        String trainee = claimed.trainee();
        String other = trainee.equals("stagiaire1") ? "stagiaire2" : "stagiaire1";
        assertTrue(Set.of("stagiaire1", "stagiaire2").contains(trainee), trainee);
        assertEquals("formateur1", claimed.createdBy());
        assertTrue(claimed.createdAt().isAfter(pooled.createdAt()), "created, for its trainee, when claimed");
        assertEquals(pooled.plan().nodes().get(0).managementIp(), claimed.plan().nodes().get(0).managementIp(),
                "the same machine, where it was");
        String word = claimed.parameters().get("mot");
        assertTrue(claimed.plan().nodes().get(0).setupScript().contains(word + " pour " + trainee),
                "its setup script names its trainee: " + claimed.plan().nodes().get(0).setupScript());
        given().auth().oauth2(Keycloak.token(trainee)).get("/api/labs/" + claimed.id()).then().statusCode(200);
        given().auth().oauth2(Keycloak.token(other)).get("/api/labs/" + claimed.id()).then().statusCode(404);

        labs.delete(claimed.id(), "test", Duration.ofSeconds(30)); // it never gets READY here: the pool refills once it is gone
        await(() -> !store.pooled().isEmpty(), "the pool refills after the claim");
        List<Lab> next = store.pooled();
        assertEquals(1, next.size(), "the pool asked for a lab in place of the claimed one: " + next);
        assertNotEquals(claimed.id(), next.get(0).id());
    }

    @Test
    @Order(3)
    void anUnclaimedPooledLabIsRemovedWhenItsImagesAreRebuiltOrItsTemplateChanges() throws Exception {
        Lab pooled = waitingPooledLab();
        // As after ./atelier images build: the pool's row names an image build that is no longer the current one.
        sql("update pool_lab set images = 'debian-base@an-earlier-build' where lab_id = ?", pooled.id());
        pools.apply();
        assertEquals(LabState.DESTROYED, store.find(pooled.id()).orElseThrow().state());
        awaitGone(pooled);

        Lab next = waitingPooledLab();
        assertNotEquals(pooled.id(), next.id(), "another lab, of the current images");
        // As after an edit of the template: the lab was made from another revision than the catalog's.
        sql("update lab set template_hash = 'an-earlier-revision' where id = ?", next.id());
        pools.apply();
        assertEquals(LabState.DESTROYED, store.find(next.id()).orElseThrow().state());
        awaitGone(next);
    }

    @Test
    @Order(4)
    void aRequestTheHostCouldNotHoldOtherwiseTakesTheRoomOfThePooledLab() {
        Lab pooled = waitingPooledLab();
        request("formateur1", "deux-postes", "stagiaire1", 201);
        request("formateur1", "deux-postes", "stagiaire2", 201);
        request("formateur1", "deux-postes", "stagiaire3", 201); // 2 labs + the pooled one were the host's 3
        assertEquals(LabState.DESTROYED, store.find(pooled.id()).orElseThrow().state(), "the pooled lab gave way");
        awaitGone(pooled);
        assertEquals(List.of(), pools.apply().create(), "the host is full: the pool waits for room");
        String refused = request("formateur1", "deux-postes", "stagiaire4", 409);
        assertTrue(refused.contains("atelier.labs.max-running"), refused);
    }

    @Test
    @Order(5)
    void aPooledLabWhoseMachinesVanishedFailsAndIsRemovedLeavingNothing() {
        Lab pooled = waitingPooledLab();
        LabPlan.Node node = pooled.plan().nodes().get(0);
        hypervisor.removeDomain(node.domain(), hypervisor.consoleLog(node.domain()));
        reconciler.reconcile();
        assertEquals(LabState.FAILED, store.find(pooled.id()).orElseThrow().state());
        pools.apply();
        assertEquals(LabState.DESTROYED, store.find(pooled.id()).orElseThrow().state());
        awaitGone(pooled);
    }

    void sql(String statement, UUID lab) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setObject(1, lab);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
