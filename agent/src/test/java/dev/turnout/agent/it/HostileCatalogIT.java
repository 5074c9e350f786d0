package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code flags=} that names something other than a catalog file never stops the application from
 * starting: it starts, runs the original bodies, and exits normally.
 */
class HostileCatalogIT {

  @TempDir
  Path dir;

  @Test
  void flagsNamingDevZeroLeavesTheApplicationRunningOnItsOriginalBodies() throws Exception {
    startRunAndExit("/dev/zero");
  }

  @Test
  void flagsNamingAFifoWithoutWriterLeavesTheApplicationRunningOnItsOriginalBodies() throws Exception {
    Path fifo = dir.resolve("flags.yaml");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    startRunAndExit(fifo.toString());
  }

  private static void startRunAndExit(String flags) throws Exception {
    try (App app = App.start("flags=" + flags, "-Dshapes.first=true")) {
      assertThat(app.stdout()).contains("first=original f x");
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.originals());
      assertThat(app.command("probe")).containsEntry("probe", "original p x|false");
      assertThat(app.awaitStderr("is not a regular file", App.TIMEOUT)).isTrue();
      assertThat(app.exit()).isZero();
    }
  }
}
