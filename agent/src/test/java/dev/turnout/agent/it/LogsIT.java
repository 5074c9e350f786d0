package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM under {@code -javaagent} whose application brings its own {@link System.LoggerFinder}, as a
 * logging library does: the agent's lines all reach it, and none is written from inside a class file
 * transformer. A line written there enters the application's logging system while the JVM holds the loading
 * lock of the class being transformed; when the logging system, set up on another thread, needs that lock
 * or the agent's, one of the two threads waits (at start, the application's main thread did, for half a
 * second, in about half the starts of the sample application).
 */
class LogsIT {

  @TempDir
  Path dir;

  @Test
  void theAgentsLinesReachTheApplicationsLoggersAndNoneIsWrittenInsideATransformer() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    Path services = dir.resolve("services/META-INF/services/java.lang.System$LoggerFinder");
    Files.createDirectories(services.getParent());
    Files.writeString(services, "dev.turnout.agent.it.app.RecordingLoggers\n");
    String classPath = dir.resolve("services") + File.pathSeparator + App.classPath();
    String log;
    try (App app = App.startMain("dev.turnout.agent.it.app.ShapesApp", classPath, "flags=" + catalog + ",log=debug")) {
      assertThat(app.command("gates")).containsEntry("instance", "alternate s you");
      assertThat(app.exit()).isZero();
      log = app.stderr();
    }
    // Each of these is written for a class being loaded: the index read, the loader's classes, each gate.
    assertThat(log).as(log)
        .contains("LOGGED Turnout agent started: catalog " + catalog)
        .containsPattern("LOGGED Turnout agent: read \\S+ \\(\\d+ classes\\)")
        .containsPattern("LOGGED Turnout agent: \\d+ indexed classes in ")
        .contains("LOGGED Turnout agent: transformed dev.turnout.agent.it.app.Shapes")
        .doesNotContain("LOGGED-IN-TRANSFORM");
    assertThat(log.indexOf("LOGGED Turnout agent started")).as(log)
        .isLessThan(log.indexOf("LOGGED Turnout agent: read "));
  }
}
