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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The sample's walk-through "A flag's life" for {@code product-TASKS-103-comments}, steps 2 to 5, done by an editor
 * only through the console in a real headless Chromium, each step checked on the sample application running under
 * the agent ({@code env=development}, watching the catalog file) over HTTP within a second of the save: ship dark,
 * internal users, a percentage, everyone. Step 6 needs a build: the console's archive result page names
 * {@code turnout remove}. The audit trail lists every step with its reason. The test never edits the catalog file.
 */
class ConsoleFlagLifeIT {

  private static final String FLAG = "product-TASKS-103-comments";
  private static final String PASSWORD = "a long enough password";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  static Path catalog;
  static Proc sample;
  static Proc console;
  static URI sampleBase;
  static HeadlessChromium chromium;
  /** Users of the sample outside example.com: bob and some signed up for the percentage. */
  static final List<String> others = new ArrayList<>(List.of("bob", "cho", "dee"));

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of(Proc.property("sample.catalog")), catalog, StandardCopyOption.REPLACE_EXISTING);
    Path users = dir.resolve("users.json");
    Proc add = Proc.run(List.of(Proc.java(), "-jar", Proc.property("console.jar"), "add-user",
        "--users", users.toString(), "--name", "ed", "--role", "editor"), PASSWORD + "\n");
    assertThat(add.waitFor()).as(String.join("\n", add.output)).isZero();
    sample = Proc.run(List.of(Proc.java(), "-Xshare:off", "-javaagent:" + Proc.property("turnout.agent.jar")
        + "=flags=" + catalog + ",env=development", "-XX:TieredStopAtLevel=1", "-jar", Proc.property("sample.jar"),
        "--port", "0", "--data", dir.resolve("data").toString()), null);
    sampleBase = URI.create("http://localhost:" + sample.await(Pattern.compile("listening on http://localhost:(\\d+)/")) + "/");
    for (int i = 0; i < 20; i++) {
      String name = "user" + i;
      int status = HTTP.send(HttpRequest.newBuilder(sampleBase.resolve("api/users"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"email\":\"" + name + "@customer.org\"}"))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      assertThat(status).as("signing up " + name).isEqualTo(201);
      others.add(name);
    }
    console = Proc.run(List.of(Proc.java(), "-XX:TieredStopAtLevel=1", "-jar", Proc.property("console.jar"),
        "--catalog", catalog.toString(), "--users", users.toString(), "--port", "0", "--app", Proc.property("sample.jar")), null);
    URI consoleBase = URI.create("http://127.0.0.1:"
        + console.await(Pattern.compile("listening on http://127.0.0.1:(\\d+)/")) + "/");
    chromium = HeadlessChromium.start(consoleBase, dir.resolve("chromium-profile"));
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
  void anEditorTakesTheCommentsFlagFromDarkToEveryoneInTheConsole() throws Exception {
    // Step 1, as shipped: everyone has comments on a developer's machine.
    assertThat(hasComments("bob")).isTrue();
    assertThat(hasComments("ann")).isTrue();
    chromium.logIn("ed", PASSWORD);

    // Step 2: ship dark.
    chromium.open("flags/" + FLAG);
    chromium.browser.findElement(By.id("kill-default")).click();
    chromium.saveWithReason("step 2: ship dark", "Saved");
    withinASecond("nobody has comments", () -> !hasComments("bob") && !hasComments("ann"));

    // Step 3: internal users. Switched on again, then the development override deleted in the flag's YAML.
    chromium.open("flags/" + FLAG);
    chromium.browser.findElement(By.id("kill-default")).click();
    chromium.saveWithReason("step 3: switch on again", "Saved");
    withinASecond("everyone on this machine has comments again", () -> hasComments("bob") && hasComments("ann"));
    chromium.open("flags/" + FLAG);
    WebElement block = chromium.browser.findElement(By.id("block"));
    String yaml = block.getAttribute("value");
    String withoutOverride = Pattern.compile("(?m)^\\s*environments:\\s*\\n\\s*development:.*\\n?").matcher(yaml).replaceAll("");
    assertThat(withoutOverride).as("the development override is in the flag's YAML").isNotEqualTo(yaml);
    ((JavascriptExecutor) chromium.browser).executeScript("arguments[0].value = arguments[1];", block, withoutOverride);
    block.submit();
    assertThat(chromium.browser.findElement(By.cssSelector("pre.diff")).getText()).contains("-    environments:");
    chromium.saveWithReason("step 3: internal users only", "Saved");
    withinASecond("only ann has comments", () -> hasComments("ann") && !hasComments("bob"));
    for (String user : others) {
      assertThat(hasComments(user)).as(user).isFalse();
    }

    // Step 4: a percentage.
    ramp("50", "step 4: half of everyone else");
    withinASecond("some of the others have comments", () -> !withComments().isEmpty());
    Set<String> half = withComments();
    assertThat(half.size()).as("about half of %s: %s", others.size(), half).isBetween(4, others.size() - 4);
    assertThat(withComments()).as("each user keeps their answer").isEqualTo(half);
    assertThat(hasComments("ann")).isTrue();

    // Step 5: everyone.
    ramp("100", "step 5: everyone");
    withinASecond("everyone has comments", () -> withComments().size() == others.size());
    assertThat(hasComments("ann")).isTrue();

    // Step 6 needs a build: the console archives the flag and says that `turnout remove` does the rest.
    chromium.open("flags/" + FLAG);
    chromium.browser.findElement(By.id("archive-flag")).click();
    chromium.saveWithReason("step 6: served everyone for a while", "Saved");
    assertThat(chromium.mainText()).contains("turnout remove " + FLAG);
    withinASecond("archived: off everywhere", () -> !hasComments("ann") && !hasComments("bob"));

    chromium.open("audit");
    assertThat(chromium.mainText()).contains("step 2: ship dark", "step 3: switch on again",
        "step 3: internal users only", "step 4: half of everyone else", "step 5: everyone",
        "step 6: served everyone for a while").contains("ed");
    assertThat(Files.readString(catalog)).contains("rollout: { on: 100, off: 0 }").doesNotContain("development:");
  }

  private static void ramp(String percent, String reason) {
    chromium.open("flags/" + FLAG);
    WebElement field = chromium.browser.findElement(By.id("percent-default"));
    field.clear();
    field.sendKeys(percent);
    field.submit();
    chromium.saveWithReason(reason, "Saved");
  }

  /** The others (not ann) who have comments now. */
  private static Set<String> withComments() {
    Set<String> on = new TreeSet<>();
    for (String user : others) {
      if (hasComments(user)) {
        on.add(user);
      }
    }
    return on;
  }

  /**
   * Whether {@code user} has comments on the sample: the task list shows the link and the comments page answers,
   * or neither (the page is then not found).
   */
  private static boolean hasComments(String user) {
    try {
      HttpResponse<String> list = get("tasks", user);
      HttpResponse<String> page = get("tasks/1/comments", user);
      assertThat(list.statusCode()).as("the task list for " + user).isEqualTo(200);
      boolean link = list.body().contains("class=\"comments-link\"");
      assertThat(page.statusCode()).as("the comments page for %s, whose task list has %s link", user, link ? "a" : "no")
          .isEqualTo(link ? 200 : 404);
      return link;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(sampleBase.resolve(path)).header("X-User", user).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls the sample until {@code done}, failing when that takes a second or more from now (just after a save). */
  private static void withinASecond(String what, BooleanSupplier done) throws InterruptedException {
    long saved = System.nanoTime();
    while (!done.getAsBoolean()) {
      assertThat(Duration.ofNanos(System.nanoTime() - saved)).as("the sample applies the change: " + what)
          .isLessThan(Duration.ofSeconds(1));
      Thread.sleep(20);
    }
  }
}
