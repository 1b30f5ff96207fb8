package io.atelier.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.LabTestProfile;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Console access on libvirt's test driver (its VMs never boot, so its labs never become
 * READY): who may ask for a console, what a bad request gets, and how the WebSocket
 * endpoints treat tickets — unknown, reused and expired ones are refused, a valid one is
 * taken (and then fails only because its lab does not exist), and no ticket reaches a log.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ConsoleApiTest {

    static final Duration WITHIN = Duration.ofSeconds(10);
    static final String REFUSED = "invalid, already used or expired";

    @TestHTTPResource("/")
    URL base;

    @Inject
    ConsoleTickets tickets;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLoggerName() + " " + record.getMessage() + " "
                    + (record.getParameters() == null ? "" : List.of(record.getParameters())));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("").removeHandler(capture);
    }

    static String createLab(String trainee) {
        return given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"" + trainee + "\"}")
                .post("/api/labs").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse ask(String caller, String lab, String body) {
        return given().auth().oauth2(Keycloak.token(caller)).contentType(ContentType.JSON).body(body)
                .post("/api/labs/" + lab + "/consoles").then();
    }

    @Test
    void anotherTraineeGetsNoTicketAndBadRequestsAreExplained() {
        String lab = createLab("stagiaire1");
        ask("stagiaire2", lab, "{\"node\": \"poste\", \"kind\": \"ssh\"}").statusCode(404);
        ask("stagiaire1", lab, "{\"node\": \"poste\", \"kind\": \"rdp\"}").statusCode(400)
                .body("error", containsString("expected vnc, serial or ssh"));
        ask("stagiaire1", lab, "{\"node\": \"poste\"}").statusCode(400).body("error", containsString("\"kind\""));
        ask("stagiaire1", lab, "not json").statusCode(400);
        ask("stagiaire1", lab, "{\"node\": \"absent\", \"kind\": \"ssh\"}").statusCode(404)
                .body("error", containsString("no machine absent"));
        ask("validateur1", lab, "{\"node\": \"poste\", \"kind\": \"ssh\", \"control\": true}").statusCode(403);
        // the test driver's VMs never boot: the lab is not READY, so no console opens
        ask("stagiaire1", lab, "{\"node\": \"poste\", \"kind\": \"ssh\"}").statusCode(409)
                .body("error", containsString("not READY"));
    }

    @Test
    void aTicketOpensOnceBeforeItExpiresAndNeverReachesTheLogs() throws Exception {
        ConsoleTicket ticket = tickets.issue(UUID.randomUUID(), "poste", ConsoleKind.SSH, "stagiaire1", false);
        try (ConsoleSocket first = ConsoleSocket.open(base.toString(), "/api/consoles/terminal?ticket=" + ticket.value())) {
            first.await("the ticket to be taken", WITHIN, s -> s.allText().contains("no longer exists"));
            assertFalse(first.allText().contains(REFUSED), "a fresh ticket is accepted: " + first.allText());
        }
        try (ConsoleSocket again = ConsoleSocket.open(base.toString(), "/api/consoles/terminal?ticket=" + ticket.value())) {
            again.await("a reused ticket to be refused", WITHIN, s -> s.allText().contains(REFUSED));
            assertEquals(1008, again.closeCode(WITHIN), "refused with policy violation");
        }
        ConsoleTicket expired = tickets.issue(UUID.randomUUID(), "poste", ConsoleKind.SERIAL, "stagiaire1", false,
                Duration.ZERO);
        try (ConsoleSocket late = ConsoleSocket.open(base.toString(), "/api/consoles/terminal?ticket=" + expired.value())) {
            late.await("an expired ticket to be refused", WITHIN, s -> s.allText().contains(REFUSED));
        }
        try (ConsoleSocket none = ConsoleSocket.open(base.toString(), "/api/consoles/terminal")) {
            none.await("no ticket to be refused", WITHIN, s -> s.allText().contains(REFUSED));
        }
        for (String line : logged) {
            assertFalse(line.contains(ticket.value()) || line.contains(expired.value()), "a ticket was logged: " + line);
        }
    }

    @Test
    void theDisplayTunnelRefusesABadTicketWithAGuacamoleError() throws Exception {
        ConsoleTicket terminalTicket = tickets.issue(UUID.randomUUID(), "poste", ConsoleKind.SSH, "stagiaire1", false);
        try (ConsoleSocket display = ConsoleSocket.open(base.toString(),
                "/api/consoles/display?ticket=" + terminalTicket.value(), "guacamole")) {
            display.await("an error instruction", WITHIN, s -> s.allText().startsWith("5.error,"));
            assertTrue(display.allText().endsWith(",3.769;"), "CLIENT_UNAUTHORIZED (0x0301): " + display.allText());
            assertEquals(1008, display.closeCode(WITHIN), "closed with the status's WebSocket code (policy violation)");
        }
        ConsoleTicket gone = tickets.issue(UUID.randomUUID(), "poste", ConsoleKind.VNC, "stagiaire1", false);
        try (ConsoleSocket display = ConsoleSocket.open(base.toString(), "/api/consoles/display?ticket=" + gone.value(),
                "guacamole")) {
            display.await("the lab to be missing", WITHIN, s -> s.allText().contains("no longer exists"));
        }
    }
}
