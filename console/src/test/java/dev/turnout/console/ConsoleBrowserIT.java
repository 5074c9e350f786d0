package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium, started from its packaged jar, editing the catalog of the sample
 * application, which runs under the agent: log in, flip the sample's kill switch and see the sample refuse sign-ups
 * within a second, ramp a percentage, a conflict, an approval, a viewer who cannot edit. Saves screenshots of the main
 * pages (into target/screenshots, or docs/images with -Dconsole.screenshots=DIR). Skipped, saying so, where Chromium or ChromeDriver is missing.
 */
class ConsoleBrowserIT {

  private static final String PASSWORD = "a long enough password";

  @TempDir
  static Path dir;
  static Path catalog;
  static Proc sample;
  static Proc console;
  static URI sampleBase;
  static URI consoleBase;
  static HeadlessChromium chromium;
  static WebDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of(Proc.property("sample.catalog")), catalog, StandardCopyOption.REPLACE_EXISTING);
    Path users = dir.resolve("users.json");
    for (String[] u : new String[][] {{"ann", "admin"}, {"vic", "viewer"}, {"ed", "editor"}, {"pat", "approver"}}) {
      Proc add = Proc.run(List.of(Proc.java(), "-jar", Proc.property("console.jar"), "add-user", "--users", users.toString(),
          "--name", u[0], "--role", u[1]), PASSWORD + "\n");
      assertThat(add.waitFor()).as(String.join("\n", add.output)).isZero();
    }
    sample = Proc.run(List.of(Proc.java(), "-Xshare:off", "-javaagent:" + Proc.property("turnout.agent.jar") + "=flags=" + catalog
        + ",env=production", "-XX:TieredStopAtLevel=1", "-jar", Proc.property("sample.jar"), "--port", "0", "--data",
        dir.resolve("data").toString()), null);
    sampleBase = URI.create("http://localhost:" + sample.await(Pattern.compile("listening on http://localhost:(\\d+)/")) + "/");
    console = Proc.run(List.of(Proc.java(), "-XX:TieredStopAtLevel=1", "-jar", Proc.property("console.jar"), "--catalog",
        catalog.toString(), "--users", users.toString(), "--port", "0", "--approval", "production", "--env", "production",
        "--app", Proc.property("sample.jar")), null);
    consoleBase = URI.create("http://127.0.0.1:" + console.await(Pattern.compile("listening on http://127.0.0.1:(\\d+)/")) + "/");
    chromium = HeadlessChromium.start(consoleBase, dir.resolve("chromium-profile"));
    browser = chromium.browser;
    wait = chromium.wait;
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (console != null) {
      console.close();
    }
    if (sample != null) {
      sample.close();
    }
  }

  @Test
  void anAdminFlipsTheKillSwitchAndTheSampleRefusesSignUpsWithinASecond() throws Exception {
    logIn("ann");
    screenshot("flags");
    open("flags/disable-registration");
    assertThat(browser.findElement(By.cssSelector("#code + p, table")).getText()).contains("Registration");
    screenshot("flag");
    browser.findElement(By.id("kill-default")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason"))).sendKeys("sign-up abuse from one network");
    assertThat(browser.findElement(By.cssSelector("pre.diff")).getText()).contains("+    enabled: true");
    screenshot("preview");
    assertThat(signUpStatus()).as("sign-ups are open before").isEqualTo(400);
    browser.findElement(By.id("apply")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Saved"));
    long saved = System.nanoTime();
    while (signUpStatus() != 503) {
      assertThat(Duration.ofNanos(System.nanoTime() - saved)).as("the sample applies the change").isLessThan(Duration.ofSeconds(1));
      Thread.sleep(20);
    }
    open("audit");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("sign-up abuse from one network").contains("ann");
    screenshot("audit");
  }

  @Test
  void anAdminRampsAPercentage() throws Exception {
    logIn("ann");
    open("flags/product-TASKS-103-comments");
    var percent = browser.findElement(By.id("percent-default"));
    percent.clear();
    percent.sendKeys("30");
    percent.submit();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason"))).sendKeys("internal users are happy");
    browser.findElement(By.id("apply")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Saved"));
    assertThat(Files.readString(catalog)).contains("- serve: { rollout: { on: 30, off: 70 } }    # then a percentage");
    open("who?key=carol&attributes=email%3Dcarol%40example.com&env=production");
    assertThat(browser.findElement(By.tagName("table")).getText()).contains("product-TASKS-103-comments on");
    screenshot("who");
  }

  @Test
  void theSecondOfTwoEditsGetsAConflictShowingTheFirst() throws Exception {
    logIn("ann");
    open("flags/api-count-field");
    String before = Files.readString(catalog);
    // Someone else saves first (an editor on the JSON API would do the same).
    Files.writeString(catalog, before.replace("keys: [bob]", "keys: [bob, dora]"));
    browser.findElement(By.id("kill-default")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Someone else changed the catalog first"));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("+    keys: [bob, dora]");
    assertThat(Files.readString(catalog)).doesNotContain("api-count-field:\n    enabled");
  }

  @Test
  void aProductionChangeWaitsUntilAnotherApproverAcceptsIt() throws Exception {
    logIn("ed");
    open("flags/log-level");
    browser.findElement(By.id("kill-production")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason"))).sendKeys("too chatty in production");
    assertThat(browser.findElement(By.id("apply")).getText()).isEqualTo("Ask for approval");
    browser.findElement(By.id("apply")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Waiting for approval"));
    assertThat(Files.readString(catalog)).doesNotContain("production: { enabled: false }");
    logIn("pat");
    open("approvals");
    screenshot("approvals");
    browser.findElement(By.xpath("//button[normalize-space()='Accept and save']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Saved"));
    assertThat(Files.readString(catalog)).contains("environments: { production: { enabled: false } }");
  }

  @Test
  void aViewerSeesNoActionsAndAForgedPostIsRefused() throws Exception {
    logIn("vic");
    open("flags/disable-registration");
    assertThat(browser.findElements(By.id("kill-default"))).isEmpty();
    assertThat(browser.findElements(By.id("block"))).isEmpty();
    Object status = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const csrf = document.querySelector('input[name=csrf]').value;"
            + "fetch('/changes/apply', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
            + " body: 'csrf=' + encodeURIComponent(csrf) + '&action=kill&flag=disable-registration&env=default&enabled=false"
            + "&revision=x&reason=x'}).then(r => done(r.status));");
    assertThat(((Number) status).intValue()).isEqualTo(403);
  }

  private static void logIn(String name) {
    try {
      chromium.logIn(name, PASSWORD);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nconsole: " + String.join("\n", console.output), e);
    }
  }

  private static void open(String path) {
    chromium.open(path);
  }

  private static void screenshot(String name) throws IOException {
    String images = System.getProperty("console.screenshots");
    if (images == null) {
      return;
    }
    Path out = Path.of(images, "console-" + name + ".png");
    Files.createDirectories(out.getParent());
    Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  /** POST /api/users with an invalid name: 400 while sign-ups are open, 503 while the kill switch is on. */
  private static int signUpStatus() throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(sampleBase.resolve("api/users"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"No Such Name!\",\"email\":\"-\"}")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
