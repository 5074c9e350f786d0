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
  void creditsAConversionToTheVariantTheSameUserWasLastShown() {
    exposures.onEvaluation(served("form", "a"), EvaluationContext.of("ann"));
    exposures.onEvaluation(served("form", "b"), EvaluationContext.of("bob"));
    exposures.onEvaluation(served("form", "b"), EvaluationContext.of("ann"));
    exposures.converted("ann");
    exposures.converted("ann");
    assertThat(exposures.stats().get("form")).isEqualTo(Map.of(
        "a", new Exposures.Stats(1, 1, 0),
        "b", new Exposures.Stats(2, 2, 2)));
  }

  @Test
  void creditsEachExperimentTheUserWasShownAndNothingForOthers() {
    Exposures two = new Exposures(Set.of("form", "color"));
    two.onEvaluation(served("form", "a"), EvaluationContext.of("ann"));
    two.onEvaluation(served("color", "red"), EvaluationContext.of("ann"));
    two.onEvaluation(served("color", "blue"), EvaluationContext.of("bob"));
    two.onEvaluation(served("other", "x"), EvaluationContext.of("cho"));
    two.converted("ann");
    two.converted("cho");
    two.converted("nobody");
    two.converted(null);
    assertThat(two.stats()).isEqualTo(Map.of(
        "form", Map.of("a", new Exposures.Stats(1, 1, 1)),
        "color", Map.of("red", new Exposures.Stats(1, 1, 1), "blue", new Exposures.Stats(1, 1, 0))));
  }

  private static Evaluation served(String flag, String variant) {
    return Evaluation.of(flag, variant, variant, Evaluation.Reason.SPLIT, 0, true);
  }
}
