package dev.turnout.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a console browser test runs: the sample application under the agent, the console from its packaged jar on
 * the same catalog with its own users, and a headless Chromium logged in to it. Closed in the reverse order.
 */
final class ConsoleFixture implements AutoCloseable {

  /** Every user's password. */
  static final String PASSWORD = "a long enough password";

  final SampleProcess sample;
  final ConsoleProcess console;
  final HeadlessChromium chromium;

  private ConsoleFixture(SampleProcess sample, ConsoleProcess console, HeadlessChromium chromium) {
    this.sample = sample;
    this.console = console;
    this.chromium = chromium;
  }

  /**
   * Adds {@code users} (name to role) to {@code dir/users.json} while {@code sample}, already starting, starts; then
   * starts the console with {@code options} and those users, and a browser for it once both listen. Whatever started
   * is stopped if something fails.
   */
  static ConsoleFixture start(Path dir, SampleProcess sample, Map<String, String> users, List<String> options)
      throws Exception {
    ConsoleProcess console = null;
    try {
      Path file = dir.resolve("users.json");
      for (Map.Entry<String, String> user : users.entrySet()) {
        ConsoleProcess.addUser(file, user.getKey(), user.getValue(), PASSWORD);
      }
      List<String> all = new ArrayList<>(options);
      all.addAll(List.of("--users", file.toString()));
      console = ConsoleProcess.start(all);
      sample.started();
      return new ConsoleFixture(sample, console, HeadlessChromium.start(console.started(), dir.resolve("chromium-profile")));
    } catch (Exception | AssertionError e) {
      if (console != null) {
        console.close();
      }
      sample.close();
      throw e;
    }
  }

  /** Logs the browser in as {@code name}, saying what the console printed when that fails. */
  void logIn(String name) {
    try {
      chromium.logIn(name, PASSWORD);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nconsole: " + String.join("\n", console.output()), e);
    }
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      console.close();
      sample.close();
    }
  }
}
