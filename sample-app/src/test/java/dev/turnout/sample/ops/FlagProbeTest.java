package dev.turnout.sample.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FlagProbeTest {

  @Test
  void answersWithoutCountingAndFollowsTheVersionsTheEngineApplies() throws Exception {
    AtomicReference<String> text = new AtomicReference<>("flags: { f: { default: on } }");
    CatalogSource source = new CatalogSource() {
      @Override
      public String name() {
        return "test.yaml";
      }

      @Override
      public Content read() throws IOException {
        return new Content("test.yaml", text.get(), CatalogFormat.YAML);
      }
    };
    try (FlagEngine engine = FlagEngine.builder().source(source).environment("production").watch(false).build()) {
      engine.countEvaluations();
      FlagProbe probe = new FlagProbe(engine);
      assertThat(probe.evaluate("f", EvaluationContext.of("ann")).variant()).isEqualTo("on");
      assertThat(engine.evaluationCount("f", "on")).as("the probe's answers are not counted").isZero();

      text.set("flags: { f: { default: off } }");
      probe.refresh();
      assertThat(probe.evaluate("f", EvaluationContext.of("ann")).variant()).as("the engine has not applied it yet")
          .isEqualTo("on");
      engine.reload();
      probe.refresh();
      assertThat(probe.evaluate("f", EvaluationContext.of("ann")).variant()).isEqualTo("off");
    }
  }
}
