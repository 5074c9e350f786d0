package dev.turnout.internal.engine;

import static dev.turnout.internal.engine.Murmur3Test.guavaBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.turnout.Evaluation;
import dev.turnout.Evaluation.Reason;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rollouts end to end: the variant served is the one whose bucket range holds the independently computed bucket. */
class RolloutTest {

  private static final List<String> KEYS = Murmur3Test.keys(10_000, 2026);

  /** The variant whose consecutive range (weights in thousandths, in the order written) holds the bucket. */
  static String expected(int bucket, Map<String, Integer> weights) {
    int upper = 0;
    for (Map.Entry<String, Integer> w : weights.entrySet()) {
      upper += w.getValue();
      if (bucket < upper) {
        return w.getKey();
      }
    }
    throw new AssertionError("weights do not cover bucket " + bucket);
  }

  static Map<String, Integer> weights(Object... nameAndThousandths) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndThousandths.length; i += 2) {
      m.put((String) nameAndThousandths[i], (Integer) nameAndThousandths[i + 1]);
    }
    return m;
  }

  @Test
  void variantIsTheOneWhoseRangeHoldsTheBucket() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          checkout-flow:
            variants: [v1, v2, v3]
            rules:
              - serve: { rollout: { v1: 20, v2: 30.5, v3: 49.5 } }
        """);
    Map<String, Integer> w = weights("v1", 20_000, "v2", 30_500, "v3", 49_500);
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String key : KEYS) {
      Evaluation e = engine.evaluate("checkout-flow", EvaluationContext.of(key));
      assertThat(e.variant()).as("key %s", key).isEqualTo(expected(guavaBucket("checkout-flow", key), w));
      assertThat(e.reason()).isEqualTo(Reason.SPLIT);
      assertThat(e.ruleIndex()).isZero();
      seen.merge(e.variant(), 1, Integer::sum);
    }
    assertThat(seen).containsOnlyKeys("v1", "v2", "v3");
  }

  @Test
  void rangesFollowTheOrderWrittenNotTheDeclarationOrder() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          f:
            variants: [a, b, c]
            rules:
              - serve: { rollout: { c: 10, a: 60, b: 30 } }
        """);
    Map<String, Integer> w = weights("c", 10_000, "a", 60_000, "b", 30_000);
    for (String key : KEYS) {
      assertThat(engine.variant("f", EvaluationContext.of(key))).as(key).isEqualTo(expected(guavaBucket("f", key), w));
    }
  }

  @Test
  void saltOverridesTheFlagKey() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          first:
            rules:
              - serve: { rollout: { on: 50, off: 50 }, salt: shared-experiment }
          second:
            rules:
              - serve: { rollout: { on: 50, off: 50 }, salt: shared-experiment }
          unsalted:
            rules:
              - serve: { rollout: { on: 50, off: 50 } }
        """);
    Map<String, Integer> w = weights("on", 50_000, "off", 50_000);
    int differs = 0;
    for (String key : KEYS) {
      EvaluationContext ctx = EvaluationContext.of(key);
      String first = engine.variant("first", ctx);
      assertThat(first).as(key).isEqualTo(expected(guavaBucket("shared-experiment", key), w));
      assertThat(engine.variant("second", ctx)).as("same salt, same variant: %s", key).isEqualTo(first);
      assertThat(engine.variant("unsalted", ctx)).isEqualTo(expected(guavaBucket("unsalted", key), w));
      if (!first.equals(engine.variant("unsalted", ctx))) {
        differs++;
      }
    }
    assertThat(differs).as("a different salt reshuffles").isBetween(4_000, 6_000);
  }

  @Test
  void byHashesTheNamedAttribute() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          f:
            variants: [v1, v2, v3]
            rules:
              - serve: { rollout: { v1: 50, v2: 25, v3: 25 }, by: accountId }
        """);
    Map<String, Integer> w = weights("v1", 50_000, "v2", 25_000, "v3", 25_000);
    for (String account : KEYS.subList(0, 3_000)) {
      String want = expected(guavaBucket("f", account), w);
      // The targeting key plays no part: different users of one account get the same variant.
      assertThat(engine.variant("f", EvaluationContext.of("user-a").with("accountId", account))).as(account).isEqualTo(want);
      assertThat(engine.variant("f", EvaluationContext.of("user-b").with("accountId", account))).isEqualTo(want);
      assertThat(engine.variant("f", EvaluationContext.anonymous().with("accountId", account))).isEqualTo(want);
    }
    for (long account = 0; account < 1_000; account++) {
      assertThat(engine.variant("f", EvaluationContext.of("u").with("accountId", account)))
          .isEqualTo(expected(guavaBucket("f", Long.toString(account)), w));
    }
  }

  @Test
  void byKeyIsTheTargetingKey() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          f:
            rules:
              - serve: { rollout: { on: 30, off: 70 }, by: key }
        """);
    Map<String, Integer> w = weights("on", 30_000, "off", 70_000);
    for (String key : KEYS.subList(0, 2_000)) {
      assertThat(engine.variant("f", EvaluationContext.of(key).with("key2", "x"))).isEqualTo(expected(guavaBucket("f", key), w));
    }
  }

  @Test
  void contextWithoutTheByAttributeFallsThroughToTheNextRuleThenTheDefault() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          f:
            variants: [v1, v2, v3]
            default: v3
            rules:
              - serve: { rollout: { v1: 50, v2: 50 }, by: accountId }
              - when: { attribute: plan, op: equals, values: [pro] }
                serve: v2
          g:
            variants: [v1, v2, v3]
            default: v3
            rules:
              - serve: { rollout: { v1: 50, v2: 50 } }
        """);
    Evaluation next = engine.evaluate("f", EvaluationContext.of("u").with("plan", "pro"));
    assertThat(next.variant()).isEqualTo("v2");
    assertThat(next.reason()).isEqualTo(Reason.TARGETING_MATCH);
    assertThat(next.ruleIndex()).isEqualTo(1);
    Evaluation fallback = engine.evaluate("f", EvaluationContext.of("u"));
    assertThat(fallback.variant()).isEqualTo("v3");
    assertThat(fallback.reason()).isEqualTo(Reason.DEFAULT);
    Evaluation noKey = engine.evaluate("g", EvaluationContext.anonymous().with("accountId", "a-1"));
    assertThat(noKey.variant()).isEqualTo("v3");
    assertThat(noKey.reason()).isEqualTo(Reason.DEFAULT);
  }

  @Test
  void percentageShorthandIsAnOnOffRolloutSaltedWithTheFlagKey() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          new-checkout:
            percentage: 12.5
        """);
    Map<String, Integer> w = weights("on", 12_500, "off", 87_500);
    for (String key : KEYS) {
      Evaluation e = engine.evaluate("new-checkout", EvaluationContext.of(key));
      assertThat(e.variant()).as(key).isEqualTo(expected(guavaBucket("new-checkout", key), w));
      assertThat(e.isEnabled()).isEqualTo(e.variant().equals("on"));
      assertThat(e.reason()).isEqualTo(Reason.SPLIT);
      assertThat(e.ruleIndex()).isEqualTo(-1);
    }
    Evaluation anonymous = engine.evaluate("new-checkout", EvaluationContext.anonymous());
    assertThat(anonymous.variant()).isEqualTo("off");
    assertThat(anonymous.reason()).isEqualTo(Reason.DEFAULT);
  }

  @Test
  void flagKeysOfEveryLengthModuloFourBucketAsGuavaDoes() {
    // The salt's hash state is computed once per flag; keys of 1 to 9 characters (2 to 10 bytes with the
    // '/') leave every count of its bytes pending for the context's key to complete.
    StringBuilder yaml = new StringBuilder("flags:\n");
    for (int length = 1; length <= 9; length++) {
      yaml.append("  ").append("abcdefghi", 0, length).append(": { percentage: 50 }\n");
    }
    FlagEngine engine = TestEngines.yaml(yaml.toString());
    for (int length = 1; length <= 9; length++) {
      String flag = "abcdefghi".substring(0, length);
      for (String key : KEYS) {
        assertThat(engine.isEnabled(flag, EvaluationContext.of(key))).as("%s for %s", flag, key)
            .isEqualTo(guavaBucket(flag, key) < 50_000);
      }
    }
  }

  @Test
  void zeroWeightVariantsAreNeverServed() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          f:
            variants: [a, b, c]
            rules:
              - serve: { rollout: { a: 0, b: 100, c: 0 } }
        """);
    for (String key : KEYS) {
      assertThat(engine.variant("f", EvaluationContext.of(key))).isEqualTo("b");
    }
  }

  @Test
  void sharesMatchWeightsOnOneHundredThousandKeys() {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          thirds:
            variants: [a, b, c]
            rules:
              - serve: { rollout: { a: 33.333, b: 33.333, c: 33.334 } }
          checkout-flow:
            variants: [v1, v2, v3]
            rules:
              - serve: { rollout: { v1: 50, v2: 25, v3: 25 } }
          uneven:
            variants: [small, rest, tiny]
            rules:
              - serve: { rollout: { small: 5.5, rest: 94, tiny: 0.5 } }
          boolean:
            percentage: 10
        """);
    assertShares(engine, "thirds", Map.of("a", 33.333, "b", 33.333, "c", 33.334));
    assertShares(engine, "checkout-flow", Map.of("v1", 50.0, "v2", 25.0, "v3", 25.0));
    assertShares(engine, "uneven", Map.of("small", 5.5, "rest", 94.0, "tiny", 0.5));
    assertShares(engine, "boolean", Map.of("on", 10.0, "off", 90.0));
  }

  private static void assertShares(FlagEngine engine, String flag, Map<String, Double> weights) {
    int n = 100_000;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(engine.variant(flag, EvaluationContext.of("user-" + i)), 1, Integer::sum);
    }
    assertThat(counts).as(flag).containsOnlyKeys(weights.keySet());
    weights.forEach((variant, weight) ->
        assertThat(100.0 * counts.get(variant) / n).as("%s share of %s", flag, variant).isCloseTo(weight, within(0.5)));
  }
}
