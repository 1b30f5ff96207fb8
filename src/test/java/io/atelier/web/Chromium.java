package io.atelier.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's real Chromium (Debian's chromium and chromium-driver, installed by
 * {@code ./atelier test}), headless, in French, with a fresh empty profile that is deleted
 * when it closes. Its helpers act as a person does: click what a person clicks, then type
 * with the keyboard into whatever has the focus (never into an element by its handle, which
 * may be hidden: xterm.js's textarea is), and look at what is on screen.
 */
final class Chromium implements AutoCloseable {

    final WebDriver browser;
    private final ChromeDriverService service;
    private final Path profile;

    private Chromium(WebDriver browser, ChromeDriverService service, Path profile) {
        this.browser = browser;
        this.service = service;
        this.profile = profile;
    }

    static Chromium open(String windowSize) throws IOException {
        Path profile = Files.createTempDirectory("atelier-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=" + windowSize, "--lang=fr-FR", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options), service, profile);
    }

    /** Types on the keyboard, into the element that has the focus (as a person's keystrokes go). */
    void typeKeys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** Clicks a field (the browser scrolls it into view first), then types into it. */
    void type(WebElement field, CharSequence... keys) {
        field.click();
        typeKeys(keys);
    }

    /** Clicks a field, selects what it holds (Ctrl+A) and types over it. */
    void replace(WebElement field, CharSequence text) {
        field.click();
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys(text).perform();
    }

    /** Scrolls the page with the mouse wheel until {@code element} is on screen, as a person scrolls down to it. */
    void scrollTo(WebElement element) {
        new Actions(browser).scrollToElement(element).perform();
    }

    /**
     * Logs in on Keycloak's page (where the platform sends a visitor who is not logged in): waits
     * for the form, then clicks each field, types, and clicks "Se connecter". The password is the
     * demo accounts' one, the user name.
     */
    void logIn(String user) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        type(wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))), user);
        type(browser.findElement(By.id("password")), user);
        browser.findElement(By.id("kc-login")).click();
    }

    /** Saves what the browser shows now (test artifacts are kept under target/). */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        service.stop();
        io.atelier.TestFiles.deleteRecursively(profile);
    }
}
