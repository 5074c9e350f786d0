package dev.turnout.etcd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A JVM running {@code dev.turnout.etcd.it.FleetApp} with the freshly built agent, its output collected. */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private volatile String lastVariant;

  private ChildJvm(Process process) {
    this.process = process;
    pump(process.getInputStream(), line -> {
      out.append(line).append('\n');
      if (line.startsWith("variant=")) {
        lastVariant = line.substring("variant=".length());
      }
    });
    pump(process.getErrorStream(), line -> err.append(line).append('\n'));
  }

  /** The agent jar built by this reactor's agent module. */
  static Path agentJar() {
    return existing("turnout.agent.jar");
  }

  /** The etcd plug-in jar built by this module's package phase. */
  static Path pluginJar() {
    return existing("turnout.etcd.plugin");
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new IllegalStateException("no file at -D" + property + "=" + value + ": run the ITs with mvn verify");
    }
    return Path.of(value);
  }

  /** Starts {@code FleetApp} with {@code -javaagent:AGENT=ARGUMENTS} and the JVM options. */
  static ChildJvm start(Path agent, String arguments, List<String> jvmOptions, String... appArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agent + (arguments == null ? "" : "=" + arguments));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("turnout.it.classes"));
    command.add("dev.turnout.etcd.it.FleetApp");
    command.addAll(List.of(appArgs));
    return new ChildJvm(new ProcessBuilder(command).start());
  }

  private static void pump(InputStream stream, Consumer<String> sink) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          sink.accept(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    thread.setDaemon(true);
    thread.start();
  }

  long pid() {
    return process.pid();
  }

  /** The variant the application printed last, or null. */
  String variant() {
    return lastVariant;
  }

  void awaitVariant(String variant, Duration timeout) {
    try {
      Await.until(timeout, "the application serving " + variant, () -> variant.equals(lastVariant));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (last: " + lastVariant + ")\nstderr:\n" + err, e);
    }
  }

  /** Waits for the process to exit; its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + "; stderr:\n" + err);
    }
    return process.exitValue();
  }

  String stdout() {
    return out.toString();
  }

  String stderr() {
    return err.toString();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
