package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.etcd.EtcdExtension;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.admin.Publisher;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console on a catalog in a real etcd ({@code --source etcd://...}), in headless Chromium, with the sample
 * application under the agent watching the same key ({@code source=etcd://...}): the kill switch flipped in the
 * console refuses the sample's sign-ups within a second, and the fleet page lists the sample on the new revision.
 * Skipped where Chromium, ChromeDriver or etcd is missing (failed without etcd when TURNOUT_REQUIRE_ETCD=true).
 */
class ConsoleEtcdBrowserIT {

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  private static final String PASSWORD = "a long enough password";
  private static final String KEY = "/turnout/sample/catalog";
  @TempDir
  static Path dir;
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
    String address = "etcd://" + etcd.hostPort() + KEY;
    new Publisher(etcd.client(), EtcdTarget.parse(address)).publish(Publisher.Request.of("flags.yaml",
        Files.readString(Path.of(Proc.property("sample.catalog")))).author("setup").reason("the sample's catalog"));
    // The agent and its etcd plug-in side by side, under their documented names.
    Path agents = Files.createDirectories(dir.resolve("turnout"));
    Path agent = Files.copy(Path.of(Proc.property("turnout.agent.jar")), agents.resolve("turnout-agent.jar"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Path.of(Proc.property("turnout.etcd.plugin")), agents.resolve("turnout-etcd-agent-plugin.jar"),
        StandardCopyOption.REPLACE_EXISTING);
    Path users = dir.resolve("users.json");
    Proc add = Proc.run(List.of(Proc.java(), "-jar", Proc.property("console.jar"), "add-user",
        "--users", users.toString(), "--name", "ann", "--role", "admin"), PASSWORD + "\n");
    assertThat(add.waitFor()).as(String.join("\n", add.output)).isZero();
    sample = Proc.run(List.of(Proc.java(), "-Xshare:off", "-javaagent:" + agent + "=source=" + address
        + ",cache=off,app=sample,env=production", "-XX:TieredStopAtLevel=1", "-jar", Proc.property("sample.jar"), "--port",
        "0", "--data", dir.resolve("data").toString()), null);
    sampleBase = URI.create("http://localhost:"
        + sample.await(Pattern.compile("listening on http://localhost:(\\d+)/")) + "/");
    console = Proc.run(List.of(Proc.java(), "-XX:TieredStopAtLevel=1", "-jar", Proc.property("console.jar"),
        "--source", address, "--users", users.toString(), "--port", "0", "--env", "production"), null);
    consoleBase = URI.create("http://127.0.0.1:"
        + console.await(Pattern.compile("listening on http://127.0.0.1:(\\d+)/")) + "/");
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
  void aKillSwitchSavedInTheConsoleReachesTheSampleThroughEtcdWithinASecondAndTheFleetPageShowsIt() throws Exception {
    chromium.logIn("ann", PASSWORD);

    open("fleet");
    wait.until(d -> {
      d.navigate().refresh();
      return d.findElement(By.tagName("main")).getText().contains("1 up to date");
    });
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("sample");

    open("flags/disable-registration");
    browser.findElement(By.id("kill-default")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason"))).sendKeys("sign-up abuse, fleet-wide");
    assertThat(browser.findElement(By.cssSelector("pre.diff")).getText()).contains("+    enabled: true");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("within about a second");
    assertThat(signUpStatus()).as("sign-ups are open before").isEqualTo(400);
    browser.findElement(By.id("apply")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Saved"));
    long saved = System.nanoTime();
    while (signUpStatus() != 503) {
      assertThat(Duration.ofNanos(System.nanoTime() - saved)).as("the sample applies the change")
          .isLessThan(Duration.ofSeconds(1));
      Thread.sleep(20);
    }

    open("audit");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("sign-up abuse, fleet-wide")
        .contains("ann").contains("changed disable-registration");
    open("fleet");
    wait.until(d -> {
      d.navigate().refresh();
      return d.findElement(By.tagName("main")).getText().contains("1 up to date");
    });
  }

  private static void open(String path) {
    chromium.open(path);
  }

  /** POST /api/users with an invalid name: 400 while sign-ups are open, 503 while the kill switch is on. */
  private static int signUpStatus() throws java.io.IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(sampleBase.resolve("api/users"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"No Such Name!\",\"email\":\"-\"}")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
