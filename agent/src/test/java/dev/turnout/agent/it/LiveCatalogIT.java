package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external catalog changes while the application runs; gates follow, bad catalogs change nothing. */
class LiveCatalogIT {

  @TempDir
  Path dir;

  @Test
  void aFlipTakesEffectWithinOneSecondAndACorruptCatalogKeepsTheLastGoodRouting() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    try (App app = App.start("flags=" + catalog)) {
      // Warm the gates up, constant-folded for shapes.
      for (int i = 0; i < 200; i++) {
        assertThat(app.command("probe")).containsEntry("probe", "alternate p x|true");
      }

      long flipped = flipAndAwait(app, catalog, Catalogs.OFF, "original p x|false");
      assertThat(flipped).isLessThan(1000);
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.routedUnderOff());

      App.replace(catalog, "flags:\n  shapes: { default: on\n");
      assertThat(app.awaitStderr("rejected catalog", Duration.ofSeconds(5))).isTrue();
      Thread.sleep(300);
      assertThat(app.command("probe")).containsEntry("probe", "original p x|false");
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.routedUnderOff());

      long back = flipAndAwait(app, catalog, Catalogs.ON, "alternate p x|true");
      assertThat(back).isLessThan(1000);
      Map<String, String> answers = new TreeMap<>(app.command("gates"));
      assertThat(answers).isEqualTo(Catalogs.routedUnderOn());
    }
  }

  /** Replaces the catalog, then probes until the answer is {@code expected}: the milliseconds it took. */
  private static long flipAndAwait(App app, Path catalog, String text, String expected) throws Exception {
    long start = System.nanoTime();
    App.replace(catalog, text);
    long deadline = start + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      String probe = app.command("probe").get("probe");
      if (probe.equals(expected)) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
      }
      // Both halves always agree: a gate never sees another catalog than a programmatic check.
      assertThat(probe).isIn("alternate p x|true", "original p x|false");
      Thread.sleep(5);
    }
    throw new AssertionError("still not " + expected + " 5 s after the flip; stderr:\n" + app.stderr());
  }
}
