package io.atelier.template;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.TestFiles;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An administrator reloads the templates after an author edited them: a mistake is reported
 * and the class keeps the last valid revision; a fixed template replaces it and its new
 * revision is recorded.
 */
@QuarkusTest
@TestProfile(TemplateReloadTest.CopiedTemplates.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class TemplateReloadTest {

    static final Path COPY = Path.of("target", "test-data", "reload-templates");

    /** The server reads a copy of lab-templates that the test may edit. */
    public static class CopiedTemplates implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestFiles.copyTree(Path.of("lab-templates"), COPY);
            return Map.of("atelier.templates.dir", COPY.toString());
        }
    }

    @Test
    void aBrokenEditKeepsTheLastValidRevisionAndAFixedOneReplacesIt() throws IOException {
        String admin = Keycloak.token("admin");
        given().auth().oauth2(admin).get("/api/admin/templates").then().statusCode(200)
                .body("templates", hasItem("pare-feu-nftables"))
                .body("problems", empty());

        Path yaml = COPY.resolve("pare-feu-nftables/template.yaml");
        String original = Files.readString(yaml);
        Files.writeString(yaml, original.replace("{network: wan, ip: 203.0.113.10/24}", "{network: internet, ip: 203.0.113.10/24}"));
        given().auth().oauth2(admin).post("/api/admin/templates/reload").then().statusCode(200)
                .body("templates", hasItem("pare-feu-nftables"))
                .body("problems", hasSize(1))
                .body("problems[0].path", equalTo("$.nodes[2].nics[0].network"))
                .body("problems[0].file", startsWith(COPY.toString()))
                .body("problems[0].message", startsWith("unknown network 'internet'"));
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/templates/pare-feu-nftables").then().statusCode(200)
                .body("nodes.find { it.name == 'web' }.nics[0].network", equalTo("wan"));

        int version = ShippedVersions.of("pare-feu-nftables");
        Files.writeString(yaml, original.replace("\nversion: " + version + "\n", "\nversion: " + (version + 1) + "\n")
                .replace("Filtrer le trafic d'une PME avec un pare-feu nftables", "Filtrer le trafic avec nftables"));
        given().auth().oauth2(admin).post("/api/admin/templates/reload").then().statusCode(200).body("problems", empty());
        given().auth().oauth2(Keycloak.token("stagiaire1")).get("/api/templates/pare-feu-nftables").then().statusCode(200)
                .body("summary.title.fr", equalTo("Filtrer le trafic avec nftables"))
                .body("summary.version", equalTo(version + 1));
        given().auth().oauth2(Keycloak.token("formateur1")).get("/api/templates/pare-feu-nftables/revisions").then().statusCode(200)
                .body("version", contains(version + 1, version))
                .body("current", contains(true, false));
    }
}
