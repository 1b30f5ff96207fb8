package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.atelier.security.Keycloak;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Labs on libvirt's test driver, whose VMs never boot: the test marks a lab READY once its domains run, and says so. */
public final class TestDriverLabs {

    private TestDriverLabs() {
    }

    /** Starts a lab of {@code template} for {@code trainee} as formateur1 and marks it READY. */
    public static String ready(LabStore labs, String template, String trainee) {
        String id = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"" + template + "\", \"trainee\": \"" + trainee + "\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        markReady(labs, id);
        return id;
    }

    /** Waits until the lab's domains run (still PROVISIONING), then moves it to READY. */
    public static void markReady(LabStore labs, String lab) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonPath l = given().auth().oauth2(Keycloak.token("admin")).get("/api/labs/" + lab).then().statusCode(200)
                    .extract().jsonPath();
            if (l.getString("state").equals("PROVISIONING") && !l.getList("nodes.running").contains(false)
                    && !l.getList("nodes.running").contains(null)) break;
            assertTrue(System.nanoTime() < until, "the test driver's domains did not start: " + l.prettify());
            RealLabs.pause(Duration.ofMillis(50));
        }
        assertTrue(labs.move(UUID.fromString(lab), List.of(LabState.PROVISIONING), LabState.READY,
                "test: the test driver boots nothing", "test"));
    }

    /** Waits until every VM of the lab runs (or none does). */
    public static void awaitRunning(String lab, boolean running) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Boolean> nodes = given().auth().oauth2(Keycloak.token("admin")).get("/api/labs/" + lab).then()
                    .statusCode(200).extract().jsonPath().getList("nodes.running");
            if (!nodes.isEmpty() && nodes.stream().allMatch(r -> r == running)) return;
            if (System.nanoTime() > until) throw new AssertionError("the VMs of lab " + lab + " are " + nodes + ", not all " + running);
            RealLabs.pause(Duration.ofMillis(100));
        }
    }
}
