package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One application JVM with the agent on {@code -javaagent} (and a stray argument), an external catalog,
 * an environment, turnout-runtime on its own class path and another Byte Buddy version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatedMethodsIT {

  @TempDir
  static Path dir;
  private App app;

  @BeforeAll
  void start() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    app = App.start("flags=" + catalog + ",env=staging,log=debug,colour=blue",
        "-Dnet.bytebuddy.experimental=true"); // lets the application's older Byte Buddy run on newer JDKs
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void everyShapeTakesTheTrackTheCatalogServes() throws Exception {
    Map<String, String> answers = new TreeMap<>(app.command("gates"));

    assertThat(answers).isEqualTo(Catalogs.routedUnderOn());
  }

  @Test
  void programmaticChecksAndGatesShareOneStateAndTheExternalCatalogWins() throws Exception {
    Map<String, String> state = app.command("state");

    // The application carries its own turnout-runtime, yet resolves the agent's copy.
    assertThat(state).containsEntry("turnout.loader", "bootstrap")
        // The class path catalog serves shapes off; the external one (flags=) serves it on.
        .containsEntry("programmatic.shapes", "true")
        .containsEntry("engine.environment", "staging");
    assertThat(app.command("probe")).containsEntry("probe", "alternate p x|true");
  }

  @Test
  void customClassLoadersAreGatedOrReportedWhenTheyCannotBe() throws Exception {
    Map<String, String> answers = app.command("loaders");

    assertThat(answers).containsEntry("loader.parentFirst", "alternate")
        .containsEntry("loader.childFirst", "alternate") // its own runtime copy reads the same flags=
        .containsEntry("loader.childFirst.runtime", "own")
        .containsEntry("loader.hidden", "original");
    // Standard error is read on a thread of its own: it may trail the answer on standard output.
    assertThat(app.awaitStderr("ChildFirstLoader loads its own copy of turnout-runtime instead of the agent's",
        App.TIMEOUT)).as(app.stderr()).isTrue();
    assertThat(app.awaitStderr("classes of HiddenLoader cannot see dev.turnout.internal.gate.Gate", App.TIMEOUT))
        .as(app.stderr()).isTrue();
  }

  @Test
  void anApplicationWithItsOwnByteBuddyIsUnaffected() throws Exception {
    assertThat(app.command("bytebuddy"))
        .containsEntry("bytebuddy.jar", Path.of(System.getProperty("turnout.it.bytebuddy")).getFileName().toString())
        .containsEntry("bytebuddy.made", "made by the application's Byte Buddy");
  }

  @Test
  void aThrowingGateLeavesTheOriginalResultAndSaysSoOnce() throws Exception {
    app.command("gates");
    Map<String, String> again = app.command("gates");

    assertThat(again).containsEntry("throwingKey", "original");
    String stderr = app.stderr();
    String failure = "the gate of dev.turnout.agent.it.app.Shapes.risky failed; this call runs the original body";
    assertThat(stderr).contains(failure + " (logged once per method): java.lang.IllegalStateException: no key today");
    assertThat(stderr.split(java.util.regex.Pattern.quote(failure), -1)).hasSize(2);
  }

  @Test
  void theAgentReportsItsArgumentsAndWhatItDid() throws Exception {
    app.command("gates");
    String stderr = app.stderr();

    assertThat(stderr)
        .contains("Turnout agent: unknown argument 'colour' ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug, "
            + "source=ADDRESS, cache=DIR, app=NAME, wait=DURATION, plugin=JAR)")
        .contains("Turnout agent: dev.turnout.agent.it.app.Shapes.broken is not gated, it runs its original body:"
            + " no method missing()Ljava/lang/String; in dev.turnout.agent.it.app.Shapes")
        // log=debug: each gate, and the constant folding of a flag served to everyone alike.
        .contains("Turnout agent: gated dev.turnout.agent.it.app.Shapes$Greeter.shout by flag 'shapes'")
        .contains("gate dev.turnout.agent.it.app.Shapes.greet linked to the constant track 1 of flag 'shapes'")
        .contains("gate dev.turnout.agent.it.app.Shapes.forUser linked to evaluate flag 'keyed' per call")
        .doesNotContain("NotIndexed")
        .doesNotContain("cannot transform");
    assertThat(app.awaitStderr("Turnout agent started", Duration.ofSeconds(1))).isTrue();
  }
}
