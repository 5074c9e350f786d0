package dev.turnout.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a console browser test runs: the sample application under the agent (or none), the console from its packaged
 * jar on the same catalog with its own users, and a headless Chromium logged in to it. Closed in the reverse order.
 */
final class ConsoleFixture implements AutoCloseable {

  /** Every user's password. */
  static final String PASSWORD = "a long enough password";

  /** The sample, or null when the test runs none. */
  final SampleProcess sample;
  final HeadlessChromium chromium;
  private final List<String> options;
  ConsoleProcess console;

  private ConsoleFixture(SampleProcess sample, List<String> options, ConsoleProcess console, HeadlessChromium chromium) {
    this.sample = sample;
    this.options = options;
    this.console = console;
    this.chromium = chromium;
  }

  /** As {@link #start(Path, SampleProcess, Map, List)}, without a sample application. */
  static ConsoleFixture start(Path dir, Map<String, String> users, List<String> options) throws Exception {
    return start(dir, null, users, options);
  }

  /**
   * Adds {@code users} (name to role) to {@code dir/users.json} while {@code sample}, already starting, starts; then
   * starts the console with {@code options} and those users, and a browser for it once both listen. Whatever started
   * is stopped if something fails. {@code sample} may be null.
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
      console = ConsoleProcess.start(all, 0);
      if (sample != null) {
        sample.started();
      }
      return new ConsoleFixture(sample, List.copyOf(all), console,
          HeadlessChromium.start(console.started(), dir.resolve("chromium-profile")));
    } catch (Exception | AssertionError e) {
      if (console != null) {
        console.close();
      }
      if (sample != null) {
        sample.close();
      }
      throw e;
    }
  }

  /** Stops the console and starts it again with the same options on the same port, where the browser finds it. */
  void restartConsole() throws Exception {
    int port = console.started().getPort();
    console.close();
    console = ConsoleProcess.start(options, port);
    console.started();
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
      if (sample != null) {
        sample.close();
      }
    }
  }
}
