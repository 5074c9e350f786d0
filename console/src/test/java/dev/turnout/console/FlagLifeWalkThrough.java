package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.Eventually;
import dev.turnout.testsupport.Http;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The sample's walk-through "A flag's life" for {@code product-TASKS-103-comments} (docs/sample.md), steps 2 to 5,
 * done by an editor only through the console in a real headless Chromium, each step checked on the sample application
 * running under the agent ({@code env=development}) over HTTP within a second of the save: ship dark, internal users,
 * a percentage, everyone. Step 6 needs a build: the console archives the flag and its result page names
 * {@code turnout remove}. The audit trail lists every step with its action, user and reason. A viewer sees the flag
 * without any edit control, and a write is refused. The test never edits the catalog itself: a subclass says where
 * it is (a file, a key in etcd) and checks what that backend adds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FlagLifeWalkThrough {

  static final String FLAG = "product-TASKS-103-comments";

  ConsoleFixture fixture;
  HeadlessChromium chromium;
  Http sample;
  /** Users of the sample outside example.com: bob and some signed up for the percentage. */
  final List<String> others = new ArrayList<>(List.of("bob", "cho", "dee"));
  /** The steps saved so far. */
  final List<Step> steps = new ArrayList<>();

  /**
   * A step saved in the console.
   *
   * @param action what the console calls the change
   * @param reason the reason the editor gave
   * @param noted what the backend noted once the sample applied it ({@link #applied})
   */
  record Step(String action, String reason, String noted) {}

  /** Puts the sample's catalog where this backend keeps it; the sample starting under the agent, reading it. */
  abstract SampleProcess startSample(Path dir) throws Exception;

  /** The console's options that name the catalog. */
  abstract List<String> consoleSource();

  /** The catalog's text as it is saved now. */
  abstract String catalogText() throws Exception;

  /** What the preview page says of how soon running JVMs apply the change. */
  abstract String howSoon();

  /** Checks what the backend shows once the sample applied a step: what to note of the step, if anything. */
  abstract String applied() throws Exception;

  /** Checks what the backend adds to the audit entry {@code entry} of {@code step}. */
  abstract void auditShows(Step step, String entry);

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    HeadlessChromium.assumeInstalled();
    fixture = ConsoleFixture.start(dir, startSample(dir), Map.of("ed", "editor", "vic", "viewer"), consoleSource());
    chromium = fixture.chromium;
    sample = fixture.sample.http();
    for (int i = 0; i < 20; i++) {
      String name = "user" + i;
      Http.Reply r = sample.post(null, "api/users", "application/json",
          "{\"name\":\"" + name + "\",\"email\":\"" + name + "@customer.org\"}");
      assertThat(r.status()).as("signing up %s: %s", name, r.body()).isEqualTo(201);
      others.add(name);
    }
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void anEditorTakesTheCommentsFlagFromDarkToEveryoneInTheConsole() throws Exception {
    // Step 1, as shipped: everyone has comments on a developer's machine.
    assertThat(hasComments("bob")).isTrue();
    assertThat(hasComments("ann")).isTrue();
    fixture.logIn("ed");

    // Step 2: ship dark.
    chromium.open("flags/" + FLAG);
    chromium.browser.findElement(By.id("kill-default")).click();
    save("Switch off '" + FLAG + "'", "step 2: ship dark", "nobody has comments",
        () -> !hasComments("bob") && !hasComments("ann"));

    // Step 3: internal users. Switched on again, then the development override deleted in the flag's YAML.
    chromium.open("flags/" + FLAG);
    chromium.browser.findElement(By.id("kill-default")).click();
    save("Switch on '" + FLAG + "'", "step 3: switch on again", "everyone on this machine has comments again",
        () -> hasComments("bob") && hasComments("ann"));
    chromium.open("flags/" + FLAG);
    WebElement block = chromium.browser.findElement(By.id("block"));
    String yaml = block.getAttribute("value");
    String withoutOverride = Pattern.compile("(?m)^\\s*environments:\\s*\\n\\s*development:.*\\n?").matcher(yaml).replaceAll("");
    assertThat(withoutOverride).as("the development override is in the flag's YAML").isNotEqualTo(yaml);
    ((JavascriptExecutor) chromium.browser).executeScript("arguments[0].value = arguments[1];", block, withoutOverride);
    block.submit();
    assertThat(chromium.browser.findElement(By.cssSelector("pre.diff")).getText()).contains("-    environments:");
    save("Edit the definition of '" + FLAG + "'", "step 3: internal users only", "only ann has comments",
        () -> hasComments("ann") && !hasComments("bob"));
    for (String user : others) {
      assertThat(hasComments(user)).as(user).isFalse();
    }

    // Step 4: a percentage.
    ramp("50");
    save("Ramp '" + FLAG + "' to 50 %", "step 4: half of everyone else", "some of the others have comments",
        () -> !withComments().isEmpty());
    Set<String> half = withComments();
    assertThat(half.size()).as("about half of %s: %s", others.size(), half).isBetween(4, others.size() - 4);
    assertThat(withComments()).as("each user keeps their answer").isEqualTo(half);
    assertThat(hasComments("ann")).isTrue();

    // Step 5: everyone.
    ramp("100");
    save("Ramp '" + FLAG + "' to 100 %", "step 5: everyone", "everyone has comments",
        () -> withComments().size() == others.size());
    assertThat(hasComments("ann")).isTrue();

    // Step 6 needs a build: the console archives the flag and says that `turnout remove` does the rest.
    chromium.open("flags/" + FLAG);
    chromium.browser.findElement(By.id("archive-flag")).click();
    String result = save("Archive '" + FLAG + "'", "step 6: served everyone for a while", "archived: off everywhere",
        () -> !hasComments("ann") && !hasComments("bob"));
    assertThat(result).contains("turnout remove " + FLAG);

    chromium.open("audit");
    List<String> entries = chromium.browser.findElements(By.cssSelector("main article")).stream()
        .map(WebElement::getText).toList();
    for (Step step : steps) {
      List<String> mine = entries.stream().filter(e -> e.contains(step.reason())).toList();
      assertThat(mine).as("the audit entries with the reason '%s'", step.reason()).hasSize(1);
      assertThat(mine.get(0)).as("the audit entry of '%s'", step.reason()).contains(step.action()).contains("by ed");
      auditShows(step, mine.get(0));
    }
    assertThat(catalogText()).contains("rollout: { on: 100, off: 0 }").doesNotContain("development:")
        .contains("tags: [archived]");
  }

  @Test
  void aViewerSeesTheFlagWithoutEditControlsAndAWriteIsRefused() throws Exception {
    fixture.logIn("vic");
    chromium.open("flags/" + FLAG);
    assertThat(chromium.mainText()).contains(FLAG);
    for (String control : List.of("kill-default", "percent-default", "block", "archive-flag")) {
      assertThat(chromium.browser.findElements(By.id(control))).as(control).isEmpty();
    }
    String before = catalogText();
    for (String route : List.of("changes/preview", "changes/apply")) {
      int status = chromium.postFromThePage(route,
          "action=kill&flag=" + FLAG + "&env=default&enabled=false&revision=x&reason=x");
      assertThat(status).as(route).isEqualTo(403);
    }
    assertThat(catalogText()).isEqualTo(before);
  }

  /** Opens the flag's page and asks for a ramp in every environment to {@code percent}. */
  private void ramp(String percent) {
    chromium.open("flags/" + FLAG);
    WebElement field = chromium.browser.findElement(By.id("percent-default"));
    field.clear();
    field.sendKeys(percent);
    field.submit();
  }

  /**
   * On the preview page of {@code action}, which says how soon JVMs apply it: saves with {@code reason}, checks that
   * the sample shows {@code what} within a second of the save, then what the backend shows. The result page's text.
   */
  private String save(String action, String reason, String what, BooleanSupplier applied) throws Exception {
    chromium.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
    assertThat(chromium.browser.findElement(By.tagName("h1")).getText()).contains(action);
    assertThat(chromium.mainText()).contains(howSoon());
    chromium.saveWithReason(reason, "Saved");
    String result = chromium.mainText();
    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(applied.getAsBoolean()).as("the sample applies: " + what)
        .isTrue());
    steps.add(new Step(action, reason, applied()));
    return result;
  }

  /** The others (not ann) who have comments now. */
  private Set<String> withComments() {
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
  private boolean hasComments(String user) {
    Http.Reply list = sample.get(user, "tasks");
    Http.Reply page = sample.get(user, "tasks/1/comments");
    assertThat(list.status()).as("the task list for " + user).isEqualTo(200);
    boolean link = list.body().contains("class=\"comments-link\"");
    assertThat(page.status()).as("the comments page for %s, whose task list has %s link", user, link ? "a" : "no")
        .isEqualTo(link ? 200 : 404);
    return link;
  }
}
