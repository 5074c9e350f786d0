package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.AppProcess;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer meets in the first hour, started the way the docs start it: the console, a second copy,
 * the API without a known user, and the pages' text.
 */
class FirstHourIT extends SharedSample {

  /** A line of the console: {@code 12:00:01.234 INFO dev.turnout: message}. */
  private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ [\\w.$-]+: .*");


  @Test
  void theConsoleWritesEveryLogLineInOneFormatAndNoJvmWarning() {
    List<String> output = sample.app.output();
    assertThat(output).anyMatch(line -> line.contains("Turnout agent started"))
        .anyMatch(line -> line.contains("version 1 in force"));
    assertThat(output).as("the start-up output").allMatch(line -> LOG_LINE.matcher(line).matches()
        || line.startsWith("Turnout sample: catalog ") || line.startsWith("Turnout sample listening on "));
  }

  @Test
  void aSecondCopyOnTheSameDataFolderSaysSoInOneLineAndExits() throws Exception {
    AppProcess.Exited second = SampleProcess.runUntilExit(sample.catalog.path(),
        List.of("--port", "0", "--data", sample.data.toString()));
    assertThat(second.status()).isEqualTo(1);
    assertThat(problems(second)).singleElement().asString()
        .contains("the data folder " + sample.data.toAbsolutePath().normalize())
        .contains("in use by another running copy").contains("--data DIR");
  }

  @Test
  void aSecondCopyOnTheSamePortSaysSoInOneLineAndExits() throws Exception {
    AppProcess.Exited second = SampleProcess.runUntilExit(sample.catalog.path(),
        List.of("--port", String.valueOf(sample.app.base().getPort()), "--data", dir.resolve("other-data").toString()));
    assertThat(second.status()).isEqualTo(1);
    assertThat(problems(second)).singleElement().asString()
        .contains("port " + sample.app.base().getPort() + " is in use").contains("--port N");
  }

  /** The lines that are neither log lines nor the agent's: what the application itself said. */
  private static List<String> problems(AppProcess.Exited run) {
    return run.output().stream().filter(line -> !LOG_LINE.matcher(line).matches()).toList();
  }

  @Test
  void anUnknownUserIsToldSoAndAMissingOneToLogIn() {
    Http.Reply nobody = sample.http.get("nobody", "api/tasks");
    assertThat(nobody.status()).isEqualTo(401);
    assertThat(nobody.json().get("error")).asString().startsWith("unknown user 'nobody'").contains("POST /api/users");
    assertThat(sample.http.get("nobody", "api/me").json().get("error")).asString().startsWith("unknown user 'nobody'");
    Http.Reply none = sample.http.get(null, "api/tasks");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("error")).asString().startsWith("log in first");
  }

  @Test
  void theNotFoundPageKeepsTheUserLoggedIn() {
    Http.Reply page = sample.http.get("bob", "no/such/page");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("Logged in as <b id=\"user\">bob</b>").doesNotContain(">Log in</a>");
    // comments are off for bob in production: the gated page's 404 keeps him logged in too
    assertThat(sample.http.get("bob", "tasks/1/comments").body()).contains("Logged in as <b id=\"user\">bob</b>");
  }

  @Test
  void theFlagsPageShowsTimesForPeopleAndBackticksAsCode() {
    String page = sample.http.get("ann", "flags").body();
    assertThat(page).containsPattern("<span id=\"catalog-loaded\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d:\\d\\d</span>")
        .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d")
        .contains("The JSON task list gains a <code>count</code> field")
        .doesNotContain("`");
  }
}
