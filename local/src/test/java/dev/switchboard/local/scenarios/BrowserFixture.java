package dev.switchboard.local.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the page scenarios (the quote page, the inbox): Debian's {@code chromium} and
 * {@code chromium-driver} (or {@code -Dswitchboard.chromium} / {@code -Dswitchboard.chromedriver}), a
 * throw-away profile, and screenshots kept under {@code local/target/<folder>/}. Without Chromium the tests
 * are skipped with the reason ({@link #assumeInstalled}), never failed.
 *
 * <pre>{@code
 * @BeforeAll static void start() { if (BrowserFixture.installed()) { chromium = BrowserFixture.start("quote-page", 900, 1300, false); } }
 * @BeforeEach void requireChromium() { BrowserFixture.assumeInstalled("the quote page browser test"); }
 * }</pre>
 *
 * @param profile     the browser's throw-away profile, deleted on {@link #close}
 * @param screenshots where {@link #screenshot} saves
 */
public record BrowserFixture(WebDriver browser, Path profile, Path screenshots) implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("switchboard.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver"));

    /** Whether Chromium and its driver are installed. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the test, saying why and how to install Chromium, when it is not installed. */
    public static void assumeInstalled(String test) {
        Assumptions.assumeTrue(installed(), "Headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): " + test + " is skipped. Install it with: apt-get install -y chromium chromium-driver");
    }

    /**
     * Starts headless Chromium with a new profile and a {@code width} x {@code height} window.
     *
     * @param screenshots the folder under {@code local/target/} its screenshots go to
     * @param consoleLogs whether the browser console is kept ({@code manage().logs().get(LogType.BROWSER)})
     */
    public static BrowserFixture start(String screenshots, int width, int height, boolean consoleLogs) throws IOException {
        Path profile = Files.createTempDirectory("switchboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        if (consoleLogs) {
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        Path folder = Path.of("target", screenshots);
        Files.createDirectories(folder);
        try {
            return new BrowserFixture(new ChromeDriver(service, options), profile, folder);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    /** Saves what the browser shows as {@code <folder>/<name>} (a PNG, checked not to be empty). */
    public Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name);
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).as("screenshot " + name).isGreaterThan(1000);
        return file;
    }

    /** Quits the browser and deletes its profile. */
    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
