package dev.turnout.junit.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.junit.fixtures.AgentFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gated methods follow pins in a test JVM started with the agent, as Surefire's argLine would start it. */
class WithAgentIT {

  private static Result run(boolean withAgent, Path dir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (withAgent) {
      command.add("-javaagent:" + System.getProperty("turnout.agent.jar"));
      command.add("-Xshare:off"); // no class data sharing notice on standard error
    }
    command.add("-cp");
    command.add(System.getProperty("turnout.it.classpath"));
    command.add(RunFixture.class.getName());
    command.add(AgentFixture.class.getName());
    Path out = dir.resolve("out-" + withAgent + ".txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the test JVM ends").isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String output) {}

  @Test
  void gatedMethodsFollowPinsWithTheAgent(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Result r = run(true, dir);

    assertThat(r.output()).contains("Turnout agent started").contains("tests started 6, succeeded 6, failed 0");
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void withoutTheAgentGatedMethodsRunTheirOwnBodies(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Result r = run(false, dir);

    // The pinned tests fail (the original body runs); the unpinned ones pass.
    assertThat(r.output()).contains("tests started 6, succeeded 3, failed 3")
        .contains("expected: <new> but was: <old>");
  }
}
