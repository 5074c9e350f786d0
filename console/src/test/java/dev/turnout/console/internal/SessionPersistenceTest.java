package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions outlive a restart of the console, and end when they must: logout, password change, expiry, forgery. */
class SessionPersistenceTest {

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir
  Path dir;
  Users users;
  ConsoleServer server;
  final MovingClock clock = new MovingClock();

  @BeforeEach
  void files() throws Exception {
    Files.copy(Path.of("../sample-app/flags.yaml"), dir.resolve("flags.yaml"));
    users = new Users(dir.resolve("users.json"), 4);
    users.putUser("ann", Browser.PASSWORD.toCharArray(), Users.parseRoles("admin"));
    users.putUser("ed", Browser.PASSWORD.toCharArray(), Users.parseRoles("editor"));
    server = start(false);
  }

  ConsoleServer start(boolean secureCookies) {
    return new ConsoleServer(new ConsoleConfig(dir.resolve("flags.yaml"), users.file(), "127.0.0.1", 0, null, Set.of(),
        List.of(), null, false, secureCookies, null), clock).start();
  }

  ConsoleServer restart() {
    server.close();
    server = start(false);
    return server;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aSessionOutlivesARestartAndTheFileHoldsNoSessionId() throws Exception {
    Browser ed = Browser.notFollowingRedirects(server.port()).loggedIn("ed");
    String id = ed.cookies.get(ConsoleServer.SESSION_COOKIE);
    ed.port = restart().port();
    assertThat(ed.isLoggedIn()).isTrue();
    // The same CSRF token works after the restart: a change goes through.
    HttpResponse<String> r = ed.change(java.util.Map.of("action", "kill", "flag", "log-level", "env", "default",
        "enabled", "false"), ed.revision("log-level"), "after a restart");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("Saved");

    Path file = Sessions.fileFor(users.file());
    assertThat(Files.readString(file)).contains("\"ed\"").doesNotContain(id);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aPasswordChangeEndsTheSessionsOpenedBeforeItEvenAcrossARestart() throws Exception {
    Browser ed = Browser.notFollowingRedirects(server.port()).loggedIn("ed");
    // As `add-user` on the command line does: a new hash in the users file, the console not told.
    users.setPassword("ed", "another long password".toCharArray());
    assertThat(ed.isLoggedIn()).isFalse();
    ed.port = restart().port();
    assertThat(ed.isLoggedIn()).isFalse();
    assertThat(ed.login("ed", Browser.PASSWORD).statusCode()).isEqualTo(401);
    Browser.notFollowingRedirects(server.port()).loggedIn("ed", "another long password");
  }

  @Test
  void aPasswordResetByAnAdminEndsTheOldSession() throws Exception {
    Browser ed = Browser.notFollowingRedirects(server.port()).loggedIn("ed");
    Browser ann = Browser.notFollowingRedirects(server.port()).loggedIn("ann");
    ann.get("/users/ed");
    HttpResponse<String> r = ann.submit("/users/password", java.util.Map.of("name", "ed", "password",
        "a new password for ed", "reason", "lost laptop"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("1 session(s) of theirs ended");
    assertThat(ed.isLoggedIn()).isFalse();
    ed.port = restart().port();
    assertThat(ed.isLoggedIn()).isFalse();
  }

  @Test
  void aTamperedOrForgedCookieIsRefused() throws Exception {
    Browser ed = Browser.notFollowingRedirects(server.port()).loggedIn("ed");
    String id = ed.cookies.get(ConsoleServer.SESSION_COOKIE);
    Browser tampered = Browser.notFollowingRedirects(server.port());
    tampered.cookies.put(ConsoleServer.SESSION_COOKIE, (id.charAt(0) == 'A' ? 'B' : 'A') + id.substring(1));
    HttpResponse<String> r = tampered.get("/flags");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/login");
    // The hash the sessions file keeps is not a cookie that works.
    String stored = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Sessions.fileFor(users.file()).toFile())
        .path("sessions").fieldNames().next();
    Browser forged = Browser.notFollowingRedirects(server.port());
    forged.cookies.put(ConsoleServer.SESSION_COOKIE, stored);
    assertThat(forged.isLoggedIn()).isFalse();
    forged.cookies.put(ConsoleServer.SESSION_COOKIE, new Sessions(clock).randomId());
    assertThat(forged.isLoggedIn()).isFalse();
    assertThat(ed.isLoggedIn()).isTrue();
  }

  @Test
  void anExpiredSessionIsRefusedAndDroppedFromTheFile() throws Exception {
    Browser ed = Browser.notFollowingRedirects(server.port()).loggedIn("ed");
    clock.now = clock.now.plus(Sessions.IDLE.minus(Duration.ofMinutes(5)));
    assertThat(ed.isLoggedIn()).as("used within the idle time").isTrue();
    clock.now = clock.now.plus(Sessions.IDLE.minus(Duration.ofMinutes(5)));
    assertThat(ed.isLoggedIn()).as("each use renews it").isTrue();
    clock.now = clock.now.plus(Sessions.IDLE.plus(Duration.ofMinutes(1)));
    ed.port = restart().port();
    assertThat(ed.isLoggedIn()).isFalse();
    assertThat(Files.readString(Sessions.fileFor(users.file()))).doesNotContain("\"ed\"");
  }

  @Test
  void logoutEndsTheSessionForGood() throws Exception {
    Browser ed = Browser.notFollowingRedirects(server.port()).loggedIn("ed");
    String id = ed.cookies.get(ConsoleServer.SESSION_COOKIE);
    ed.get("/flags");
    HttpResponse<String> r = ed.submit("/logout", java.util.Map.of());
    assertThat(r.statusCode()).isEqualTo(303);
    Browser replay = Browser.notFollowingRedirects(restart().port());
    replay.cookies.put(ConsoleServer.SESSION_COOKIE, id);
    assertThat(replay.isLoggedIn()).isFalse();
  }

  @Test
  void theCookieKeepsItsFlags() throws Exception {
    server.close();
    server = start(true);
    Browser ed = Browser.notFollowingRedirects(server.port());
    ed.get("/login");
    HttpResponse<String> r = ed.post("/login", java.util.Map.of("name", "ed", "password", Browser.PASSWORD,
        "csrf", ed.csrf));
    assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith(ConsoleServer.SESSION_COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Secure"));
  }
}
