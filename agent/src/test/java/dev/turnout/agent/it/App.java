package dev.turnout.agent.it;

import dev.turnout.testsupport.TestJvm;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test application JVM ({@code ShapesApp} by default) started with or without the freshly built agent jar. */
final class App implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
  private final StringBuffer err = new StringBuffer();
  private final StringBuffer transcript = new StringBuffer();

  private App(Process process) {
    this.process = process;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    pump(process.getInputStream(), line -> {
      transcript.append(line).append('\n');
      out.add(line);
    });
    pump(process.getErrorStream(), line -> err.append(line).append('\n'));
  }

  /** Starts the application; {@code agentArguments} null for none, "" for the agent without arguments. */
  static App start(String agentArguments, String... jvmOptions) throws IOException {
    return startMain("dev.turnout.agent.it.app.ShapesApp", classPath(), agentArguments, jvmOptions);
  }

  /**
   * Starts another application, which answers commands the same way: {@code READY} first, then
   * {@code name=value} lines and {@code END} for each command.
   */
  static App startMain(String mainClass, String classPath, String agentArguments, String... jvmOptions)
      throws IOException {
    return startMain(agentArguments == null ? null : TestJvm.agentJar(), mainClass, classPath, agentArguments, jvmOptions);
  }

  /** Starts {@code ShapesApp} under the agent jar at {@code agentJar}, such as a copy of the one built. */
  static App startWithAgentJar(Path agentJar, String agentArguments, String... jvmOptions) throws IOException {
    return startMain(agentJar, "dev.turnout.agent.it.app.ShapesApp", classPath(), agentArguments, jvmOptions);
  }

  /** Starts the application in {@code jar} as {@code java -jar} does, under the agent jar built. */
  static App startJar(Path jar, String agentArguments) throws IOException {
    return start(TestJvm.agentJar(), agentArguments, new String[0], List.of("-jar", jar.toString()));
  }

  private static App startMain(Path agentJar, String mainClass, String classPath, String agentArguments,
      String... jvmOptions) throws IOException {
    return start(agentJar, agentArguments, jvmOptions, List.of("-cp", classPath, mainClass));
  }

  /** Starts {@code java} with the agent (unless {@code agentArguments} is null), then the options, then what to run. */
  private static App start(Path agentJar, String agentArguments, String[] jvmOptions, List<String> run)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(TestJvm.java());
    command.add("-Xshare:auto");
    if (agentArguments != null) {
      command.add("-javaagent:" + agentJar + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
    }
    command.addAll(List.of(jvmOptions));
    command.addAll(run);
    App app = new App(new ProcessBuilder(command).start());
    app.await("READY");
    return app;
  }

  /**
   * The application's class path: its classes (with the hand-written agent index), turnout-runtime and
   * its dependencies (so the application carries its own copy of the runtime), and another Byte Buddy.
   */
  static String classPath() {
    try {
      String classes = Paths.get(App.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      return String.join(File.pathSeparator, classes, System.getProperty("turnout.it.classpath"),
          System.getProperty("turnout.it.bytebuddy"));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Sends a command and returns the {@code name=value} lines it answered. */
  Map<String, String> command(String command) throws InterruptedException {
    in.println(command);
    Map<String, String> answer = new LinkedHashMap<>();
    for (String line; !(line = next()).equals("END"); ) {
      int eq = line.indexOf('=');
      answer.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return answer;
  }

  private void await(String expected) {
    try {
      for (String line; !(line = next()).equals(expected); ) {
        // skip
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String next() throws InterruptedException {
    String line = out.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new IllegalStateException("no answer from the application within " + TIMEOUT + "; alive="
          + process.isAlive() + ", stdout:\n" + transcript + "\nstderr:\n" + err);
    }
    return line;
  }

  /** Everything the application wrote to standard output so far. */
  String stdout() {
    return transcript.toString();
  }

  /** Everything the application wrote to standard error so far. */
  String stderr() {
    return err.toString();
  }

  /** Waits until standard error contains the text; false after the timeout. */
  boolean awaitStderr(String text, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (err.indexOf(text) >= 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return err.indexOf(text) >= 0;
  }

  /** Asks the application to exit and returns its exit code (-1 when it had to be killed). */
  int exit() throws InterruptedException {
    in.println("exit");
    if (!process.waitFor(App.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    in.println("exit");
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Replaces a file the way deploy tools do: write beside it, then rename over it. */
  static void replace(Path file, String text) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, text);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void pump(InputStream stream, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          sink.accept(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    t.setDaemon(true);
    t.start();
  }
}
