package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A segment is compiled once per snapshot however many conditions name it: compiling stays linear in
 * the catalog. (It used to be compiled again at every condition naming it: a 5,000-condition segment
 * named by 20,000 flags made a hundred million matchers.) The time bound is a guard, not a measurement.
 */
class SharedSegmentsTest {

  @Test
  void aLargeSegmentNamedByManyFlagsCompilesOnce() {
    int conditions = 5_000;
    int flags = 20_000;
    StringBuilder sb = new StringBuilder("segments:\n  big: {when: {any: [");
    for (int i = 0; i < conditions; i++) {
      sb.append(i == 0 ? "" : ", ").append("{attribute: n, op: equals, values: [v").append(i).append("]}");
    }
    sb.append("]}}\nflags:\n");
    for (int i = 0; i < flags; i++) {
      sb.append("  f").append(i).append(": {rules: [{when: {segment: big}, serve: on}]}\n");
    }
    String text = sb.toString();
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (FlagEngine engine = TestEngines.yaml(text)) {
        assertThat(engine.isEnabled("f0", EvaluationContext.of("u").with("n", "v4999"))).isTrue();
        assertThat(engine.isEnabled("f19999", EvaluationContext.of("u").with("n", "v4999"))).isTrue();
        assertThat(engine.isEnabled("f19999", EvaluationContext.of("u").with("n", "w"))).isFalse();
      }
    });
  }

  @Test
  void segmentsNamingSegmentsStillMatchThroughTheSharedMatchers() {
    String text = """
        segments:
          a: {keys: [alice]}
          b: {when: {any: [{segment: a}, {attribute: country, op: in, values: [NL]}]}}
          c: {when: {all: [{segment: b}, {not: {segment: a}}]}}
        flags:
          x: {rules: [{when: {segment: c}, serve: on}]}
          y: {rules: [{when: {segment: b}, serve: on}]}
        """;
    try (FlagEngine engine = TestEngines.yaml(text)) {
      assertThat(engine.isEnabled("x", EvaluationContext.of("bob").with("country", "NL"))).isTrue();
      assertThat(engine.isEnabled("x", EvaluationContext.of("alice").with("country", "NL"))).isFalse();
      assertThat(engine.isEnabled("y", EvaluationContext.of("alice"))).isTrue();
      assertThat(engine.isEnabled("y", EvaluationContext.of("bob"))).isFalse();
    }
  }
}
