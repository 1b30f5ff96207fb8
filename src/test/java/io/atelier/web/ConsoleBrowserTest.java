package io.atelier.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
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
 * A trainee works on a real TCG VM from Chromium, as a person does: logs in through Keycloak,
 * opens their lab and waits for it to be ready, clicks into the SSH terminal (xterm.js) and
 * types a command, reads its output, then sees the VM's screen in the Guacamole display
 * (guacamole-common-js 1.6.0 served by the platform, through the tunnel and the embedded
 * gateway), verifies and hands in. Screenshots are kept in target/artifacts/.
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

    void screenshot(Path file) throws java.io.IOException {
        chromium.screenshot(file);
    }

    /**
     * {@code target} clickable, as the lab page shows it once the lab is READY (the page follows
     * the lab while its VMs boot); fails at once, with what the page says, when it shows the lab
     * FAILED.
     */
    static ExpectedCondition<WebElement> clickableUnlessTheLabFails(By target) {
        return b -> {
            if (!b.findElements(By.cssSelector(".lab-status .state-failed")).isEmpty()) {
                throw new AssertionError("the lab page shows the lab failed: " + b.findElement(By.tagName("main")).getText());
            }
            return ExpectedConditions.elementToBeClickable(target).apply(b);
        };
    }

    @Test
    void aTraineeSeesTheVmScreenTypesInTheTerminalVerifiesAndSubmits() throws Exception {
        String lab = given().auth().oauth2(Keycloak.token("formateur1")).contentType(ContentType.JSON)
                .body("{\"templateId\": \"un-poste\", \"trainee\": \"stagiaire1\"}").post("/api/labs")
                .then().statusCode(201).extract().path("id");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(root + "ateliers/" + lab);
            chromium.logIn("stagiaire1");
            // The trainee watches the lab page until the lab is ready and its consoles show, then
            // starts on the SSH tab, so that the click on the screen tab below is what opens the display.
            By sshTab = By.xpath("//button[@role='tab' and normalize-space()='poste — SSH']");
            new WebDriverWait(browser, RealLabs.READY_WITHIN).until(clickableUnlessTheLabFails(sshTab)).click();
            // xterm.js draws only while the terminal is on screen: the trainee scrolls down to it.
            WebElement terminal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='terminal']")));
            chromium.scrollTo(terminal);
            By rows = By.cssSelector("[data-testid='terminal'] .xterm-rows");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(rows, "$"));
            // Clicks into the terminal (its cursor turns solid: xterm.js marks itself focused), then types.
            terminal.click();
            wait.until(ExpectedConditions.attributeContains(By.cssSelector("[data-testid='terminal'] .xterm"), "class", "focus"));
            chromium.typeKeys("echo navigateur-$((6*7))", Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(rows, "navigateur-42"));
            Path artifacts = Files.createDirectories(Path.of("target", "artifacts"));
            screenshot(artifacts.resolve("console-ssh-stagiaire1.png"));

            By screenTab = By.xpath("//button[@role='tab' and normalize-space()='poste — Écran']");
            long clicked = System.nanoTime();
            browser.findElement(screenTab).click();
            chromium.scrollTo(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='guac-display']"))));
            // What the trainee waits for: text on the VM's screen (lit pixels on the display's canvases).
            try {
                wait.until(b -> ((Number) js().executeScript(LIT_PIXELS)).intValue() > 100);
            } catch (RuntimeException e) {
                throw new AssertionError("no text on the VM screen: " + js().executeScript(LIT_PIXELS) + " lit pixels on "
                        + js().executeScript(CANVASES), e);
            }
            System.out.printf("console (browser): VM screen drawn %d ms after the click%n",
                    (System.nanoTime() - clicked) / 1_000_000);
            screenshot(artifacts.resolve("console-vnc-stagiaire1.png"));

            // Vérifier: the setup wrote the word, so the one task passes; then Rendre, confirmed.
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Vérifier']"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "1 tâche sur 1 réussie"));
            assertFalse(browser.getPageSource().contains("/etc/atelier-mot"), "the page shows no check command");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Rendre mon travail']"))).click();
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
