package dev.tcccbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for page tests (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium: each {@link #start()} is a fresh browser with a profile of its own, deleted on {@link Browser#close()}.
 * Paths can be moved with {@code BRIDGE_TEST_CHROMIUM} and {@code BRIDGE_TEST_CHROMEDRIVER}; mark the
 * test class {@link RequiresBrowser}.
 */
public final class Browsers {

    static final String CHROMIUM = env("BRIDGE_TEST_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = env("BRIDGE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browsers() {
    }

    /** A browser and its throw-away profile. */
    public static final class Browser implements AutoCloseable {

        private final ChromeDriver driver;
        private final Path profile;

        private Browser(ChromeDriver driver, Path profile) {
            this.driver = driver;
            this.profile = profile;
        }

        public ChromeDriver driver() {
            return driver;
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                delete(profile);
            }
        }
    }

    /** A new headless Chromium; its window is large enough for the vendor's 760 × 480 workspace. */
    public static Browser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("bridge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver, profile);
    }

    /** Why no browser can start here, or null when one can. */
    static String missing() {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            return "Chromium is not installed at " + CHROMIUM;
        }
        if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
            return "chromedriver is not installed at " + CHROMEDRIVER;
        }
        return null;
    }

    static boolean required() {
        return "required".equalsIgnoreCase(env("BRIDGE_TEST_BROWSER", ""))
                || "required".equalsIgnoreCase(System.getProperty("bridge.test.browser", ""));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the browser profile " + dir + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
