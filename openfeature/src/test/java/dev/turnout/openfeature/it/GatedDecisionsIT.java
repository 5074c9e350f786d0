package dev.turnout.openfeature.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.AppProcess;
import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gated methods under the agent follow the application's OpenFeature provider. */
class GatedDecisionsIT {

  /** The catalog the code was checked against: alone, it would greet bob anew and everyone formally. */
  private static final String CATALOG = """
      flags:
        new-greeting:
          default: off
          allow: [bob]
        greeting-style:
          variants: [plain, formal]
          default: formal
      """;

  @TempDir
  Path dir;

  private String run(String agentArguments, String... jvmOptions) throws IOException, InterruptedException {
    Path flags = dir.resolve("flags.yaml");
    Files.writeString(flags, CATALOG);
    List<String> command = new ArrayList<>();
    command.add(TestJvm.java());
    command.add("-javaagent:" + TestJvm.agentJar() + "=" + agentArguments.replace("FLAGS", flags.toString()));
    command.add("-Xshare:off"); // no class data sharing notice on standard error
    command.addAll(List.of(jvmOptions).stream().map(o -> o.replace("FLAGS", flags.toString())).toList());
    command.addAll(List.of("-cp", TestJvm.property("turnout.it.classpath"), DecisionsApp.class.getName()));
    AppProcess.Exited run = AppProcess.runUntilExit(command, Duration.ofMinutes(2));
    String output = String.join("\n", run.output());
    assertThat(run.status()).as(output).isZero();
    return output;
  }

  private static void assertFollowsTheProvider(String output) {
    assertThat(output)
        // No provider yet: the catalog decides.
        .contains("before ann: hello ann, formal").contains("before bob: hi bob, formal")
        // The provider decides, per call and per user, although the catalog serves the style alike to all.
        .contains("provider ann: hi ann, formal").contains("provider bob: hello bob, plain")
        // The provider's flag changes: the next call follows.
        .contains("updated ann: hi ann, formal").contains("updated bob: hi bob, plain")
        .contains("isEnabled(bob)=true")
        .doesNotContain("Exception");
  }

  @Test
  void theAgentsDecisionsArgument() throws Exception {
    String output = run("flags=FLAGS,decisions=openfeature");
    assertThat(output).contains("decisions from openfeature");
    assertFollowsTheProvider(output);
  }

  @Test
  void theSystemProperty() throws Exception {
    assertFollowsTheProvider(run("", "-Dturnout.decisions=openfeature", "-Dturnout.flags=FLAGS"));
  }

  @Test
  void anUnknownSourceIsReportedAndTheCatalogDecides() throws Exception {
    String output = run("flags=FLAGS,decisions=launchdarkly");
    assertThat(output).contains("Turnout agent: decisions=launchdarkly ignored, the catalog decides")
        .contains("found: openfeature")
        .contains("provider ann: hello ann, formal").contains("provider bob: hi bob, formal");
  }
}
