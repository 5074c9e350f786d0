package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.Eventually;
import dev.turnout.testsupport.TestJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium, started from its packaged jar, editing the catalog of the sample
 * application, which runs under the agent in production: log in, flip the sample's kill switch and see the sample
 * refuse sign-ups within a second, ramp a percentage, a conflict, an approval. Saves screenshots of the main pages
 * (into target/screenshots, or docs/images with -Dconsole.screenshots=DIR). Skipped, saying so, where Chromium or
 * ChromeDriver is missing. (A viewer's refusals are in the flag-life walk-throughs.)
 */
class BrowserIT {

  @TempDir
  static Path dir;
  static CatalogFile catalog;
  static ConsoleFixture fixture;
  static HeadlessChromium chromium;
  static WebDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    catalog = CatalogFile.copyOf(Path.of(TestJvm.property("sample.catalog")), dir);
    fixture = ConsoleFixture.start(dir, SampleProcess.watchingFile(catalog.path(), "production", dir),
        Map.of("ann", "admin", "ed", "editor", "pat", "approver"), List.of("--catalog", catalog.path().toString(),
            "--approval", "production", "--env", "production", "--app", TestJvm.property("sample.jar")));
    chromium = fixture.chromium;
    browser = chromium.browser;
    wait = chromium.wait;
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void anAdminFlipsTheKillSwitchAndTheSampleRefusesSignUpsWithinASecond() throws Exception {
    fixture.logIn("ann");
    chromium.screenshot("flags");
    chromium.open("flags/disable-registration");
    assertThat(browser.findElement(By.cssSelector("#code + p, table")).getText()).contains("Registration");
    chromium.screenshot("flag");
    browser.findElement(By.id("kill-default")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason"))).sendKeys("sign-up abuse from one network");
    assertThat(browser.findElement(By.cssSelector("pre.diff")).getText()).contains("+    enabled: true");
    chromium.screenshot("preview");
    assertThat(signUpStatus()).as("sign-ups are open before").isEqualTo(400);
    browser.findElement(By.id("apply")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Saved"));
    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(signUpStatus()).as("the sample applies the change")
        .isEqualTo(503));
    chromium.open("audit");
    assertThat(chromium.mainText()).contains("sign-up abuse from one network").contains("ann");
    chromium.screenshot("audit");
  }

  @Test
  void anAdminRampsAPercentage() throws Exception {
    fixture.logIn("ann");
    chromium.open("flags/product-TASKS-103-comments");
    var percent = browser.findElement(By.id("percent-default"));
    percent.clear();
    percent.sendKeys("30");
    percent.submit();
    chromium.saveWithReason("internal users are happy", "Saved");
    assertThat(catalog.text()).contains("- serve: { rollout: { on: 30, off: 70 } }    # then a percentage");
    chromium.open("who?key=carol&attributes=email%3Dcarol%40example.com&env=production");
    assertThat(browser.findElement(By.tagName("table")).getText()).contains("product-TASKS-103-comments on");
    chromium.screenshot("who");
  }

  @Test
  void theSecondOfTwoEditsGetsAConflictShowingTheFirst() throws Exception {
    fixture.logIn("ann");
    chromium.open("flags/api-count-field");
    // Someone else saves first (an editor on the JSON API would do the same).
    catalog.replace("keys: [bob]", "keys: [bob, dora]");
    browser.findElement(By.id("kill-default")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Someone else changed the catalog first"));
    assertThat(chromium.mainText()).contains("+    keys: [bob, dora]");
    assertThat(catalog.text()).doesNotContain("api-count-field:\n    enabled");
  }

  @Test
  void aProductionChangeWaitsUntilAnotherApproverAcceptsIt() throws Exception {
    fixture.logIn("ed");
    chromium.open("flags/log-level");
    browser.findElement(By.id("kill-production")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason"))).sendKeys("too chatty in production");
    assertThat(browser.findElement(By.id("apply")).getText()).isEqualTo("Ask for approval");
    browser.findElement(By.id("apply")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Waiting for approval"));
    assertThat(catalog.text()).doesNotContain("production: { enabled: false }");
    fixture.logIn("pat");
    chromium.open("approvals");
    chromium.screenshot("approvals");
    browser.findElement(By.xpath("//button[normalize-space()='Accept and save']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Saved"));
    assertThat(catalog.text()).contains("environments: { production: { enabled: false } }");
  }

  /** POST /api/users with an invalid name: 400 while sign-ups are open, 503 while the kill switch is on. */
  private static int signUpStatus() {
    return fixture.sample.http().post(null, "api/users", "application/json", "{\"name\":\"No Such Name!\",\"email\":\"-\"}")
        .status();
  }
}
