package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogSource;
import dev.turnout.DecisionSource;
import dev.turnout.DecisionSource.Decision;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whether a variant is "enabled" has one answer whoever decides it: the catalog's own rules, or a
 * {@link DecisionSource} naming the same variant for the same reason.
 */
class OneEnabledRuleTest {

  private static final String FLAGD = """
      {"flags": {"switch": {"state": "ENABLED", "variants": {"yes": true, "no": false}, "defaultVariant": "yes",
        "targeting": {"if": [{"==": [{"var": "pick"}, "no"]}, "no", "yes"]}},
        "colour": {"state": "ENABLED", "variants": {"red": "r", "blue": "b"}, "defaultVariant": "red",
        "targeting": {"if": [{"==": [{"var": "pick"}, "blue"]}, "blue", "red"]}}}}
      """;

  private static final String UNLEASH = """
      {"version": 1, "features": [{"name": "beta", "enabled": true, "strategies": [
        {"name": "flexibleRollout", "parameters": {"rollout": "100", "stickiness": "default", "groupId": "beta"},
         "constraints": [{"contextName": "pick", "operator": "IN", "values": ["in"]}]}]}]}
      """;

  private static FlagEngine engine(String name, String text, DecisionSource decisions) {
    FlagEngine.Builder b = FlagEngine.builder().source(CatalogSource.of(name, text)).watch(false).requireValidCatalog();
    return decisions == null ? b.build() : b.decisions(decisions).build();
  }

  private static DecisionSource always(String variant, Evaluation.Reason reason) {
    return (String flagKey, boolean isBoolean, Set<String> variants, EvaluationContext context) ->
        new Decision(variant, reason);
  }

  @Test
  void aFlagdFlagServingItsFalseVariantIsDisabledWhoeverDecides() {
    EvaluationContext pickNo = EvaluationContext.of("u").with("pick", "no");
    try (FlagEngine catalog = engine("flags.json", FLAGD, null);
        FlagEngine decided = engine("flags.json", FLAGD, always("no", Evaluation.Reason.TARGETING_MATCH))) {
      Evaluation byCatalog = catalog.evaluate("switch", pickNo);
      Evaluation bySource = decided.evaluate("switch", pickNo);
      assertThat(byCatalog.variant()).isEqualTo("no");
      assertThat(byCatalog.isEnabled()).isFalse();
      assertThat(bySource.variant()).isEqualTo("no");
      assertThat(bySource.isEnabled()).isEqualTo(byCatalog.isEnabled());
    }
  }

  @Test
  void everyVariantOfAFlagdFlagHasTheSameAnswerEitherWay() {
    for (String[] flagAndVariant : new String[][] {{"switch", "yes"}, {"switch", "no"}, {"colour", "red"}, {"colour", "blue"}}) {
      String flag = flagAndVariant[0];
      String variant = flagAndVariant[1];
      EvaluationContext ctx = EvaluationContext.of("u").with("pick", variant);
      try (FlagEngine catalog = engine("flags.json", FLAGD, null);
          FlagEngine decided = engine("flags.json", FLAGD, always(variant, Evaluation.Reason.TARGETING_MATCH))) {
        Evaluation byCatalog = catalog.evaluate(flag, ctx);
        assertThat(byCatalog.variant()).isEqualTo(variant);
        assertThat(decided.evaluate(flag, ctx).isEnabled()).as("%s serving %s", flag, variant)
            .isEqualTo(byCatalog.isEnabled());
      }
    }
  }

  @Test
  void anUnleashFlagWhoseStrategiesDoNotMatchIsDisabledWhoeverDecides() {
    EvaluationContext out = EvaluationContext.of("u").with("pick", "out");
    try (FlagEngine catalog = engine("flags.json", UNLEASH, null)) {
      Evaluation byCatalog = catalog.evaluate("beta", out);
      assertThat(byCatalog.isEnabled()).isFalse();
      try (FlagEngine decided = engine("flags.json", UNLEASH, always(byCatalog.variant(), byCatalog.reason()))) {
        assertThat(decided.evaluate("beta", out).isEnabled()).isFalse();
      }
    }
  }
}
