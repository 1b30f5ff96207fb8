package io.atelier.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's real Chromium (Debian's chromium and chromium-driver, installed by
 * {@code ./atelier test}), headless, in French, with a fresh empty profile that is deleted
 * when it closes.
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
