package dev.turnout.sample;

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
 * The sample application running in a JVM of its own, started from the packaged jar the way the README
 * starts it: under the agent ({@code -javaagent:...=flags=CATALOG,env=ENV}), or without it (the catalog
 * then given as {@code -Dturnout.flags}). Its output is collected line by line.
 */
final class SampleProcess extends AppProcess {

  private static final Pattern LISTENING = Pattern.compile("Turnout sample listening on http://localhost:(\\d+)/");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;

  private SampleProcess(List<String> command) throws IOException, InterruptedException {
    super("sample", command, Map.of(), null, Duration.ofSeconds(20));
    try {
      base = await(START_TIMEOUT, "start", SampleProcess::address);
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  private static URI address(List<String> output) {
    for (String line : output) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return URI.create("http://localhost:" + m.group(1) + "/");
      }
    }
    return null;
  }

  /** Starts the application under the agent, reading {@code catalog} in {@code environment} (null: none given). */
  static SampleProcess withAgent(Path catalog, String environment, Path data) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(TestJvm.java());
    command.add("-Xshare:off"); // as the documented command: the agent's bootstrap jar costs CDS its warning
    command.add("-javaagent:" + TestJvm.agentJar() + "=flags=" + catalog + (environment == null ? "" : ",env=" + environment));
    return new SampleProcess(finish(command, data));
  }

  /** Starts the application without the agent: gated methods then always run their original body. */
  static SampleProcess withoutAgent(Path catalog, String environment, Path data)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(TestJvm.java());
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
    command.add(TestJvm.property("sample.jar"));
    command.addAll(arguments);
    return command;
  }

  /**
   * Runs the application under the agent with {@code arguments}, expecting it to stop by itself (as it
   * does when it cannot start): its exit status and every line it printed.
   */
  static AppProcess.Exited runUntilExit(Path catalog, List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(TestJvm.java());
    command.add("-Xshare:off");
    command.add("-javaagent:" + TestJvm.property("turnout.agent.jar") + "=flags=" + catalog);
    return AppProcess.runUntilExit(finish(command, arguments), START_TIMEOUT);
  }

  /** The application's address, such as {@code http://localhost:41234/}. */
  URI base() {
    return base;
  }
}
