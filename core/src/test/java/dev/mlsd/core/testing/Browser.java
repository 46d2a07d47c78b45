package dev.mlsd.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through Selenium's ChromeDriver, for tests that look at a page
 * as a person would (a report renders, its charts drew, no script error).
 *
 * <p>Uses {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium}
 * and {@code chromium-driver}; {@code .ci/run} installs them), or the paths in {@code
 * MLSD_CHROMIUM} / {@code MLSD_CHROMEDRIVER}. Selenium Manager is never asked to download anything.
 * Flags: headless, no sandbox (tests run as root in CI), no GPU, no QUIC, no first-run, no
 * background networking, component updates or sync, a fresh {@code --user-data-dir} per browser
 * (deleted on {@link #close}), a 1280x900 window.
 *
 * <p>When Chromium or its driver is missing, {@link #open()} skips the calling test with the reason
 * (a JUnit assumption), except when {@code CI=true}, where it fails: CI must run the browser tests,
 * not skip them.
 *
 * <p>Thread safety: one browser per test thread.
 */
public final class Browser implements AutoCloseable {
  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Starts a headless Chromium.
   *
   * @throws org.opentest4j.TestAbortedException (skips the test) when Chromium is missing and
   *     {@code CI} is not {@code true}
   * @throws IllegalStateException when Chromium is missing and {@code CI=true}, or fails to start
   */
  public static Browser open() {
    Path chromium = Path.of(env("MLSD_CHROMIUM", "/usr/bin/chromium"));
    Path chromedriver = Path.of(env("MLSD_CHROMEDRIVER", "/usr/bin/chromedriver"));
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(chromium)) {
      missing.add(chromium + " (apt-get install chromium)");
    }
    if (!Files.isExecutable(chromedriver)) {
      missing.add(chromedriver + " (apt-get install chromium-driver)");
    }
    if (!missing.isEmpty()) {
      String reason = "headless Chromium is not installed: missing " + String.join(", ", missing);
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(reason + "; CI must run the browser tests");
      }
      Assumptions.abort(reason);
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("mlsd-chromium-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot make a Chromium profile folder", e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return new Browser(driver, profile);
    } catch (RuntimeException e) {
      deleteQuietly(profile);
      throw new IllegalStateException("Chromium did not start: " + e.getMessage(), e);
    }
  }

  /** The Selenium driver, for anything this class does not wrap. */
  public WebDriver driver() {
    return driver;
  }

  /** Opens a local file and waits for it to load. */
  public Browser open(Path file) {
    driver.get(file.toAbsolutePath().toUri().toString());
    return this;
  }

  /** Opens a URL ({@code http://127.0.0.1:...}) and waits for it to load. */
  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  /** Runs JavaScript in the page and returns its result. */
  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  /**
   * The script errors the page recorded ({@code window.__mlsdErrors}, filled by a report's {@code
   * window.onerror}); empty for pages without the recorder.
   */
  public List<String> scriptErrors() {
    Object errors = script("return window.__mlsdErrors || [];");
    List<String> list = new ArrayList<>();
    if (errors instanceof List<?> l) {
      l.forEach(e -> list.add(String.valueOf(e)));
    }
    return list;
  }

  /**
   * Saves a PNG of the whole page (the window stretched to the page's height, at most 12,000
   * pixels) to {@code file}, creating its folder.
   *
   * @return the file
   */
  public Path screenshot(Path file) {
    Object height =
        script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
    int h = Math.min(12_000, Math.max(900, ((Number) height).intValue() + 160));
    var size = driver.manage().window().getSize();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), h));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot write screenshot " + file, e);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  /** Quits Chromium and deletes its profile folder. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a left-over temp folder is harmless
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Browser[%s]", driver.getCapabilities().getBrowserVersion());
  }
}
