package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * No VM starts without the host firewall: when it cannot be installed (here nft is a command
 * that fails, as on a host without nftables or without the rights), provisioning stops before
 * the first VM with the reason, and the lab is FAILED (libvirt's test driver).
 */
@QuarkusTest
@TestProfile(FirewallFirstTest.BrokenFirewall.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class FirewallFirstTest {

    public static class BrokenFirewall extends LabTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("atelier.hypervisor.firewall", "true");
            config.put("atelier.hypervisor.nft", "/bin/false");
            return config;
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    Hypervisor hypervisor;

    @Test
    void whenTheHostFirewallCannotBeAppliedTheLabFailsWithTheReasonAndNoVmStarts() {
        String lab = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        JsonPath failed = RealLabs.awaitState(base::toString, lab, java.time.Duration.ofSeconds(60), "FAILED");
        String reason = failed.getString("reason");
        assertTrue(reason.contains("no VM was started") && reason.contains("host firewall"), reason);
        assertFalse(hypervisor.exists("atelier-test-" + lab + "-poste"), "no VM was defined");
        given().auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + lab).then().statusCode(204);
    }
}
