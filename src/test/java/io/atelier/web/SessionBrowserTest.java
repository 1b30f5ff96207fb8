package io.atelier.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.RealLabs;
import io.atelier.security.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A two-trainee session end to end in Chromium, each person through the Keycloak login: the
 * trainer creates it, gives stagiaire2 the tiers temps, waits for both labs and starts it;
 * each trainee sees their own countdown; stagiaire1 verifies and the trainer's grid shows it
 * by itself; the trainer ends the session and the validator finds both grids.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.RealLabWithWebInterface.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class SessionBrowserTest {

    @TestHTTPResource("/")
    URL root;

    final List<Chromium> opened = new ArrayList<>();

    /** A new browser (its own profile) logged in as {@code user} on {@code path}. */
    WebDriver as(String user, String path) throws Exception {
        Chromium chromium = Chromium.open("1280,1400");
        opened.add(chromium);
        WebDriver browser = chromium.browser;
        browser.get(root + path);
        chromium.logIn(user);
        return browser;
    }

    /** The Chromium showing {@code browser}. */
    Chromium of(WebDriver browser) {
        return opened.stream().filter(c -> c.browser == browser).findFirst().orElseThrow();
    }

    static WebDriverWait waiting(WebDriver browser, Duration d) {
        return new WebDriverWait(browser, d);
    }

    /** The form field whose label says {@code label}. */
    static By field(WebDriver browser, String label) {
        String id = browser.findElement(By.xpath("//label[normalize-space()=\"" + label + "\"]")).getDomAttribute("for");
        return By.id(id);
    }

    static By row(String trainee) {
        return By.xpath("//tr[th/code[normalize-space()='" + trainee + "']]");
    }

    static By button(String text) {
        return By.xpath("//button[normalize-space()=\"" + text + "\"]");
    }

    /** The minutes part of a countdown such as 39:58 or 0:39:58. */
    static int minutesLeft(String text) {
        var m = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{2})").matcher(text);
        assertTrue(m.find(), "no countdown in '" + text + "'");
        return (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 60) + Integer.parseInt(m.group(2));
    }

    @Test
    void aTrainerRunsATwoTraineeSessionAndTheValidatorFindsBothGrids() throws Exception {
        List<String> labs = new ArrayList<>();
        try {
            WebDriver trainer = as("formateur1", "sessions/nouvelle");
            WebDriverWait wait = waiting(trainer, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.visibilityOfElementLocated(button("Créer la session")));
            Chromium trainerChromium = of(trainer);
            new Select(trainer.findElement(field(trainer, "Modèle d’atelier"))).selectByValue("un-poste");
            trainerChromium.type(trainer.findElement(field(trainer, "Stagiaires")), "stagiaire1", Keys.ENTER, "stagiaire2");
            trainerChromium.replace(trainer.findElement(field(trainer, "Durée (minutes)")), "30");
            trainer.findElement(By.cssSelector("input[type='radio'][value='entrainement']")).click();
            trainer.findElement(button("Créer la session")).click();
            wait.until(ExpectedConditions.urlMatches("/sessions/[0-9a-f-]{36}$"));
            String session = trainer.getCurrentUrl().replaceFirst(".*/sessions/", "");
            JsonPath created = given().baseUri(root.toString()).auth().oauth2(Keycloak.token("formateur1"))
                    .get("/api/sessions/" + session).then().statusCode(200).extract().jsonPath();
            String lab1 = created.getString("trainees.find { it.trainee == 'stagiaire1' }.labId");
            String lab2 = created.getString("trainees.find { it.trainee == 'stagiaire2' }.labId");
            labs.add(lab1);
            labs.add(lab2);

            By tiersTemps2 = By.xpath("//tr[th/code[normalize-space()='stagiaire2']]//button[@aria-pressed]");
            wait.until(ExpectedConditions.elementToBeClickable(tiersTemps2)).click();
            wait.until(ExpectedConditions.attributeToBe(tiersTemps2, "aria-pressed", "true"));
            // "0 atelier prêt sur 2" while they boot, then both rows say Prêt
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "prêt"));
            waiting(trainer, RealLabs.READY_WITHIN).until(b -> b.findElements(By.cssSelector("tr .state-ready")).size() == 2);
            trainer.findElement(button("Démarrer")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Démarrée le"));
            wait.until(b -> b.findElement(row("stagiaire1")).getText().matches("(?s).*\\d+:\\d{2}.*"));
            int grid1 = minutesLeft(trainer.findElement(row("stagiaire1")).getText());
            int grid2 = minutesLeft(trainer.findElement(row("stagiaire2")).getText());
            assertTrue(grid1 >= 29 && grid1 <= 30, "stagiaire1 has 30 min: " + grid1);
            assertTrue(grid2 >= 39 && grid2 <= 40, "stagiaire2 has 30 min + a third: " + grid2);

            // stagiaire1 sees their countdown, verifies; the trainer's grid shows it by itself
            WebDriver trainee1 = as("stagiaire1", "ateliers/" + lab1);
            WebDriverWait wait1 = waiting(trainee1, Duration.ofSeconds(60));
            By timer = By.cssSelector("[role='timer']");
            wait1.until(ExpectedConditions.visibilityOfElementLocated(timer));
            int own1 = minutesLeft(trainee1.findElement(timer).getText());
            assertTrue(own1 >= 28 && own1 <= 30, "stagiaire1's countdown: " + trainee1.findElement(timer).getText());
            wait1.until(ExpectedConditions.elementToBeClickable(button("Vérifier"))).click();
            wait1.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "1 tâche sur 1 réussie"));
            long verified = System.nanoTime();
            // The trainer's grid shows it by itself (no reload): the session's event stream.
            wait.until(ExpectedConditions.textToBePresentInElementLocated(row("stagiaire1"), "1/1"));
            System.out.printf("session (browser): the trainer's grid showed the verification %d ms after the trainee saw it%n",
                    (System.nanoTime() - verified) / 1_000_000);

            WebDriver trainee2 = as("stagiaire2", "ateliers/" + lab2);
            waiting(trainee2, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(timer));
            int own2 = minutesLeft(trainee2.findElement(timer).getText());
            assertTrue(own2 >= 38 && own2 <= 40, "stagiaire2's countdown: " + trainee2.findElement(timer).getText());
            Path artifacts = Files.createDirectories(Path.of("target", "artifacts"));
            opened.get(2).screenshot(artifacts.resolve("session-stagiaire2-countdown.png"));

            // the trainer ends the session: both labs are submitted and graded
            wait.until(ExpectedConditions.elementToBeClickable(button("Terminer la session"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[@role='alertdialog']//button[normalize-space()='Terminer la session']"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "La session est terminée."));
            opened.get(0).screenshot(artifacts.resolve("session-grid-formateur1.png"));

            // the end gives every open lab its deadline now: the grading sweep submits and grades them,
            // and the trainer's grid shows both labs "Noté" by itself
            for (String trainee : List.of("stagiaire1", "stagiaire2")) {
                waiting(trainer, Duration.ofMinutes(2)).until(ExpectedConditions.textToBePresentInElementLocated(row(trainee), "Noté"));
            }
            WebDriver validator = as("validateur1", "ateliers/" + lab1);
            for (String lab : List.of(lab1, lab2)) {
                if (lab.equals(lab2)) validator.get(root + "ateliers/" + lab);
                waiting(validator, Duration.ofSeconds(120)).until(ExpectedConditions.visibilityOfElementLocated(
                        button("Grille imprimable (HTML)")));
                assertTrue(validator.findElement(By.tagName("main")).getText().contains("critère acquis sur 1"),
                        "the validator sees the result of lab " + lab);
                // once the session's banner is there (the page drew again): the tasks once, nothing to act with
                waiting(validator, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.tagName("main"), "La session est terminée."));
                assertEquals(1, validator.findElements(By.xpath("//h2[normalize-space()='Tâches et progression']")).size(),
                        "the validator sees the tasks once on lab " + lab);
                for (String action : List.of("Arrêter", "Démarrer", "Réinitialiser", "Supprimer", "Vérifier")) {
                    assertTrue(validator.findElements(button(action)).isEmpty(), "no " + action + " for a validator");
                }
            }
            opened.get(3).screenshot(artifacts.resolve("session-validator-grid.png"));
        } catch (RuntimeException | AssertionError e) {
            Path artifacts = Files.createDirectories(Path.of("target", "artifacts"));
            for (int i = 0; i < opened.size(); i++) {
                opened.get(i).screenshot(artifacts.resolve("session-failure-" + i + ".png"));
                Files.writeString(artifacts.resolve("session-failure-" + i + ".html"), opened.get(i).browser.getPageSource());
            }
            throw e;
        } finally {
            for (Chromium c : opened) c.close();
            for (String lab : labs) {
                given().baseUri(root.toString()).auth().oauth2(Keycloak.token("formateur1")).delete("/api/labs/" + lab);
            }
            for (String lab : labs) RealLabs.awaitState(root::toString, lab, Duration.ofMinutes(3), "DESTROYED");
        }
    }
}
