package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's refusals, and the trusted-proxy mode. */
class ConsoleCommandTest {

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ConsoleCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void withoutUsersTheConsoleDoesNotStartAndSaysHowToCreateTheFirstAdmin(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of("../sample-app/flags.yaml"), catalog);
    String[] r = run("--catalog", catalog.toString(), "--port", "0");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("no users in").contains("add-user").contains("--role admin");
  }

  @Test
  void badOptionsAreNamed(@TempDir Path dir) {
    assertThat(run("--catalog")[2]).contains("--catalog needs a value");
    assertThat(run("--catalog", dir.resolve("nope.yaml").toString())[2]).contains("no catalog file at");
    assertThat(run("--port", "http")[2]).contains("--port needs a port number");
    assertThat(run("--colour", "x")[2]).contains("unknown option '--colour'");
    assertThat(run("add-user", "--users", dir.resolve("u.json").toString(), "--name", "ann", "--role", "boss")[2])
        .contains("unknown role 'boss'");
  }

  @Test
  void aTooShortPasswordIsRefused(@TempDir Path dir) {
    Users users = new Users(dir.resolve("users.json"), 4);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.putUser("ann", "short".toCharArray(),
        Users.parseRoles("admin"))).hasMessageContaining("at least 12 characters");
    assertThat(users.isEmpty()).isTrue();
  }

  @Test
  void behindAProxyTheHeaderNamesTheUserAndUnknownUsersAreRefused(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of("../sample-app/flags.yaml"), catalog);
    Users users = new Users(dir.resolve("users.json"), 4);
    users.putUser("vic", "a long enough password".toCharArray(), Users.parseRoles("viewer"));
    try (ConsoleServer server = new ConsoleServer(new ConsoleConfig(catalog, users.file(), "127.0.0.1", 0,
        "X-Forwarded-User", Set.of(), List.of(), null, false, false, null)).start()) {
      HttpClient http = HttpClient.newHttpClient();
      URI flags = URI.create("http://127.0.0.1:" + server.port() + "/flags");
      HttpResponse<String> vic = http.send(HttpRequest.newBuilder(flags).header("X-Forwarded-User", "vic").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(vic.statusCode()).isEqualTo(200);
      assertThat(vic.body()).contains("vic <small>(viewer)</small>").contains("disable-registration");
      assertThat(http.send(HttpRequest.newBuilder(flags).header("X-Forwarded-User", "mallory").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
      assertThat(http.send(HttpRequest.newBuilder(flags).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(401);
    }
  }
}
