package dev.turnout.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample application running in a JVM of its own, started from the packaged jar the way the README
 * starts it: under the agent ({@code -javaagent:...=flags=CATALOG,env=ENV}), or without it (the catalog
 * then given as {@code -Dturnout.flags}). Its output is collected line by line.
 */
final class SampleProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Turnout sample listening on http://localhost:(\\d+)/");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final URI base;

  private SampleProcess(List<String> command) throws IOException, InterruptedException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(this::readOutput, "sample-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Integer port = null;
    while (port == null) {
      for (String line : output) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
      if (port == null) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("the sample did not start: " + String.join("\n", output));
        }
        Thread.sleep(50);
      }
    }
    base = URI.create("http://localhost:" + port + "/");
  }

  /** Starts the application under the agent, reading {@code catalog} in {@code environment} (null: none given). */
  static SampleProcess withAgent(Path catalog, String environment, Path data) throws IOException, InterruptedException {
    Path agent = Path.of(property("turnout.agent.jar"));
    if (!Files.isRegularFile(agent)) {
      throw new IllegalStateException("no agent jar at " + agent + ": build the agent module first");
    }
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xshare:off"); // as the documented command: the agent's bootstrap jar costs CDS its warning
    command.add("-javaagent:" + agent + "=flags=" + catalog + (environment == null ? "" : ",env=" + environment));
    return new SampleProcess(finish(command, data));
  }

  /** Starts the application without the agent: gated methods then always run their original body. */
  static SampleProcess withoutAgent(Path catalog, String environment, Path data)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Dturnout.flags=" + catalog);
    command.add("-Dturnout.env=" + environment);
    return new SampleProcess(finish(command, data));
  }

  private static List<String> finish(List<String> command, Path data) {
    return finish(command, List.of("--port", "0", "--data", data.toString()));
  }

  private static List<String> finish(List<String> command, List<String> arguments) {
    command.add("-XX:TieredStopAtLevel=1"); // these JVMs live for seconds: start fast, skip C2
    command.add("-jar");
    command.add(property("sample.jar"));
    command.addAll(arguments);
    return command;
  }

  /**
   * Runs the application under the agent with {@code arguments}, expecting it to stop by itself (as it
   * does when it cannot start): its exit status and every line it printed.
   */
  static Exited runUntilExit(Path catalog, List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xshare:off");
    command.add("-javaagent:" + property("turnout.agent.jar") + "=flags=" + catalog);
    Process process = new ProcessBuilder(finish(command, arguments)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("still running: " + output);
    }
    return new Exited(process.exitValue(), output.lines().toList());
  }

  /**
   * A run that ended.
   *
   * @param status the exit status
   * @param output the lines printed (standard output and error)
   */
  record Exited(int status, List<String> output) {}

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set (run the tests with Maven)");
    }
    return value;
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The application's address, such as {@code http://localhost:41234/}. */
  URI base() {
    return base;
  }

  /** Every line printed so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  /** How many lines so far match. */
  long countLines(Predicate<String> matching) {
    return output.stream().filter(matching).count();
  }

  /** Stops the application (as Ctrl+C does) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
