package io.atelier.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what, with real Keycloak tokens: every endpoint of the API against every
 * role and an anonymous caller. The matrix must list every endpoint the OpenAPI document
 * shows, so a new endpoint cannot be added without deciding its roles here.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ApiSecurityTest {

    static final Set<String> EVERYONE = Set.of("stagiaire1", "formateur1", "validateur1", "admin");
    static final Set<String> STAFF = Set.of("formateur1", "validateur1", "admin");
    static final Set<String> ADMIN = Set.of("admin");
    /** Who may start and operate labs (validators only read them). */
    static final Set<String> LAB_OPERATORS = Set.of("stagiaire1", "formateur1", "admin");
    /** Who may set a lab's deadline: its trainer or an admin. */
    static final Set<String> LAB_STAFF = Set.of("formateur1", "admin");
    /** A lab id no one has: allowed callers get 404 (or 400 for an empty creation), the others 401/403. */
    static final String NO_LAB = "/api/labs/00000000-0000-0000-0000-000000000000";
    static final String NO_SESSION = "/api/sessions/00000000-0000-0000-0000-000000000000";
    static final Set<String> PUBLIC = Set.of("anonymous", "stagiaire1", "formateur1", "validateur1", "admin");
    static final List<String> CALLERS = List.of("anonymous", "stagiaire1", "formateur1", "validateur1", "admin");

    /** One endpoint: how to call it, its path in the OpenAPI document, who may, and what they get. */
    record Endpoint(String method, String url, String openApiPath, Set<String> allowed, int allowedStatus) {
        Endpoint(String method, String url, String openApiPath, Set<String> allowed) {
            this(method, url, openApiPath, allowed, 200);
        }

        String key() {
            return method + " " + openApiPath;
        }
    }

    static final List<Endpoint> MATRIX = List.of(
            new Endpoint("GET", "/api/config", "/api/config", PUBLIC),
            new Endpoint("GET", "/api/me", "/api/me", EVERYONE),
            new Endpoint("GET", "/api/referentiels", "/api/referentiels", EVERYONE),
            new Endpoint("GET", "/api/referentiels/tai", "/api/referentiels/{id}", EVERYONE),
            new Endpoint("GET", "/api/templates", "/api/templates", EVERYONE),
            new Endpoint("GET", "/api/templates/pare-feu-nftables", "/api/templates/{id}", EVERYONE),
            new Endpoint("GET", "/api/templates/pare-feu-nftables/source", "/api/templates/{id}/source", STAFF),
            new Endpoint("GET", "/api/templates/pare-feu-nftables/revisions", "/api/templates/{id}/revisions", STAFF),
            new Endpoint("GET", "/api/admin/templates", "/api/admin/templates", ADMIN),
            new Endpoint("POST", "/api/admin/templates/reload", "/api/admin/templates/reload", ADMIN),
            new Endpoint("GET", "/api/admin/pools", "/api/admin/pools", ADMIN),
            new Endpoint("POST", "/api/admin/proofs", "/api/admin/proofs", ADMIN, 400),
            new Endpoint("GET", "/api/admin/proofs/no-such-proof", "/api/admin/proofs/{id}", ADMIN, 404),
            new Endpoint("GET", "/api/labs", "/api/labs", EVERYONE),
            new Endpoint("POST", "/api/labs", "/api/labs", LAB_OPERATORS, 400),
            new Endpoint("GET", NO_LAB, "/api/labs/{id}", EVERYONE, 404),
            new Endpoint("DELETE", NO_LAB, "/api/labs/{id}", LAB_OPERATORS, 404),
            new Endpoint("POST", NO_LAB + "/stop", "/api/labs/{id}/stop", LAB_OPERATORS, 404),
            new Endpoint("POST", NO_LAB + "/start", "/api/labs/{id}/start", LAB_OPERATORS, 404),
            new Endpoint("POST", NO_LAB + "/reset", "/api/labs/{id}/reset", LAB_OPERATORS, 404),
            new Endpoint("POST", NO_LAB + "/consoles", "/api/labs/{id}/consoles", EVERYONE, 400),
            new Endpoint("GET", NO_LAB + "/session", "/api/labs/{id}/session", EVERYONE, 404),
            new Endpoint("GET", "/api/trainees", "/api/trainees", LAB_STAFF),
            new Endpoint("POST", "/api/sessions", "/api/sessions", LAB_STAFF, 400),
            new Endpoint("GET", "/api/sessions", "/api/sessions", STAFF),
            new Endpoint("GET", NO_SESSION, "/api/sessions/{id}", STAFF, 404),
            new Endpoint("GET", NO_SESSION + "/report", "/api/sessions/{id}/report", STAFF, 404),
            new Endpoint("GET", NO_SESSION + "/audit", "/api/sessions/{id}/audit", STAFF, 404),
            new Endpoint("GET", NO_SESSION + "/events", "/api/sessions/{id}/events", STAFF, 404),
            new Endpoint("POST", NO_SESSION + "/start", "/api/sessions/{id}/start", LAB_STAFF, 404),
            new Endpoint("POST", NO_SESSION + "/pause", "/api/sessions/{id}/pause", LAB_STAFF, 404),
            new Endpoint("POST", NO_SESSION + "/resume", "/api/sessions/{id}/resume", LAB_STAFF, 404),
            new Endpoint("POST", NO_SESSION + "/end", "/api/sessions/{id}/end", LAB_STAFF, 404),
            new Endpoint("POST", NO_SESSION + "/extend", "/api/sessions/{id}/extend", LAB_STAFF, 404),
            new Endpoint("PUT", NO_SESSION + "/trainees/stagiaire1/accommodation",
                    "/api/sessions/{id}/trainees/{user}/accommodation", LAB_STAFF, 404),
            new Endpoint("POST", NO_LAB + "/verifications", "/api/labs/{id}/verifications", LAB_OPERATORS, 404),
            new Endpoint("GET", NO_LAB + "/verifications/latest", "/api/labs/{id}/verifications/latest", EVERYONE, 404),
            new Endpoint("POST", NO_LAB + "/submission", "/api/labs/{id}/submission", LAB_OPERATORS, 404),
            new Endpoint("GET", NO_LAB + "/submission", "/api/labs/{id}/submission", EVERYONE, 404),
            new Endpoint("PUT", NO_LAB + "/deadline", "/api/labs/{id}/deadline", LAB_STAFF, 404),
            new Endpoint("GET", NO_LAB + "/report", "/api/labs/{id}/report", STAFF, 404),
            new Endpoint("PUT", NO_LAB + "/report/criteria/C17.bloquer-sites", "/api/labs/{id}/report/criteria/{criterion}",
                    STAFF, 404),
            new Endpoint("GET", NO_LAB + "/tasks/preparer/instructions", "/api/labs/{id}/tasks/{taskId}/instructions", EVERYONE, 404),
            new Endpoint("POST", NO_LAB + "/tasks/preparer/start", "/api/labs/{id}/tasks/{taskId}/start", LAB_OPERATORS, 404),
            new Endpoint("POST", NO_LAB + "/tasks/preparer/catch-up", "/api/labs/{id}/tasks/{taskId}/catch-up", LAB_STAFF, 404),
            new Endpoint("GET", NO_LAB + "/recordings", "/api/labs/{id}/recordings", EVERYONE, 404),
            new Endpoint("GET", NO_LAB + "/recordings/00000000-0000-0000-0000-000000000001",
                    "/api/labs/{id}/recordings/{recording}", EVERYONE, 404));

    static Stream<Arguments> everyEndpointForEveryCaller() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : MATRIX) {
            for (String caller : CALLERS) {
                int expected = e.allowed().contains(caller) ? e.allowedStatus() : caller.equals("anonymous") ? 401 : 403;
                cases.add(Arguments.of(e.method() + " " + e.url(), caller, expected, e));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("everyEndpointForEveryCaller")
    void roleMatrix(String name, String caller, int expected, Endpoint endpoint) {
        RequestSpecification request = given();
        if (endpoint.method().equals("POST") || endpoint.method().equals("PUT")) {
            request = request.contentType("application/json").body("{}");
        }
        if (!caller.equals("anonymous")) {
            request = request.auth().oauth2(Keycloak.token(caller));
        }
        request.when().request(endpoint.method(), endpoint.url()).then().statusCode(expected);
    }

    @Test
    void theMatrixCoversEveryEndpointOfTheApi() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Set<String> documented = new TreeSet<>();
        java.util.Map<String, java.util.Map<String, Object>> paths = openApi.getMap("paths");
        paths.forEach((path, operations) -> {
            if (path.startsWith("/api/")) {
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path));
            }
        });
        Set<String> inMatrix = new TreeSet<>(MATRIX.stream().map(Endpoint::key).toList());
        assertEquals(documented, inMatrix, "every API endpoint needs its row in the role matrix");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = Keycloak.token("stagiaire1");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"trainee\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];
        given().auth().oauth2(tampered).get("/api/admin/templates").then().statusCode(401);
        given().auth().oauth2(tampered).get("/api/templates").then().statusCode(401);
    }

    @Test
    void meTellsTheCallersRoles() {
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/me").then().statusCode(200)
                .body("username", org.hamcrest.Matchers.equalTo("formateur1"))
                .body("roles", org.hamcrest.Matchers.contains("trainer"));
    }
}
