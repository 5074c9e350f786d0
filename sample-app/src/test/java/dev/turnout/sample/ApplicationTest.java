package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application in this JVM, without the agent (every gate on its original track): log-in, sign-up,
 * tasks and the JSON API over real HTTP.
 */
class ApplicationTest {

  @TempDir
  static Path dir;
  static Application app;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    app = Application.start(new Options(0, dir));
    http = new Http(URI.create("http://localhost:" + app.port() + "/"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void visitorsAreSentToLogInAndLogInSetsTheUserCookie() {
    assertThat(http.get(null, "").location()).isEqualTo("/login");
    assertThat(http.get(null, "tasks").location()).isEqualTo("/login");
    assertThat(http.get(null, "login").body()).contains("<code>ann</code> (ann@example.com)");
    Http.Reply login = http.postForm(null, "login", Map.of("name", "Bob"));
    assertThat(login.status()).isEqualTo(303);
    assertThat(login.location()).isEqualTo("/tasks");
    Http.Reply unknown = http.postForm(null, "login", Map.of("name", "nobody"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("There is no user called “nobody”");
  }

  @Test
  void tasksAreCreatedListedAndCompletedThroughPagesAndApi() {
    assertThat(http.postForm("cho", "tasks", Map.of("title", "<Paint> the fence")).location()).isEqualTo("/tasks");
    assertThat(http.postForm("cho", "tasks", Map.of("title", "")).status()).isEqualTo(400);
    String list = http.get("cho", "tasks").body();
    assertThat(list).contains("&lt;Paint&gt; the fence").doesNotContain("<Paint>");

    Http.Reply created = http.postJson("dee", "api/tasks", Map.of("title", "Via the API"));
    assertThat(created.status()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    Http.Reply done = http.postJson("dee", "api/tasks/" + id + "/complete", Map.of());
    assertThat(done.json()).containsEntry("done", true).containsEntry("createdBy", "dee");
    assertThat(http.postJson("dee", "api/tasks/99999/complete", Map.of()).status()).isEqualTo(404);
    assertThat(http.get("dee", "tasks").body()).contains("class=\"title done\">Via the API");
    assertThat(http.postJson(null, "api/tasks", Map.of("title", "anonymous")).status()).isEqualTo(401);
  }

  @Test
  void signUpLogsInAndRefusesTakenNames() {
    Http.Reply signup = http.postForm(null, "signup", Map.of("name", "hal", "email", "hal@customer.org"));
    assertThat(signup.status()).isEqualTo(303);
    assertThat(http.get("hal", "api/me").json()).containsEntry("name", "hal");
    assertThat(http.postForm(null, "signup", Map.of("name", "hal", "email", "x@y")).body()).contains("is taken");
    assertThat(http.postJson(null, "api/users", Map.of("name", "ann", "email", "a@b")).status()).isEqualTo(409);
  }

  @Test
  void theFlagsPageListsTheFlagsOfTheRegistry() {
    String page = http.get("ann", "flags").body();
    assertThat(page).contains("id=\"flag-api-count-field\"").contains("api-team")
        .contains("<h2>Who gets what</h2>");
    assertThat(http.get(null, "api/status").json()).containsEntry("logLevel", "INFO").containsEntry("lastError", null);
  }
}
