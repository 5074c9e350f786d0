package dev.turnout.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An application in a JVM of its own, as a sample's integration tests start it, its output (standard output and
 * error) collected line by line. A subclass starts its application and waits ({@link #await}) for what its start
 * prints; {@link #close()} stops it as Ctrl+C does.
 */
public class AppProcess implements AutoCloseable {

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final Duration stopGrace;
  private final Thread reader;

  /**
   * Starts {@code command} in {@code directory} (null: this one) with {@code environment} set and without the
   * outer environment's {@code JAVA_TOOL_OPTIONS}; {@link #close()} gives it {@code stopGrace} to stop. A
   * subclass waits for what its application prints once started.
   */
  protected AppProcess(String name, List<String> command, Map<String, String> environment, Path directory,
      Duration stopGrace) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(environment);
    this.process = builder.start();
    this.stopGrace = stopGrace;
    Process started = process;
    List<String> lines = output;
    this.reader = new Thread(() -> readOutput(started, lines), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Waits until {@code found}, given the lines printed so far, gives a value, and returns it; fails, saying
   * that the application did not {@code what} and with everything it printed, once it has stopped or
   * {@code timeout} has passed.
   */
  public final <T> T await(Duration timeout, String what, Function<List<String>, T> found) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean ended = !process.isAlive();
      if (ended) {
        reader.join(TimeUnit.SECONDS.toMillis(5)); // what it printed last
      }
      T value = found.apply(output());
      if (value != null) {
        return value;
      }
      if (ended || System.nanoTime() > deadline) {
        throw new IllegalStateException("the application did not " + what + ": " + String.join("\n", output));
      }
      Thread.sleep(50);
    }
  }

  /**
   * Runs {@code command}, expecting it to stop by itself within {@code timeout} (as an application does when
   * it cannot start): its exit status and every line it printed.
   */
  public static Exited runUntilExit(List<String> command, Duration timeout) throws IOException, InterruptedException {
    return runUntilExit(command, "", timeout);
  }

  /**
   * Runs {@code command} as {@link #runUntilExit(List, Duration)} does, {@code input} written to its standard input
   * (then closed), as a user types a password into a command that asks for one.
   */
  public static Exited runUntilExit(List<String> command, String input, Duration timeout)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
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
  public record Exited(int status, List<String> output) {}

  private static void readOutput(Process process, List<String> output) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
      }
    } catch (IOException e) {
      // the stream closes as the process is stopped: nothing more to read
    }
  }

  /** Every line printed so far. */
  public final List<String> output() {
    return List.copyOf(output);
  }

  /** How many lines so far match. */
  public final long countLines(Predicate<String> matching) {
    return output.stream().filter(matching).count();
  }

  /** Stops the application (as Ctrl+C or a container stop does) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
