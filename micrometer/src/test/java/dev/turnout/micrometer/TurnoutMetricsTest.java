package dev.turnout.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.testkit.MutableSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TurnoutMetricsTest {
  private static final Instant LOADED = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableSource source = new MutableSource("m.yaml", "flags: { new-checkout: { allow: [ann] } }");
  private final FlagEngine engine = FlagEngine.builder().source(source).watch(false)
      .clock(Clock.fixed(LOADED, ZoneOffset.UTC)).build();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double evaluations(String flag, String variant) {
    return registry.get("turnout.evaluations").tags("flag", flag, "variant", variant).functionCounter().count();
  }

  @Test
  void countsEvaluationsPerFlagAndVariantIncludingFlagsAddedLater() {
    try (TurnoutMetrics metrics = new TurnoutMetrics(engine, Tags.of("engine", "main"),
        Clock.fixed(LOADED.plusSeconds(90), ZoneOffset.UTC))) {
      engine.evaluate("new-checkout", EvaluationContext.of("ann")); // before the bind: not counted
      metrics.bindTo(registry);
      engine.evaluate("new-checkout", EvaluationContext.of("ann"));
      engine.evaluate("new-checkout", EvaluationContext.of("bob"));
      engine.evaluate("new-checkout", EvaluationContext.of("cy"));

      assertThat(evaluations("new-checkout", "on")).isEqualTo(1);
      assertThat(evaluations("new-checkout", "off")).isEqualTo(2);
      assertThat(registry.get("turnout.evaluations").tag("engine", "main").meters()).hasSize(2);
      assertThat(registry.get("turnout.errors").tags("flag", "new-checkout").functionCounter().count()).isZero();

      source.set("flags: { new-checkout: { allow: [ann] }, checkout-flow: { variants: [v1, v2], default: v2 } }");
      assertThat(engine.reload()).isTrue();
      engine.evaluate("checkout-flow", null);

      assertThat(evaluations("checkout-flow", "v2")).isEqualTo(1);
      assertThat(evaluations("checkout-flow", "v1")).isZero();
      assertThat(registry.get("turnout.reloads").functionCounter().count()).isEqualTo(2);
      assertThat(registry.get("turnout.catalog.version").gauge().value()).isEqualTo(2);
    }
  }

  @Test
  void reloadFailuresAndTheCatalogsAge() {
    new TurnoutMetrics(engine, Tags.empty(), Clock.fixed(LOADED.plusSeconds(90), ZoneOffset.UTC)).bindTo(registry);

    source.set("flags: { broken: { default: maybe } }");
    assertThat(engine.reload()).isFalse();

    assertThat(registry.get("turnout.reload.failures").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("turnout.reloads").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("turnout.catalog.age").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(90);
  }

  @Test
  void beforeAnyCatalogTheAgeIsNotANumber() {
    FlagEngine empty = FlagEngine.builder().source(CatalogSource.of("none.yaml", "flags: [")).watch(false).build();
    new TurnoutMetrics(empty).bindTo(registry);

    assertThat(registry.get("turnout.catalog.age").timeGauge().value(TimeUnit.SECONDS)).isNaN();
    assertThat(registry.get("turnout.catalog.version").gauge().value()).isZero();
    assertThat(registry.find("turnout.evaluations").meters()).isEmpty();
    FunctionCounter failures = registry.get("turnout.reload.failures").functionCounter();
    assertThat(failures.count()).isEqualTo(1);
  }
}
