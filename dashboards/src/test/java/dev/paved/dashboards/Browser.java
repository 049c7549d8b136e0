package dev.paved.dashboards;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromium-driver, with a fresh profile, reading the
 * browser console so tests can fail on any error it logged. A missing browser is a failure, never a
 * skip: CI installs both packages.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final int WIDTH = 1440;
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser start() throws IOException {
    assertTrue(
        Files.isExecutable(CHROMIUM),
        CHROMIUM + " is missing: install Debian's chromium (.ci/run does)");
    assertTrue(
        Files.isExecutable(CHROMEDRIVER),
        CHROMEDRIVER + " is missing: install Debian's chromium-driver (.ci/run does)");
    Path profile = Files.createTempDirectory("paved-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--lang=en-US",
        "--window-size=" + WIDTH + ",900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Loads {@code url} and waits until the page has rendered its content (or its sign-in). */
  void open(String url) {
    driver.get(url);
    awaitReady();
  }

  void awaitReady() {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(
            d ->
                !d.findElements(By.cssSelector("#content[data-ready='true']")).isEmpty()
                    || !d.findElements(By.id("signin")).isEmpty()
                    || !d.findElements(By.cssSelector("#content .empty.error")).isEmpty());
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The exact value a number keeps beside its printed text ({@code data-value}). */
  double value(String key) {
    String value = find("[data-key='" + key + "']").getDomAttribute("data-value");
    return Double.parseDouble(value);
  }

  String text(String key) {
    return find("[data-key='" + key + "']").getText();
  }

  /** What the console logged at SEVERE since the last call (Chromium's errors). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** The whole page as a PNG under {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) throws IOException {
    long height =
        ((Number)
                ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollHeight"))
            .longValue();
    Dimension before = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + 40, 6000)));
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    driver.manage().window().setSize(before);
    return file;
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
