package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.AppProcess;
import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console in a JVM of its own, started from its packaged jar as the docs start it, on any free port; and its
 * {@code add-user} command, given the password on standard input as a script gives it.
 */
final class ConsoleProcess extends AppProcess {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private URI base;

  private ConsoleProcess(List<String> command) throws IOException {
    super("console", command, Map.of(), null, Duration.ofSeconds(10));
  }

  /**
   * Starts the console with {@code options} (the catalog, the users file...) on {@code port} (0: any free one); see
   * {@link #started}.
   */
  static ConsoleProcess start(List<String> options, int port) throws IOException {
    List<String> command = new ArrayList<>(List.of(TestJvm.java(), "-XX:TieredStopAtLevel=1", "-jar",
        TestJvm.property("console.jar")));
    command.addAll(options);
    command.addAll(List.of("--port", Integer.toString(port)));
    return new ConsoleProcess(command);
  }

  /** Waits until the console listens; its address. */
  URI started() throws InterruptedException {
    if (base == null) {
      base = await(TIMEOUT, "start", lines -> lines.stream().map(LISTENING::matcher).filter(Matcher::find)
          .map(m -> URI.create(m.group(1))).findFirst().orElse(null));
    }
    return base;
  }

  /** Adds a user with {@code role} (such as {@code editor}) and {@code password} to the users file {@code users}. */
  static void addUser(Path users, String name, String role, String password) throws IOException, InterruptedException {
    AppProcess.Exited added = AppProcess.runUntilExit(List.of(TestJvm.java(), "-XX:TieredStopAtLevel=1", "-jar",
        TestJvm.property("console.jar"), "add-user", "--users", users.toString(), "--name", name, "--role", role),
        password + "\n", TIMEOUT);
    assertThat(added.status()).as("add-user %s: %s", name, String.join("\n", added.output())).isZero();
  }
}
