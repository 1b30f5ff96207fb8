package io.atelier.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.atelier.security.SecretBox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A lab's SSH private key and its trainee's password are sealed in the database (a copy of
 * the lab table reveals neither), the API still gives the password to those who need it and
 * not to validators, and rows stored in clear by an earlier version are sealed at start.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class LabSecretsTest {

    @Inject
    DataSource db;

    @Inject
    LabStore store;

    /** The lab row as a person with a copy of the database reads it: every column, as text. */
    String rawRow(String id) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select row_to_json(lab)::text from lab where id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "lab " + id + " is stored");
                return rs.getString(1);
            }
        }
    }

    String column(String id, String column) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + column + " from lab where id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static String password(String caller, String id) {
        return given().auth().oauth2(Keycloak.token(caller)).get("/api/labs/" + id).then().statusCode(200)
                .extract().path("credentials.password");
    }

    @Test
    void theLabRowHoldsNeitherTheKeyNorThePasswordAndValidatorsDoNotReceiveThePassword() throws Exception {
        String id = LabApiTest.createLab("formateur1", "deux-postes", "stagiaire1");
        String password = password("stagiaire1", id);
        assertTrue(password != null && password.length() >= 8, "the trainee receives their password: " + password);
        Lab lab = store.find(UUID.fromString(id)).orElseThrow();
        assertEquals(password, lab.traineePassword(), "the store opens what it sealed");
        assertTrue(lab.sshPrivateKey().startsWith("-----BEGIN"), "the platform still has the key it logs in with");
        String keyBody = lab.sshPrivateKey().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

        String row = rawRow(id);
        assertFalse(row.contains(password), "the trainee's password is not readable in the lab row: " + row);
        assertFalse(row.contains("PRIVATE KEY") || row.contains(keyBody), "the SSH private key is not readable in the lab row");
        assertTrue(column(id, "trainee_password").startsWith(SecretBox.PREFIX));
        assertTrue(column(id, "ssh_private_key").startsWith(SecretBox.PREFIX));

        assertEquals(password, password("formateur1", id), "the trainer who launched the lab receives it");
        assertEquals(password, password("admin", id), "admins receive it");
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs/" + id).then().statusCode(200)
                .body("credentials.user", equalTo("stagiaire1"))
                .body("credentials.password", nullValue());
        given().auth().oauth2(Keycloak.token("validateur1")).get("/api/labs").then().statusCode(200)
                .body("id", hasItem(id))
                .body("credentials.user", everyItem(notNullValue()))
                .body("credentials.password", everyItem(nullValue()));
        given().auth().oauth2(Keycloak.token("admin")).get("/api/labs").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.credentials.password", equalTo(password));
    }

    @Test
    void aLabStoredInClearByAnEarlierVersionIsSealedAtStartOnce() throws Exception {
        String id = LabApiTest.createLab("formateur1", "deux-postes", "stagiaire2");
        String plainKey = "-----BEGIN EC PRIVATE KEY-----\nTUlJQ2VhcmxpZXJ2ZXJzaW9u\n-----END EC PRIVATE KEY-----\n";
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update lab set trainee_password = 'Clair-Pa55', ssh_private_key = ? where id = ?::uuid")) {
            ps.setString(1, plainKey);
            ps.setString(2, id);
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals("Clair-Pa55", password("stagiaire2", id), "a row in clear still reads (as before sealing existed)");

        assertTrue(store.sealPlaintextSecrets() >= 1, "the start-up step seals it");
        String row = rawRow(id);
        assertFalse(row.contains("Clair-Pa55") || row.contains("TUlJQ2VhcmxpZXJ2ZXJzaW9u"), "nothing in clear is left: " + row);
        String sealedPassword = column(id, "trainee_password");
        String sealedKey = column(id, "ssh_private_key");
        assertTrue(sealedPassword.startsWith(SecretBox.PREFIX) && sealedKey.startsWith(SecretBox.PREFIX));
        assertEquals("Clair-Pa55", password("stagiaire2", id), "the trainee still receives the same password");
        assertEquals(plainKey, store.find(UUID.fromString(id)).orElseThrow().sshPrivateKey());

        assertEquals(0, store.sealPlaintextSecrets(), "a second run finds nothing left in clear");
        assertEquals(sealedPassword, column(id, "trainee_password"), "and leaves sealed values as they are");
        assertEquals(sealedKey, column(id, "ssh_private_key"));
    }
}
