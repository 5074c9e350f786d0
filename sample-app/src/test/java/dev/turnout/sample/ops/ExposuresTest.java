package dev.turnout.sample.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExposuresTest {

  private final Exposures exposures = new Exposures(Set.of("form"));

  @Test
  void countsExposuresAndDistinctUsersOfExperimentsOnly() {
    exposures.onEvaluation(served("form", "a"), EvaluationContext.of("ann"));
    exposures.onEvaluation(served("form", "a"), EvaluationContext.of("ann"));
    exposures.onEvaluation(served("form", "b"), EvaluationContext.of("bob"));
    exposures.onEvaluation(served("other", "a"), EvaluationContext.of("ann"));
    exposures.onEvaluation(served("form", "a"), EvaluationContext.anonymous());
    exposures.onEvaluation(Evaluation.notFound("form"), EvaluationContext.of("cho"));

    assertThat(exposures.stats()).containsOnlyKeys("form");
    assertThat(exposures.stats().get("form")).isEqualTo(Map.of(
        "a", new Exposures.Stats(2, 1, 0),
        "b", new Exposures.Stats(1, 1, 0)));
  }

  @Test
  void countsConversionsOfExposedVariantsOnly() {
    exposures.onEvaluation(served("form", "a"), EvaluationContext.of("ann"));
    exposures.converted("form", "a");
    exposures.converted("form", "made-up");
    exposures.converted("other", "a");
    assertThat(exposures.stats().get("form")).isEqualTo(Map.of("a", new Exposures.Stats(1, 1, 1)));
  }

  private static Evaluation served(String flag, String variant) {
    return Evaluation.of(flag, variant, variant, Evaluation.Reason.SPLIT, 0, true);
  }
}
