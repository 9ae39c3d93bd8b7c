package io.batchcall.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (no driver or browser download).
 * Without them the browser tests are skipped with a line saying how to install them, unless
 * {@code BATCHCALL_REQUIRE_BROWSER=1} (set by {@code .ci/run}, which installs both), where they fail.
 */
final class Browser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static ChromeDriver start(Path profile) {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            String message = CHROMIUM + " and " + DRIVER + " are needed for the dashboard tests: apt-get install chromium chromium-driver";
            if ("1".equals(System.getenv("BATCHCALL_REQUIRE_BROWSER"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
