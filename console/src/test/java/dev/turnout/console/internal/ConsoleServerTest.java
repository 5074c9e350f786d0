package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over real HTTP: logins, roles, CSRF, lockout, saves, conflicts, approvals, tokens. */
class ConsoleServerTest {

  private static final String PASSWORD = Browser.PASSWORD;

  @TempDir
  static Path dir;
  static Path catalog;
  static ConsoleServer server;
  static String viewerToken;
  static String editorToken;

  @BeforeAll
  static void start() throws IOException {
    catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of("../sample-app/flags.yaml"), catalog);
    Users users = new Users(dir.resolve("users.json"), 4); // the lowest cost: the tests log in often
    users.putUser("ann", PASSWORD.toCharArray(), Users.parseRoles("admin"));
    users.putUser("vic", PASSWORD.toCharArray(), Users.parseRoles("viewer"));
    users.putUser("ed", PASSWORD.toCharArray(), Users.parseRoles("default=editor,production=editor,development=editor"));
    users.putUser("pat", PASSWORD.toCharArray(), Users.parseRoles("approver"));
    users.putUser("lou", PASSWORD.toCharArray(), Users.parseRoles("viewer"));
    viewerToken = users.putToken("dashboards", Users.parseRoles("viewer"));
    editorToken = users.putToken("deploys", Users.parseRoles("editor"));
    server = new ConsoleServer(new ConsoleConfig(catalog, users.file(), "127.0.0.1", 0, null, Set.of("production"),
        List.of("production"), null, false, false, null)).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A browser of its own against the console. */
  static Browser browser() {
    return new Browser(server.port());
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  static Map<String, String> kill(String flag, String env, boolean enabled) {
    return Map.of("action", "kill", "flag", flag, "env", env, "enabled", Boolean.toString(enabled));
  }

  @Test
  void aPageWithoutLoginSendsToTheLoginPage() throws Exception {
    HttpResponse<String> r = browser().get("/flags");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.uri().getPath()).isEqualTo("/login");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    Browser b = browser();
    b.get("/login");
    HttpResponse<String> r = b.post("/login", Map.of("name", "vic", "password", PASSWORD, "csrf", b.csrf));
    assertThat(r.previousResponse()).isPresent();
    assertThat(r.previousResponse().get().headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith(ConsoleServer.SESSION_COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict"));
  }

  @Test
  void aViewerIsRefusedOnEveryWriteRouteTheRouterHas() throws Exception {
    Browser vic = browser().loggedIn("vic");
    String before = Files.readString(catalog);
    List<String> routes = server.writeRoutes();
    assertThat(routes).contains("/changes/preview", "/changes/apply", "/approvals/{id}/accept", "/api/changes");
    for (String route : routes) {
      HttpResponse<String> r = vic.post(route.replace("{id}", "x").replace("{key}", "log-level"),
          Map.of("csrf", vic.csrf, "action", "kill", "flag", "log-level", "env", "default", "enabled", "false",
              "revision", "x", "reason", "try"));
      assertThat(r.statusCode()).as(route).isEqualTo(403);
    }
    assertThat(Files.readString(catalog)).isEqualTo(before);
  }

  @Test
  void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
    Browser ann = browser().loggedIn("ann");
    String revision = ann.revision("log-level");
    Map<String, String> form = new LinkedHashMap<>(kill("log-level", "default", false));
    form.put("revision", revision);
    form.put("reason", "forged");
    String before = Files.readString(catalog);
    assertThat(ann.post("/changes/apply", form).statusCode()).isEqualTo(403);
    form.put("csrf", "not-the-token");
    HttpResponse<String> r = ann.post("/changes/apply", form);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("CSRF");
    assertThat(Files.readString(catalog)).isEqualTo(before);
  }

  @Test
  void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() throws Exception {
    Browser b = browser();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertThat(b.login("lou", "wrong password " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = b.login("lou", PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body()).contains("locked");
    assertThat(b.get("/flags").uri().getPath()).isEqualTo("/login");
  }

  @Test
  void aLoginWithoutTheLoginFormsTokenIsRefused() throws Exception {
    Browser b = browser();
    assertThat(b.post("/login", Map.of("name", "ann", "password", PASSWORD)).statusCode()).isEqualTo(403);
  }

  @Test
  void theKillSwitchIsSavedWithItsReasonInTheAuditTrail() throws Exception {
    Browser ann = browser().loggedIn("ann");
    HttpResponse<String> r = ann.change(kill("disable-registration", "default", true), ann.revision("disable-registration"),
        "sign-up abuse from one network");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Saved").contains("within about 200 ms");
    assertThat(Files.readString(catalog)).contains("    enabled: true\n    default: on");
    List<AuditTrail.Entry> audit = AuditTrail.read(CatalogStore.auditFile(catalog), 100);
    assertThat(audit).anySatisfy(e -> {
      assertThat(e.user()).isEqualTo("ann");
      assertThat(e.reason()).isEqualTo("sign-up abuse from one network");
      assertThat(e.diff()).contains("-    enabled: false").contains("+    enabled: true");
    });
    assertThat(ann.get("/audit").body()).contains("sign-up abuse from one network");
  }

  @Test
  void theSecondOfTwoSavesOnTheSameRevisionGetsAConflictAndNothingIsOverwritten() throws Exception {
    Browser ann = browser().loggedIn("ann");
    Browser ed = browser().loggedIn("ed");
    String revision = ann.revision("api-count-field");
    assertThat(ed.revision("api-count-field")).isEqualTo(revision);
    HttpResponse<String> first = ann.change(Map.of("action", "ramp", "flag", "api-count-field", "env", "default",
        "percent", "10"), revision, "first step");
    assertThat(first.statusCode()).isEqualTo(200);
    HttpResponse<String> second = ed.change(Map.of("action", "ramp", "flag", "api-count-field", "env", "default",
        "percent", "50"), revision, "too fast");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains("Someone else changed the catalog first").contains("+    percentage: 10");
    assertThat(Files.readString(catalog)).contains("percentage: 10").doesNotContain("percentage: 50");
  }

  @Test
  void aProductionChangeWaitsForAnotherApprover() throws Exception {
    Browser ed = browser().loggedIn("ed");
    String before = Files.readString(catalog);
    HttpResponse<String> r = ed.change(kill("log-level", "production", false), ed.revision("log-level"), "quiet prod");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Waiting for approval");
    assertThat(Files.readString(catalog)).isEqualTo(before);

    Browser pat = browser().loggedIn("pat");
    String page = pat.get("/approvals").body();
    Matcher accept = Pattern.compile("action=\"(/approvals/[^\"]+/accept)\"").matcher(page);
    assertThat(accept.find()).isTrue();
    // The author cannot accept their own change.
    ed.get("/approvals");
    assertThat(ed.post(accept.group(1), Map.of("csrf", ed.csrf)).statusCode()).isEqualTo(403);
    HttpResponse<String> accepted = pat.post(accept.group(1), Map.of("csrf", pat.csrf));
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(Files.readString(catalog)).contains("environments: { production: { enabled: false } }");
    assertThat(AuditTrail.read(CatalogStore.auditFile(catalog), 100)).anySatisfy(e ->
        assertThat(e.user()).isEqualTo("ed (approved by pat)"));
  }

  @Test
  void aNewFlagIsAddedAndThePageSaysItNeedsAGateAndABuild() throws Exception {
    Browser ann = browser().loggedIn("ann");
    String revision = ann.revision("log-level");
    HttpResponse<String> r = ann.change(Map.of("action", "new", "key", "dark-mode",
        "fields", "description: A dark theme\nowner: web-team\nkind: release\ndefault: off"), revision, "design ready");
    // A new flag is part of every environment, production too: it waits for approval there.
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Waiting for approval");
    Browser pat = browser().loggedIn("pat");
    Matcher accept = Pattern.compile("action=\"(/approvals/[^\"]+/accept)\"").matcher(pat.get("/approvals").body());
    assertThat(accept.find()).isTrue();
    HttpResponse<String> saved = pat.post(accept.group(1), Map.of("csrf", pat.csrf));
    assertThat(saved.body()).contains("Saved").contains("add a gate").contains("build the application");
    assertThat(Files.readString(catalog)).contains("  dark-mode:\n    description: A dark theme\n    owner: web-team\n");
    assertThat(ann.get("/flags/dark-mode").statusCode()).isEqualTo(200);
  }

  @Test
  void aChangeWithoutAReasonIsNotSaved() throws Exception {
    Browser ann = browser().loggedIn("ann");
    String before = Files.readString(catalog);
    HttpResponse<String> r = ann.change(kill("log-level", "default", false), ann.revision("log-level"), "  ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("every change needs a reason");
    assertThat(Files.readString(catalog)).isEqualTo(before);
  }

  @Test
  void anEditorOfOneEnvironmentCannotChangeAnother() throws Exception {
    Browser ed = browser().loggedIn("ed");
    HttpResponse<String> r = ed.change(kill("log-level", "staging", false), ed.revision("log-level"), "nope");
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void anEditThatWouldBreakTheCatalogIsRefusedWithTheReadersMessage() throws Exception {
    Browser ann = browser().loggedIn("ann");
    String before = Files.readString(catalog);
    HttpResponse<String> r = ann.change(Map.of("action", "rules", "flag", "log-level",
        "block", "  log-level:\n    default: loud\n    variants: { quiet: WARNING }\n"), ann.revision("log-level"), "x");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("would break the catalog").contains("loud");
    assertThat(Files.readString(catalog)).isEqualTo(before);
  }

  @Test
  void apiTokensReadAndChangeWithinTheirRole() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri("/api/flags"))
        .header("Authorization", "Bearer " + viewerToken).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(uri("/api/flags")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).as("without a token").isEqualTo(401);
    assertThat(new ObjectMapper().readTree(list.body()).path("flags").toString()).contains("disable-registration");
    String change = "{\"action\":\"kill\",\"flag\":\"task-form-experiment\",\"env\":\"default\",\"enabled\":\"false\","
        + "\"reason\":\"from the deploy pipeline\"}";
    assertThat(http.send(HttpRequest.newBuilder(uri("/api/changes")).header("Authorization", "Bearer " + viewerToken)
        .POST(HttpRequest.BodyPublishers.ofString(change)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(403);
    assertThat(http.send(HttpRequest.newBuilder(uri("/api/changes")).header("Authorization", "Bearer wrong")
        .POST(HttpRequest.BodyPublishers.ofString(change)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
    HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri("/api/changes"))
        .header("Authorization", "Bearer " + editorToken).POST(HttpRequest.BodyPublishers.ofString(change)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(Files.readString(catalog)).contains("enabled: false\n    default: classic");
  }

  @Test
  void whoGetsWhatEvaluatesWithTheRuntime() throws Exception {
    Browser vic = browser().loggedIn("vic");
    String page = vic.get("/who?key=bob&attributes=" + Browser.enc("email=bob@example.com") + "&env=default").body();
    assertThat(page).containsPattern("api-count-field</a></th><td><span class=\"state on\">on</span>");
    assertThat(page).containsPattern("product-TASKS-103-comments</a></th><td><span class=\"state on\">on</span>");
  }
}
