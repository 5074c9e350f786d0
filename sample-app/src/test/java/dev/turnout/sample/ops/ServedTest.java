package dev.turnout.sample.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counting what an engine serves, leaving out what the {@code /flags} page previews. */
class ServedTest {

  @Test
  void countsEvaluationsButNotPreviewsOfTheSameEngine() {
    try (FlagEngine engine = FlagEngine.builder().watch(false)
        .source(CatalogSource.of("test.yaml", "flags: { form: { default: off, allow: [bob] } }"))
        .requireValidCatalog().build()) {
      Served served = new Served();
      Exposures exposures = new Exposures(Set.of("form"));
      engine.addListener(served);
      engine.addListener(exposures);

      engine.evaluate("form", EvaluationContext.of("ann"));
      engine.evaluate("form", EvaluationContext.of("bob"));
      assertThat(Preview.of(() -> engine.evaluate("form", EvaluationContext.of("bob")).variant())).isEqualTo("on");
      assertThat(Preview.active()).isFalse();

      assertThat(served.counts()).isEqualTo(Map.of("form", Map.of("off", 1L, "on", 1L)));
      assertThat(exposures.stats().get("form").get("on").exposures()).isEqualTo(1);
    }
  }
}
