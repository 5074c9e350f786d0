package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Users page: admins add, reset, re-role, disable and delete users; nobody else may; the last admin stays. */
class UserAdminTest {

  private static final List<String> ADMIN_POSTS = List.of("/users/add", "/users/password", "/users/link",
      "/users/roles", "/users/disable", "/users/enable", "/users/delete");

  @TempDir
  Path dir;
  Users users;
  ConsoleServer server;
  String adminToken;

  @BeforeEach
  void start() throws Exception {
    Files.copy(Path.of("../sample-app/flags.yaml"), dir.resolve("flags.yaml"));
    users = new Users(dir.resolve("users.json"), 4);
    users.putUser("ann", Browser.PASSWORD.toCharArray(), Users.parseRoles("admin"));
    users.putUser("vic", Browser.PASSWORD.toCharArray(), Users.parseRoles("viewer"));
    users.putUser("ed", Browser.PASSWORD.toCharArray(), Users.parseRoles("editor"));
    users.putUser("pat", Browser.PASSWORD.toCharArray(), Users.parseRoles("approver"));
    users.putUser("prod", Browser.PASSWORD.toCharArray(), Users.parseRoles("production=admin,default=editor"));
    adminToken = users.putToken("robot", Users.parseRoles("admin"));
    server = new ConsoleServer(new ConsoleConfig(dir.resolve("flags.yaml"), users.file(), "127.0.0.1", 0, null,
        Set.of(), List.of("production"), null, false, false, null)).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Browser as(String name) throws Exception {
    return Browser.notFollowingRedirects(server.port()).loggedIn(name);
  }

  Path audit() {
    return users.file().resolveSibling("users.json.audit.jsonl");
  }

  static Map<String, String> form(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void theUsersPageListsEveryUserWithTheirRolesPerEnvironment() throws Exception {
    Browser ann = as("ann");
    HttpResponse<String> r = ann.get("/users");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<a href=\"/users\">Users</a>", "<th scope=\"col\">every environment</th>",
        "<th scope=\"col\">production</th>", "<a href=\"/users/vic\">vic</a>", "<a href=\"/users/prod\">prod</a>");
    // prod: nothing for every environment, editor in default, admin in production.
    assertThat(r.body().replaceAll(">\\s+<", "><")).contains("<a href=\"/users/prod\">prod</a></th><td></td>"
        + "<td>editor</td><td></td><td>admin</td><td>active</td>");
    assertThat(as("ed").get("/flags").body()).doesNotContain("href=\"/users\"");
  }

  @Test
  void anAdminAddsAUserWithAnInitialPasswordWhoThenLogsIn() throws Exception {
    Browser ann = as("ann");
    ann.get("/users");
    HttpResponse<String> r = ann.submit("/users/add", form("name", "zoe", "role.*", "viewer", "role.production",
        "editor", "method", "password", "password", "zoe's long password", "reason", "joins on-call"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("Added zoe.");
    Browser zoe = Browser.notFollowingRedirects(server.port()).loggedIn("zoe", "zoe's long password");
    assertThat(zoe.get("/flags").body()).contains("zoe <small>(");
    assertThat(Files.readString(users.file())).contains("\"zoe\"").doesNotContain("zoe's long password");
    assertThat(Files.readString(users.file())).containsPattern("\\$2a\\$04\\$");
    String line = Files.readAllLines(audit()).get(0);
    assertThat(line).contains("\"user\":\"ann\"", "\"action\":\"Add user 'zoe'\"", "\"reason\":\"joins on-call\"",
        "*=viewer, production=editor", "\"at\":\"20");
    assertThat(ann.get("/users").body()).contains("Add user", "joins on-call");
  }

  @Test
  void aOneTimeLinkLetsTheNewUserChooseTheirPasswordOnce() throws Exception {
    Browser ann = as("ann");
    ann.get("/users");
    HttpResponse<String> r = ann.submit("/users/add", form("name", "lin", "role.*", "editor", "method", "link",
        "reason", "new hire"));
    Matcher m = Pattern.compile("/set-password\\?token=([A-Za-z0-9_-]+)").matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    String token = m.group(1);
    assertThat(Browser.notFollowingRedirects(server.port()).login("lin", "").statusCode()).isEqualTo(401);
    assertThat(Files.readString(users.file())).doesNotContain(token);

    Browser lin = Browser.notFollowingRedirects(server.port());
    assertThat(lin.get("/set-password?token=" + token).body()).contains("For <strong>lin</strong>");
    HttpResponse<String> mismatch = lin.post("/set-password", form("token", token, "csrf", lin.csrf, "password",
        "lin's long password", "again", "something else"));
    assertThat(mismatch.statusCode()).isEqualTo(400);
    HttpResponse<String> forged = Browser.notFollowingRedirects(server.port()).post("/set-password", form("token", token,
        "password", "attacker's password", "again", "attacker's password"));
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> set = lin.post("/set-password", form("token", token, "csrf", lin.csrf, "password",
        "lin's long password", "again", "lin's long password"));
    assertThat(set.statusCode()).isEqualTo(303);
    Browser.notFollowingRedirects(server.port()).loggedIn("lin", "lin's long password");
    assertThat(lin.get("/set-password?token=" + token).statusCode()).as("used once").isEqualTo(404);
    assertThat(lin.post("/set-password", form("token", token, "csrf", lin.csrf, "password", "another password!",
        "again", "another password!")).statusCode()).isEqualTo(404);
  }

  @Test
  void aLinkWorksFor24HoursAndIsReplacedByANewOne() throws Exception {
    java.time.Instant t0 = java.time.Instant.parse("2026-12-01T10:00:00Z");
    String first = users.passwordLink("ed", t0.plus(ConsoleServer.LINK_VALID));
    assertThat(users.linkUser(first, t0.plus(java.time.Duration.ofHours(23)))).hasValue("ed");
    assertThat(users.linkUser(first, t0.plus(java.time.Duration.ofHours(24)))).isEmpty();
    String second = users.passwordLink("ed", t0.plus(ConsoleServer.LINK_VALID));
    assertThat(users.linkUser(first, t0)).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.useLink(second, "short".toCharArray(), t0))
        .isInstanceOf(EditException.class).hasMessageContaining("at least 12");
    assertThat(users.linkPending("ed")).isTrue();
    assertThat(users.useLink(second, "ed's new password".toCharArray(), t0)).isTrue();
    assertThat(users.linkPending("ed")).isFalse();
    assertThat(users.authenticate("ed", "ed's new password")).isPresent();
  }

  @Test
  void aPasswordLinkForAnExistingUserEndsTheirPasswordAndSessions() throws Exception {
    Browser ed = as("ed");
    Browser ann = as("ann");
    ann.get("/users/ed");
    HttpResponse<String> r = ann.submit("/users/link", form("name", "ed", "reason", "forgot it"));
    assertThat(r.body()).contains("/set-password?token=", "1 session(s) of theirs ended");
    assertThat(ed.isLoggedIn()).isFalse();
    assertThat(Browser.notFollowingRedirects(server.port()).login("ed", Browser.PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void aRoleChangeAppliesToTheUsersNextRequest() throws Exception {
    Browser ed = as("ed");
    String revision = ed.revision("log-level");
    Browser ann = as("ann");
    ann.get("/users/ed");
    HttpResponse<String> r = ann.submit("/users/roles", form("name", "ed", "role.*", "viewer", "role.development",
        "editor", "reason", "moves to dev"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(users.find("ed").orElseThrow().roles()).isEqualTo(Map.of("*", Role.VIEWER, "development", Role.EDITOR));
    HttpResponse<String> refused = ed.change(Map.of("action", "kill", "flag", "log-level", "env", "default",
        "enabled", "false"), revision, "still an editor?");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Files.readAllLines(audit()).get(0)).contains("-roles: *=editor", "+roles: *=viewer, development=editor",
        "moves to dev");
  }

  @Test
  void aDisabledUserIsLoggedOutAndCannotLogInUntilEnabled() throws Exception {
    Browser ed = as("ed");
    Browser ann = as("ann");
    ann.get("/users/ed");
    assertThat(ann.submit("/users/disable", form("name", "ed", "reason", "left the team")).body())
        .contains("ed is disabled");
    assertThat(ed.isLoggedIn()).isFalse();
    assertThat(Browser.notFollowingRedirects(server.port()).login("ed", Browser.PASSWORD).statusCode()).isEqualTo(401);
    assertThat(ann.get("/users").body()).contains("<td>disabled</td>");
    ann.submit("/users/enable", form("name", "ed", "reason", "came back"));
    as("ed");
  }

  @Test
  void aDeletedUserIsGoneWithTheirSessions() throws Exception {
    Browser ed = as("ed");
    Browser ann = as("ann");
    ann.get("/users/ed");
    HttpResponse<String> r = ann.submit("/users/delete", form("name", "ed", "reason", "left"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(users.find("ed")).isEmpty();
    assertThat(ed.isLoggedIn()).isFalse();
    assertThat(ann.get("/users/ed").statusCode()).isEqualTo(404);
    assertThat(Files.readAllLines(audit()).get(0)).contains("Delete user 'ed'", "\"reason\":\"left\"");
  }

  @Test
  void theLastAdminCannotBeDemotedDisabledOrDeleted() throws Exception {
    Browser ann = as("ann");
    ann.get("/users/ann");
    String before = Files.readString(users.file());
    for (Map<String, String> f : List.of(form("name", "ann", "role.*", "editor", "reason", "x"))) {
      HttpResponse<String> r = ann.submit("/users/roles", f);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("last admin");
    }
    assertThat(ann.submit("/users/disable", form("name", "ann", "reason", "x")).body()).contains("last admin");
    assertThat(ann.submit("/users/delete", form("name", "ann", "reason", "x")).body()).contains("last admin");
    assertThat(Files.readString(users.file())).isEqualTo(before);
    assertThat(audit()).doesNotExist();
    // With a second admin, ann may step down.
    ann.submit("/users/roles", form("name", "pat", "role.*", "admin", "reason", "second admin"));
    HttpResponse<String> r = ann.submit("/users/roles", form("name", "ann", "role.*", "editor", "reason", "steps down"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(ann.get("/users").statusCode()).isEqualTo(403);
    Browser pat = as("pat");
    pat.get("/users/pat");
    assertThat(pat.submit("/users/delete", form("name", "pat", "reason", "x")).body()).contains("last admin");
  }

  @Test
  void everyChangeNeedsAReason() throws Exception {
    Browser ann = as("ann");
    ann.get("/users/ed");
    String before = Files.readString(users.file());
    HttpResponse<String> r = ann.submit("/users/disable", form("name", "ed", "reason", " "));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("needs a reason");
    assertThat(Files.readString(users.file())).isEqualTo(before);
  }

  @Test
  void viewersEditorsApproversAndEnvironmentAdminsGet403OnEveryUserRoute() throws Exception {
    String before = Files.readString(users.file());
    for (String name : List.of("vic", "ed", "pat", "prod")) {
      Browser u = as(name);
      assertThat(u.get("/users").statusCode()).as(name + " GET /users").isEqualTo(403);
      assertThat(u.get("/users/ann").statusCode()).as(name + " GET /users/ann").isEqualTo(403);
      for (String route : ADMIN_POSTS) {
        HttpResponse<String> r = u.submit(route, form("name", "ann", "role.*", "viewer", "password",
            "a long enough password", "method", "password", "reason", "takeover"));
        assertThat(r.statusCode()).as(name + " POST " + route).isEqualTo(403);
      }
      HttpResponse<String> add = u.submit("/users/add", form("name", name + "2", "role.*", "admin", "method",
          "password", "password", "a long enough password", "reason", "takeover"));
      assertThat(add.statusCode()).isEqualTo(403);
    }
    assertThat(Files.readString(users.file())).isEqualTo(before);
    assertThat(audit()).doesNotExist();
  }

  @Test
  void userRoutesAreRefusedWithoutTheCsrfTokenAndToApiTokens() throws Exception {
    String before = Files.readString(users.file());
    Browser ann = as("ann");
    for (String route : ADMIN_POSTS) {
      assertThat(ann.post(route, form("name", "ed", "reason", "forged", "role.*", "admin")).statusCode())
          .as(route).isEqualTo(403);
      assertThat(ann.post(route, form("name", "ed", "reason", "forged", "role.*", "admin", "csrf", "nope"))
          .statusCode()).as(route).isEqualTo(403);
    }
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (String route : ADMIN_POSTS) {
      HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(ann.uri(route))
          .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=ed&reason=bot&role.*=admin")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("token " + route).isEqualTo(403);
    }
    assertThat(Files.readString(users.file())).isEqualTo(before);
  }
}
