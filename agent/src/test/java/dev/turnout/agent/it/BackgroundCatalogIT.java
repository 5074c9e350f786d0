package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code flags=} catalog loads on a background thread while the application starts: a gated call
 * made first thing still routes by that catalog, and a load that fails leaves the application running.
 */
class BackgroundCatalogIT {

  @TempDir
  Path dir;

  @Test
  void theApplicationsFirstGatedCallRoutesByTheCatalogAndOneEngineIsCreated() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    try (App app = App.start("flags=" + catalog + ",log=debug", "-Dshapes.first=true")) {
      // The first thing main does, typically while the catalog is still loading: it waits for the catalog.
      assertThat(app.stdout()).contains("first=alternate f x");
      assertThat(app.command("probe")).containsEntry("probe", "alternate p x|true");
      assertThat(app.awaitStderr("Turnout agent started: catalog " + catalog + " (loading in the background)",
          App.TIMEOUT)).isTrue();
      assertThat(app.awaitStderr("Turnout agent: catalog loaded in the background in", App.TIMEOUT)).isTrue();
      // One engine, whichever thread created it: the catalog was read once.
      assertThat(app.stderr().split("version 1 in force", -1)).hasSize(2);
    }
  }

  @Test
  void aCatalogThatFailsToLoadLeavesTheApplicationRunningOnTheOriginalTracksUntilAGoodOneAppears()
      throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, "flags:\n  shapes: { default: on\n");
    try (App app = App.start("flags=" + catalog, "-Dshapes.first=true")) {
      assertThat(app.stdout()).contains("first=original f x");
      assertThat(app.command("probe")).containsEntry("probe", "original p x|false");
      assertThat(app.stderr()).doesNotContain("Turnout agent: cannot");

      App.replace(catalog, Catalogs.ON);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      String probe;
      do {
        probe = app.command("probe").get("probe");
      } while (!probe.equals("alternate p x|true") && System.nanoTime() < deadline);
      assertThat(probe).isEqualTo("alternate p x|true");
    }
  }

  @Test
  void aMissingCatalogLeavesTheApplicationRunningOnTheOriginalTracks() throws Exception {
    Path missing = dir.resolve("absent.yaml");
    try (App app = App.start("flags=" + missing, "-Dshapes.first=true")) {
      assertThat(app.stdout()).contains("first=original f x");
      assertThat(app.command("probe")).containsEntry("probe", "original p x|false");
      assertThat(app.stderr()).contains("no flag catalog at").doesNotContain("Turnout agent: cannot");
    }
  }
}
