package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.internal.catalog.Patterns;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A {@code matches} pattern is matched against at most {@link Patterns#MAX_INPUT} characters: a longer
 * attribute does not match (it never throws), whatever the pattern, in Turnout's and Unleash's form.
 */
class PatternInputTest {

  private static final String TURNOUT = """
      flags:
        p: {rules: [{when: {attribute: a, op: matches, values: ["^x*$"]}, serve: on}]}
        q: {rules: [{when: {attribute: a, op: matches, values: ["^X*$"], ignore_case: true}, serve: on}]}
      """;

  @Test
  void anAttributeAtTheLimitIsMatched() {
    try (FlagEngine engine = TestEngines.yaml(TURNOUT)) {
      EvaluationContext ctx = EvaluationContext.of("u").with("a", "x".repeat(Patterns.MAX_INPUT));
      assertThat(engine.isEnabled("p", ctx)).isTrue();
      assertThat(engine.isEnabled("q", ctx)).isTrue();
    }
  }

  @Test
  void aLongerAttributeDoesNotMatchAndDoesNotThrow() {
    try (FlagEngine engine = TestEngines.yaml(TURNOUT)) {
      EvaluationContext ctx = EvaluationContext.of("u").with("a", "x".repeat(Patterns.MAX_INPUT + 1));
      assertThat(engine.isEnabled("p", ctx)).isFalse();
      assertThat(engine.isEnabled("q", ctx)).isFalse();
      assertThat(engine.evaluate("p", ctx).reason()).isEqualTo(dev.turnout.Evaluation.Reason.DEFAULT);
    }
  }

  @Test
  void theLargestPatternAgainstTheLongestInputStaysFast() {
    // A program near the size limit, run on an attribute at the input limit (the old shape took 65 s).
    String pattern = "(a{60}){60}b";
    assertThat(Patterns.problem(pattern)).isNull();
    String text = "flags:\n  p: {rules: [{when: {attribute: a, op: matches, values: ['" + pattern + "']}, serve: on}]}\n";
    try (FlagEngine engine = TestEngines.yaml(text)) {
      EvaluationContext ctx = EvaluationContext.of("u").with("a", "a".repeat(Patterns.MAX_INPUT));
      boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> engine.isEnabled("p", ctx));
      assertThat(matched).isFalse();
    }
  }
}
