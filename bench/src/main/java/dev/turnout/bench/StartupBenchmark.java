package dev.turnout.bench;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up of a whole application, with and without the agent: each shot launches {@code java -jar} of the
 * application in a process of its own and ends when the application answers its first HTTP request (any
 * status). The process is stopped after the shot, outside the time measured.
 *
 * <p>By default the application is the sample ({@code ../sample-app/target/turnout-sample-app-*.jar},
 * relative to {@code bench/}, where exec:exec runs), under {@code flags=../sample-app/flags.yaml,env=development}.
 * Another executable jar (a Spring Boot application) is measured with system properties for the fork,
 * given with JMH's {@code -jvmArgsAppend}: {@code -Dbench.startup.jar=PATH},
 * {@code -Dbench.startup.args=--server.port={port}} (space-separated arguments; {@code {port}} and
 * {@code {data}}, a fresh folder per trial, are replaced), {@code -Dbench.startup.path=/} and
 * {@code -Dbench.startup.agent=ARGUMENTS}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
public class StartupBenchmark {

  /** How long one start may take before the shot fails. */
  private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** {@code none}: the application alone; {@code agent}: under {@code -javaagent} with the agent arguments. */
  @Param({"none", "agent"})
  public String agent;

  private Path jar;
  private Path agentJar;
  private Path data;
  private Process process;
  private int port;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    jar = Paths.get(System.getProperty("bench.startup.jar", sampleJar()));
    agentJar = Paths.get("target/turnout-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no application jar at " + jar.toAbsolutePath()
          + ": build it (mvn -B -q -pl sample-app,bench -am package -DskipTests) or set -Dbench.startup.jar");
    }
    if (agent.equals("agent") && !Files.isRegularFile(agentJar)) {
      throw new IllegalStateException("no agent jar at " + agentJar.toAbsolutePath() + ": package the bench module");
    }
    data = Files.createTempDirectory("turnout-startup");
  }

  @TearDown(Level.Trial)
  public void deleteData() throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Setup(Level.Invocation)
  public void choosePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
  }

  @TearDown(Level.Invocation)
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  /** From launching the JVM to the application's first HTTP answer. */
  @Benchmark
  public int startUntilFirstAnswer() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    if (agent.equals("agent")) {
      command.add("-javaagent:" + agentJar + "=" + System.getProperty("bench.startup.agent",
          "flags=../sample-app/flags.yaml,env=development"));
    }
    command.add("-jar");
    command.add(jar.toString());
    for (String arg : System.getProperty("bench.startup.args", "--port {port} --data {data}").split(" ")) {
      if (!arg.isEmpty()) {
        command.add(arg.replace("{port}", String.valueOf(port)).replace("{data}", data.toString()));
      }
    }
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    URL url = new URL("http", "127.0.0.1", port, System.getProperty("bench.startup.path", "/"));
    long end = System.nanoTime() + LIMIT_NANOS;
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application exited with " + process.exitValue() + ": " + command);
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(30_000);
        int status = connection.getResponseCode();
        connection.disconnect();
        return status;
      } catch (ConnectException e) {
        Thread.sleep(2); // not listening yet
      }
    }
    throw new IllegalStateException("no HTTP answer within 60 s: " + command);
  }

  private static String sampleJar() {
    return String.join(File.separator, "..", "sample-app", "target", "turnout-sample-app-0.1.0-SNAPSHOT.jar");
  }
}
