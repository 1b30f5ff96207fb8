package io.atelier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * In the real Chromium of the machine (Debian's chromium and chromium-driver), a trainee
 * logs in on Keycloak's page and lands on the catalog, in French. The screenshot is kept in
 * target/screenshots/.
 */
@QuarkusTest
@TestProfile(CatalogBrowserTest.WithWebInterface.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class CatalogBrowserTest {

    /**
     * Quinoa builds and serves frontend/ (it is off in other tests, for speed), after running
     * the interface's own unit tests ({@code npm test}, Vitest): a failing one fails this class.
     */
    public static class WithWebInterface implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.quinoa", "true", "quarkus.quinoa.run-tests", "true");
        }
    }

    @TestHTTPResource("/")
    URL root;

    Chromium chromium;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openChromium() throws java.io.IOException {
        chromium = Chromium.open("1280,1000");
        browser = chromium.browser;
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeChromium() throws java.io.IOException {
        if (chromium != null) chromium.close();
    }

    @Test
    void aTraineeLogsInOnKeycloakAndSeesTheCatalogInFrench() throws Exception {
        browser.get(root.toString());

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(browser.getCurrentUrl().startsWith(Keycloak.url() + "/realms/atelier/"), browser.getCurrentUrl());
        chromium.logIn("stagiaire1");

        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Catalogue des ateliers"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//article//h2[normalize-space()=\"Filtrer le trafic d'une PME avec un pare-feu nftables\"]")));
        String page = browser.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Bloquer l'accès aux sites internet indiqués"), "the criteria covered are listed");
        assertTrue(page.contains("1 h 30"), "the duration is written the French way");
        assertEquals("fr", browser.findElement(By.tagName("html")).getDomAttribute("lang"));

        String navigation = browser.findElement(By.tagName("nav")).getText();
        assertTrue(navigation.contains("Mes ateliers"), navigation);
        assertFalse(navigation.contains("Administration"), "a trainee is not offered the administration: " + navigation);

        Path screenshots = Path.of("target", "screenshots");
        chromium.screenshot(screenshots.resolve("catalogue-stagiaire1.png"));

        // A deep link (bookmark, reload) opens the template page, with its tasks and never a command.
        browser.get(root.toString() + "modeles/pare-feu-nftables");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Filtrer le trafic d'une PME avec un pare-feu nftables"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Bloquer l'accès au site"));
        String detail = browser.findElement(By.tagName("main")).getText();
        assertFalse(detail.contains("nft list ruleset"), "no check command on the trainee's page");
        chromium.screenshot(screenshots.resolve("modele-stagiaire1.png"));
    }

    @Test
    void anUnknownApiPathIsAJson404NotTheWebInterface() {
        io.restassured.RestAssured.given().accept("text/html").get("/api/inexistant")
                .then().statusCode(404).contentType(org.hamcrest.Matchers.containsString("json"));
    }
}
