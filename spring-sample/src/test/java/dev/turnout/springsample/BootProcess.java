package dev.turnout.springsample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring sample in a JVM of its own, started the way one of the documented set-ups starts it, its
 * output collected line by line. Spring Boot prints the port Tomcat listens on; a DevTools restart
 * prints it again (the port may change), so {@link #awaitStart(int)} waits for the n-th start.
 */
final class BootProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");
  /** Spring Boot's last line of a start, after the server's. */
  private static final Pattern STARTED = Pattern.compile("Started \\w+ in ");
  /** Generous: several builds may share this machine's cores while a Spring context starts. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();

  private BootProcess(List<String> command, Map<String, String> environment, Path directory) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(environment);
    process = builder.start();
    Thread reader = new Thread(this::readOutput, "spring-sample-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} in {@code directory} with these environment variables set, and waits for its server. */
  static BootProcess start(List<String> command, Map<String, String> environment, Path directory)
      throws IOException, InterruptedException {
    BootProcess started = new BootProcess(command, environment, directory);
    try {
      started.awaitStart(1);
    } catch (RuntimeException | InterruptedException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** The {@code -javaagent:} option for the agent jar the reactor built, reading {@code catalog}, logging each class it gates. */
  static String agentOption(Path catalog) {
    Path agent = Path.of(property("turnout.agent.jar"));
    if (!Files.isRegularFile(agent)) {
      throw new IllegalStateException("no agent jar at " + agent + ": build the agent module first");
    }
    return "-javaagent:" + agent + "=flags=" + catalog + ",log=debug";
  }

  /** The JVM running the tests (the one Maven runs on). */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The JVM options every start uses: fast start for short-lived JVMs, no CDS warning under the agent. */
  static List<String> jvmOptions() {
    return new ArrayList<>(List.of(java(), "-Xshare:off", "-XX:TieredStopAtLevel=1"));
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set (run the tests with Maven)");
    }
    return value;
  }

  /**
   * Waits until the application has started {@code count} times (a DevTools restart starts it again),
   * its server and then the whole context, and returns its address as of that start.
   */
  URI awaitStart(int count) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      List<String> ports = new ArrayList<>();
      int started = 0;
      for (String line : output) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          ports.add(m.group(1));
        }
        if (STARTED.matcher(line).find()) {
          started++;
        }
      }
      if (ports.size() >= count && started >= count) {
        return URI.create("http://localhost:" + ports.get(count - 1) + "/");
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the sample did not start " + count + " time(s): " + String.join("\n", output));
      }
      Thread.sleep(50);
    }
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
      }
    } catch (IOException e) {
      // the stream closes as the process is stopped: nothing more to read
    }
  }

  /** Every line printed so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  /** How many lines so far match. */
  long countLines(Predicate<String> matching) {
    return output.stream().filter(matching).count();
  }

  /** Stops the application (as Ctrl+C or a container stop does) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
