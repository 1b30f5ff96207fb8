package io.atelier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    /** A fresh, empty Chromium profile (JUnit's @TempDir is not injected into Quarkus test instances). */
    Path profile;

    ChromeDriverService service;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openChromium() throws java.io.IOException {
        profile = Files.createTempDirectory("atelier-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=fr-FR", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeChromium() throws java.io.IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        io.atelier.TestFiles.deleteRecursively(profile);
    }

    @Test
    void aTraineeLogsInOnKeycloakAndSeesTheCatalogInFrench() throws Exception {
        browser.get(root.toString());

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(browser.getCurrentUrl().startsWith(Keycloak.url() + "/realms/atelier/"), browser.getCurrentUrl());
        browser.findElement(By.id("username")).sendKeys("stagiaire1");
        browser.findElement(By.id("password")).sendKeys("stagiaire1");
        browser.findElement(By.id("kc-login")).click();

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

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                screenshots.resolve("catalogue-stagiaire1.png"), StandardCopyOption.REPLACE_EXISTING);

        // A deep link (bookmark, reload) opens the template page, with its tasks and never a command.
        browser.get(root.toString() + "modeles/pare-feu-nftables");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Filtrer le trafic d'une PME avec un pare-feu nftables"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Bloquer l'accès au site"));
        String detail = browser.findElement(By.tagName("main")).getText();
        assertFalse(detail.contains("nft list ruleset"), "no check command on the trainee's page");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                screenshots.resolve("modele-stagiaire1.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anUnknownApiPathIsAJson404NotTheWebInterface() {
        io.restassured.RestAssured.given().accept("text/html").get("/api/inexistant")
                .then().statusCode(404).contentType(org.hamcrest.Matchers.containsString("json"));
    }
}
