package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnout.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real headless Chromium: a customer logs in, has no comments link, the catalog rolls
 * comments out to everyone, and after a reload the customer follows the link and posts a comment.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); the paths default
 * to {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} and can be set with the system
 * properties {@code sample.chromium} and {@code sample.chromedriver}. Where they are missing the test
 * is skipped, saying so. Selenium never downloads a browser or driver here.
 */
class CommentsBrowserIT {

  private static final Path CHROMIUM = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));
  /** Generous: this test is about the journey; the one-second bound is checked over HTTP elsewhere. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * Selenium warns when it has no DevTools support for the installed Chromium's version; this test uses
   * WebDriver only, so the warning is noise. Held here so the level setting is not collected.
   */
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_LOG.setLevel(Level.SEVERE);
  }

  @Test
  void logInSeeNoLinkFlipTheFlagReloadFollowTheLinkAndPostAComment(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: the browser test needs Chromium at " + CHROMIUM + " and ChromeDriver at " + CHROMEDRIVER
            + " (Debian: apt-get install chromium chromium-driver; or set -Dsample.chromium and -Dsample.chromedriver)");
    try (SampleFixture sample = SampleFixture.withAgent(dir, "production")) {
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      WebDriver browser = new ChromeDriver(service, options(dir.resolve("chromium-profile")));
      try {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(sample.app.base().resolve("login").toString());
        browser.findElement(By.id("name")).sendKeys("bob");
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tasks")));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("bob");
        assertThat(browser.findElements(By.className("comments-link"))).as("no comments for bob yet").isEmpty();

        sample.catalog.replace("rollout: { on: 0, off: 100 }", "rollout: { on: 100, off: 0 }");

        Eventually.within(WAIT, () -> {
          browser.navigate().refresh();
          assertThat(browser.findElements(By.className("comments-link"))).isNotEmpty();
        });
        WebElement link = browser.findElements(By.className("comments-link")).get(0);
        assertThat(link.getText()).isEqualTo("Comments (0)");
        link.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-comments")));
        browser.findElement(By.id("comment-body")).sendKeys("Posted from a real browser");
        browser.findElement(By.id("post-comment")).click();

        WebElement comment = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.comment")));
        assertThat(comment.getText()).startsWith("bob: Posted from a real browser");
        assertThat(browser.findElements(By.id("no-comments"))).isEmpty();
        browser.findElement(By.linkText("Back to the tasks")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText("Comments (1)")));

        // A rejected edit with a long line: the page shows its message, wrapped, not scrolling sideways.
        sample.catalog.replace("op: ends_with", "op: ends_with_or_maybe_some_other_operator_nobody_has_heard_of_yet");
        browser.get(sample.app.base().resolve("flags").toString());
        Eventually.within(WAIT, () -> {
          browser.navigate().refresh();
          assertThat(browser.findElements(By.id("catalog-error"))).isNotEmpty();
        });
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Number scrollWidth = (Number) js.executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) js.executeScript("return document.documentElement.clientWidth");
        assertThat(scrollWidth.longValue()).as("the page's width in a %s px wide window", viewport)
            .isLessThanOrEqualTo(viewport.longValue());
      } finally {
        browser.quit();
        service.stop();
      }
    }
  }

  private static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=800,700", "--user-data-dir=" + profile);
    return options;
  }
}
