package io.atelier.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.RealLabProfile;
import io.atelier.lab.RealLabs;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A trainee works on a real TCG VM from Chromium: logs in through Keycloak, opens their lab,
 * sees the VM's screen in the Guacamole display (guacamole-common-js 1.6.0 served by the
 * platform, through the tunnel and the embedded gateway), then types a command in the SSH
 * terminal (xterm.js) and reads its output. Screenshots are kept in target/artifacts/.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.RealLabWithWebInterface.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ConsoleBrowserTest {

    /** Real labs, and the web interface built by Quinoa (its Vitest tests run in CatalogBrowserTest). */
    public static class RealLabWithWebInterface extends RealLabProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("quarkus.quinoa", "true");
            config.put("quarkus.http.test-host", "localhost");
            config.put("quarkus.http.host", "localhost");
            return config;
        }
    }

    @TestHTTPResource("/")
    URL root;

    Chromium chromium;
    WebDriver browser;

    @BeforeEach
    void openChromium() throws Exception {
        chromium = Chromium.open("1280,1200");
        browser = chromium.browser;
    }

    @AfterEach
    void closeChromium() throws Exception {
        if (chromium != null) chromium.close();
    }

    /**
     * Lit pixels on the canvases of the Guacamole display (every 3rd pixel sampled): a text
     * login prompt has hundreds, a black screen with a cursor a handful.
     */
    static final String LIT_PIXELS = """
            let lit = 0;
            for (const c of document.querySelectorAll('[data-testid="guac-display"] canvas')) {
              if (!c.width || !c.height) continue;
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 0; i < d.length; i += 4 * 3) if (d[i+3] > 0 && d[i] + d[i+1] + d[i+2] > 300) lit++;
            }
            return lit;""";

    /** The canvases of the display and their sizes, for a failure message. */
    static final String CANVASES = """
            return Array.from(document.querySelectorAll('[data-testid="guac-display"] canvas'))
              .map(c => c.width + 'x' + c.height + '@z' + c.style.zIndex).join(' ');""";

    JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    /** The text of the xterm.js rows (its DOM renderer), lines joined. */
    static String terminalText(JavascriptExecutor js) {
        Object text = js.executeScript(
                "const rows = document.querySelector(\"[data-testid='terminal'] .xterm-rows\");"
                        + "return rows ? Array.from(rows.children).map(r => r.textContent).join('\\n') : '';");
        return text == null ? "" : text.toString();
    }

    void screenshot(Path file) throws java.io.IOException {
        chromium.screenshot(file);
    }

    @Test
    void aTraineeSeesTheVmScreenTypesInTheTerminalVerifiesAndSubmits() throws Exception {
        String lab = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        try {
            RealLabs.awaitState(root::toString, lab, RealLabs.READY_WITHIN, "READY");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(root + "ateliers/" + lab);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            browser.findElement(By.id("username")).sendKeys("stagiaire1");
            browser.findElement(By.id("password")).sendKeys("stagiaire1");
            browser.findElement(By.id("kc-login")).click();
            // Start on the SSH tab, so that the click on the screen tab below is what opens the display.
            By sshTab = By.xpath("//button[@role='tab' and normalize-space()='poste — SSH']");
            wait.until(ExpectedConditions.elementToBeClickable(sshTab)).click();
            By terminal = By.cssSelector("[data-testid='terminal'] .xterm-rows");
            // xterm.js draws only while the terminal is on screen (as a user would look at it)
            js().executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='terminal']"))));
            wait.until(b -> terminalText(js()).contains("$"));
            browser.findElement(By.cssSelector("[data-testid='terminal'] textarea")).sendKeys("echo navigateur-$((6*7))" + Keys.ENTER);
            wait.until(b -> terminalText(js()).contains("navigateur-42"));
            Path artifacts = Files.createDirectories(Path.of("target", "artifacts"));
            screenshot(artifacts.resolve("console-ssh-stagiaire1.png"));
            assertTrue(browser.findElement(terminal).getText().contains("navigateur-42"), "the output is on screen");

            By screenTab = By.xpath("//button[@role='tab' and normalize-space()='poste — Écran']");
            long clicked = System.nanoTime();
            browser.findElement(screenTab).click();
            try {
                wait.until(b -> ((Number) js().executeScript(LIT_PIXELS)).intValue() > 100);
            } catch (RuntimeException e) {
                throw new AssertionError("no text on the VM screen: " + js().executeScript(LIT_PIXELS) + " lit pixels on "
                        + js().executeScript(CANVASES), e);
            }
            js().executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    browser.findElement(By.cssSelector("[data-testid='guac-display']")));
            System.out.printf("console (browser): VM screen drawn %d ms after the click%n",
                    (System.nanoTime() - clicked) / 1_000_000);
            screenshot(artifacts.resolve("console-vnc-stagiaire1.png"));

            // Vérifier: the setup wrote the word, so the one task passes; then Rendre, confirmed.
            By verify = By.xpath("//button[normalize-space()='Vérifier']");
            js().executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(verify));
            browser.findElement(verify).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "1 tâche sur 1 réussie"));
            assertFalse(browser.getPageSource().contains("/etc/atelier-mot"), "the page shows no check command");
            browser.findElement(By.xpath("//button[normalize-space()='Rendre mon travail']")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@role='alertdialog']//button[normalize-space()='Rendre']")))
                    .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "1 critère acquis sur 1"));
            screenshot(artifacts.resolve("progress-submitted-stagiaire1.png"));
            given().baseUri(root.toString()).auth().oauth2(Keycloak.token("stagiaire1")).get("/api/labs/" + lab).then()
                    .body("state", equalTo("GRADED"));
        } catch (RuntimeException | AssertionError e) {
            Path artifacts = Files.createDirectories(Path.of("target", "artifacts"));
            screenshot(artifacts.resolve("console-failure.png"));
            Files.writeString(artifacts.resolve("console-failure.html"), browser.getPageSource());
            throw e;
        } finally {
            given().baseUri(root.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + lab)
                    .then().statusCode(204);
        }
    }
}
