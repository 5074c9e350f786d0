package dev.turnout.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driving one console: started (or the test skipped, saying so, where Chromium or ChromeDriver
 * is missing), logging in, opening pages, and stopped.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));
  // Held so that the level stays set: Selenium's note that it has no CDP for this Chromium's version is noise here.
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_LOG.setLevel(Level.SEVERE);
  }

  final ChromeDriverService service;
  final WebDriver browser;
  final WebDriverWait wait;
  private final URI console;

  private HeadlessChromium(ChromeDriverService service, WebDriver browser, URI console) {
    this.service = service;
    this.browser = browser;
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    this.console = console;
  }

  /** Skips the calling test when Chromium or ChromeDriver is missing. */
  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: the browser test needs Chromium at " + CHROMIUM + " and ChromeDriver at " + CHROMEDRIVER);
  }

  /** A browser for the console at {@code console}, its profile in {@code profile}. */
  static HeadlessChromium start(URI console, Path profile) {
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
    return new HeadlessChromium(service, new ChromeDriver(service, options), console);
  }

  /** Opens a console page, {@code path} relative to the console's address. */
  void open(String path) {
    browser.get(console.resolve(path).toString());
  }

  /** Logs in as {@code name}, logging out whoever was logged in. */
  void logIn(String name, String password) {
    open("login");
    if (!browser.findElements(By.className("who")).isEmpty()) {
      browser.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
    }
    browser.findElement(By.id("name")).clear();
    browser.findElement(By.id("name")).sendKeys(name);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("password")).submit();
    try {
      wait.until(ExpectedConditions.presenceOfElementLocated(By.className("who")));
    } catch (TimeoutException e) {
      throw new AssertionError("not logged in as " + name + ": " + browser.getCurrentUrl() + "\n"
          + browser.findElement(By.tagName("body")).getText(), e);
    }
  }

  /** On a preview page: gives the reason and saves, then waits for the result page titled {@code title}. */
  void saveWithReason(String reason, String title) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason"))).sendKeys(reason);
    browser.findElement(By.id("apply")).click();
    try {
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
    } catch (TimeoutException e) {
      throw new AssertionError("expected '" + title + "', got: " + browser.findElement(By.tagName("body")).getText(), e);
    }
  }

  /**
   * Saves a screenshot of the page as {@code console-NAME.png} in the folder the build names (system property
   * {@code console.screenshots}: target/screenshots, or docs/images with -Dconsole.screenshots=DIR); none without it.
   */
  void screenshot(String name) throws IOException {
    String images = System.getProperty("console.screenshots");
    if (images == null) {
      return;
    }
    Path out = Path.of(images, "console-" + name + ".png");
    Files.createDirectories(out.getParent());
    Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Posts {@code form} (URL-encoded, the page's CSRF token added) to {@code path} from the page in the browser, as a
   * forged form would: the status the console answers.
   */
  int postFromThePage(String path, String form) {
    Object status = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const csrf = document.querySelector('input[name=csrf]').value;"
            + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
            + " body: 'csrf=' + encodeURIComponent(csrf) + '&' + arguments[1]}).then(r => done(r.status));",
        console.resolve(path).toString(), form);
    return ((Number) status).intValue();
  }

  /** The text of the page's {@code main} element. */
  String mainText() {
    return browser.findElement(By.tagName("main")).getText();
  }

  @Override
  public void close() {
    browser.quit();
    service.stop();
  }
}
