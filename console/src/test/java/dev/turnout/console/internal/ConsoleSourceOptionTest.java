package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --source}: what the command line refuses before it connects anywhere. */
class ConsoleSourceOptionTest {

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ConsoleCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void wrongSourcesAreNamedAndNothingStarts(@TempDir Path dir) {
    String users = dir.resolve("users.json").toString();
    String[] both = run("--catalog", "flags.yaml", "--source", "etcd://127.0.0.1:2379/k", "--users", users);
    assertThat(both[0]).isEqualTo("2");
    assertThat(both[2]).contains("--catalog FILE or --source etcd://..., not both");
    assertThat(run("--source", "file:flags.yaml", "--users", users)[2])
        .contains("--source takes an etcd address, etcd://HOST:PORT/KEY, not 'file:flags.yaml'");
    assertThat(run("--source", "etcd://127.0.0.1:2379/k?colour=red", "--users", users)[2])
        .contains("Bad etcd address").contains("colour");
    assertThat(run("--source", "etcd://127.0.0.1:2379/k")[2]).contains("--users");
    assertThat(run("--source", "etcd://127.0.0.1:2379/k", "--users", users, "--git")[2])
        .contains("--git commits a catalog file");
    assertThat(run("--source", "etcd://127.0.0.1:2379/k", "--users", users)[2]).contains("no users in");
  }
}
