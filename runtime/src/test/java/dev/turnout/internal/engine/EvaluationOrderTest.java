package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.Evaluation;
import dev.turnout.Evaluation.Reason;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The evaluation order of flags-format.md: enabled, allow, rules, percentage/schedule, default. */
class EvaluationOrderTest {

  static void assertEvaluation(Evaluation e, String variant, Reason reason, int ruleIndex) {
    assertThat(e.variant()).as("variant of %s", e).isEqualTo(variant);
    assertThat(e.reason()).as("reason of %s", e).isEqualTo(reason);
    assertThat(e.ruleIndex()).as("rule index of %s", e).isEqualTo(ruleIndex);
  }

  static EvaluationContext pro(String key) {
    return EvaluationContext.of(key).with("plan", "pro");
  }

  @Nested
  class Order {
    private final FlagEngine engine = TestEngines.yaml("""
        flags:
          f:
            allow: [vip]
            rules:
              - when: { attribute: plan, op: equals, values: [pro] }
                serve: off
              - when: { attribute: plan, op: in, values: [pro, team] }
                serve: on
            percentage: 100
          dark:
            enabled: false
            allow: [vip]
            rules:
              - serve: on
            percentage: 100
        """);

    @Test
    void allowListComesBeforeRules() {
      assertEvaluation(engine.evaluate("f", pro("vip")), "on", Reason.TARGETING_MATCH, -1);
      assertThat(engine.evaluate("f", pro("vip")).isEnabled()).isTrue();
    }

    @Test
    void firstMatchingRuleWins() {
      assertEvaluation(engine.evaluate("f", pro("u1")), "off", Reason.TARGETING_MATCH, 0);
      assertEvaluation(engine.evaluate("f", EvaluationContext.of("u1").with("plan", "team")), "on", Reason.TARGETING_MATCH, 1);
    }

    @Test
    void percentageAfterRules() {
      assertEvaluation(engine.evaluate("f", EvaluationContext.of("u1").with("plan", "free")), "on", Reason.SPLIT, -1);
    }

    @Test
    void defaultWhenNothingDecides() {
      // No targeting key: the allow list and the percentage cannot apply; no rule matches.
      assertEvaluation(engine.evaluate("f", EvaluationContext.anonymous().with("plan", "free")), "off", Reason.DEFAULT, -1);
    }

    @Test
    void disabledFlagServesOffAndSkipsEverythingElse() {
      for (EvaluationContext ctx : List.of(pro("vip"), pro("u1"), EvaluationContext.anonymous())) {
        Evaluation e = engine.evaluate("dark", ctx);
        assertEvaluation(e, "off", Reason.DISABLED, -1);
        assertThat(e.isEnabled()).isFalse();
        assertThat(e.value()).isEqualTo(false);
      }
    }

    @Test
    void unknownFlag() {
      Evaluation e = engine.evaluate("nope", pro("vip"));
      assertEvaluation(e, null, Reason.FLAG_NOT_FOUND, -1);
      assertThat(e.isEnabled()).isFalse();
      assertThat(e.value()).isNull();
      assertThat(engine.isEnabled("nope", pro("vip"))).isFalse();
    }
  }

  @Nested
  class Multivariate {
    private final FlagEngine engine = TestEngines.yaml("""
        flags:
          explicit:
            variants: [v1, v2, v3]
            default: v2
            off: v3
            rules:
              - when: { attribute: plan, op: equals, values: [pro] }
                serve: v1
          implicit:
            variants: [first, second]
            rules:
              - when: { attribute: plan, op: equals, values: [pro] }
                serve: second
          explicit-off:
            enabled: false
            variants: [v1, v2, v3]
            off: v3
          implicit-off:
            enabled: false
            variants: [first, second]
        """);

    @Test
    void defaultAndOffNameVariants() {
      assertEvaluation(engine.evaluate("explicit", EvaluationContext.of("u")), "v2", Reason.DEFAULT, -1);
      assertEvaluation(engine.evaluate("explicit", pro("u")), "v1", Reason.TARGETING_MATCH, 0);
      assertEvaluation(engine.evaluate("explicit-off", pro("u")), "v3", Reason.DISABLED, -1);
    }

    @Test
    void withoutDefaultOrOffTheFirstVariantServes() {
      assertEvaluation(engine.evaluate("implicit", EvaluationContext.of("u")), "first", Reason.DEFAULT, -1);
      assertEvaluation(engine.evaluate("implicit", pro("u")), "second", Reason.TARGETING_MATCH, 0);
      assertEvaluation(engine.evaluate("implicit-off", pro("u")), "first", Reason.DISABLED, -1);
    }

    @Test
    void isEnabledIsAnyVariantButTheOffVariant() {
      assertThat(engine.evaluate("explicit", pro("u")).isEnabled()).isTrue();
      assertThat(engine.evaluate("explicit", EvaluationContext.of("u")).isEnabled()).isTrue();
      assertThat(engine.evaluate("explicit-off", pro("u")).isEnabled()).isFalse();
      assertThat(engine.evaluate("implicit", EvaluationContext.of("u")).isEnabled()).as("first is the off variant").isFalse();
      assertThat(engine.evaluate("implicit", pro("u")).isEnabled()).isTrue();
    }

    @Test
    void variantsWithoutValuesHaveTheirNameAsValue() {
      assertThat(engine.evaluate("explicit", pro("u")).value()).isEqualTo("v1");
    }
  }

  @Nested
  class Values {
    private final FlagEngine engine = TestEngines.yaml("""
        flags:
          settings:
            variants:
              text: hello
              whole: 30
              decimal: 2.5
              yes: true
              no: false
              limits: { max: 10, names: [a, b], nested: { deep: x } }
              list: [1, two]
            default: text
            off: no
            rules:
              - when: { attribute: v, op: equals, values: [whole] }
                serve: whole
              - when: { attribute: v, op: equals, values: [decimal] }
                serve: decimal
              - when: { attribute: v, op: equals, values: [yes] }
                serve: yes
              - when: { attribute: v, op: equals, values: [no] }
                serve: no
              - when: { attribute: v, op: equals, values: [limits] }
                serve: limits
              - when: { attribute: v, op: equals, values: [list] }
                serve: list
        """);

    private Evaluation eval(String v) {
      return engine.evaluate("settings", EvaluationContext.of("u").with("v", v));
    }

    @Test
    void variantValuesOfEveryKind() {
      assertThat(eval("none").value()).isEqualTo("hello");
      assertThat(eval("whole").value()).isEqualTo(30L);
      assertThat(eval("decimal").value()).isEqualTo(2.5);
      assertThat(eval("yes").value()).isEqualTo(true);
      assertThat(eval("no").value()).isEqualTo(false);
      assertThat(eval("limits").value()).isEqualTo(Map.of("max", 10L, "names", List.of("a", "b"), "nested", Map.of("deep", "x")));
      assertThat(eval("list").value()).isEqualTo(List.of(1L, "two"));
    }

    @Test
    void isEnabledFollowsTheOffVariantNotTheValue() {
      assertThat(eval("no").isEnabled()).as("no is the off variant").isFalse();
      assertThat(eval("yes").isEnabled()).isTrue();
      assertThat(eval("none").isEnabled()).isTrue();
    }

    @Test
    void isEnabledOfAMultivariateFlagIgnoresBooleanValues() {
      FlagEngine e = TestEngines.yaml("""
          flags:
            theme:
              variants: { dark: true, light: false, legacy: true }
              off: legacy
              default: light
              rules:
                - when: { attribute: old, op: exists }
                  serve: legacy
          """);
      Evaluation light = e.evaluate("theme", EvaluationContext.of("u"));
      assertThat(light.value()).isEqualTo(false);
      assertThat(light.isEnabled()).as("light is not the off variant").isTrue();
      Evaluation legacy = e.evaluate("theme", EvaluationContext.of("u").with("old", "1"));
      assertThat(legacy.value()).isEqualTo(true);
      assertThat(legacy.isEnabled()).as("legacy is the off variant").isFalse();
    }

    @Test
    void valuesAreUnmodifiable() {
      @SuppressWarnings("unchecked")
      Map<String, Object> limits = (Map<String, Object>) eval("limits").value();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.put("max", 1L))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Windows {
    private static final String CATALOG = """
        flags:
          launch:
            rules:
              - from: 2026-12-01T09:00:00Z
                until: 2026-12-08T09:00:00Z
                serve: on
              - until: 2026-11-01T00:00:00Z
                serve: on
        """;

    private Evaluation at(String instant) {
      return TestEngines.yaml(CATALOG, Instant.parse(instant)).evaluate("launch", EvaluationContext.of("u"));
    }

    @Test
    void ruleMatchesOnlyInsideItsWindow() {
      assertEvaluation(at("2026-12-01T08:59:59.999Z"), "off", Reason.DEFAULT, -1);
      assertEvaluation(at("2026-12-01T09:00:00Z"), "on", Reason.TARGETING_MATCH, 0);
      assertEvaluation(at("2026-12-05T00:00:00Z"), "on", Reason.TARGETING_MATCH, 0);
      assertEvaluation(at("2026-12-08T08:59:59.999Z"), "on", Reason.TARGETING_MATCH, 0);
      assertEvaluation(at("2026-12-08T09:00:00Z"), "off", Reason.DEFAULT, -1);
    }

    @Test
    void untilAlone() {
      assertEvaluation(at("2026-10-31T23:59:59Z"), "on", Reason.TARGETING_MATCH, 1);
      assertEvaluation(at("2026-11-01T00:00:00Z"), "off", Reason.DEFAULT, -1);
    }

    @Test
    void windowAppliesToRolloutRulesToo() {
      String catalog = """
          flags:
            f:
              rules:
                - from: 2026-12-01T00:00:00Z
                  serve: { rollout: { on: 100, off: 0 } }
          """;
      assertEvaluation(TestEngines.yaml(catalog, Instant.parse("2026-11-30T00:00:00Z")).evaluate("f", EvaluationContext.of("u")),
          "off", Reason.DEFAULT, -1);
      assertEvaluation(TestEngines.yaml(catalog, Instant.parse("2026-12-01T00:00:00Z")).evaluate("f", EvaluationContext.of("u")),
          "on", Reason.SPLIT, 0);
    }
  }

  @Nested
  class Schedule {
    private static final String CATALOG = """
        flags:
          with-base:
            percentage: 100
            schedule:
              - { at: 2026-12-01T09:00:00Z, percentage: 0 }
              - { at: 2026-12-02T09:00:00Z, percentage: 100 }
          without-base:
            schedule:
              - { at: 2026-12-01T09:00:00Z, percentage: 100 }
          steps:
            schedule:
              - { at: 2026-12-01T09:00:00Z, percentage: 1 }
              - { at: 2026-12-02T09:00:00Z, percentage: 10 }
              - { at: 2026-12-03T09:00:00Z, percentage: 50 }
              - { at: 2026-12-04T09:00:00Z, percentage: 100 }
        """;

    private Evaluation at(String flag, String instant, String key) {
      return TestEngines.yaml(CATALOG, Instant.parse(instant)).evaluate(flag, EvaluationContext.of(key));
    }

    @Test
    void beforeTheFirstStepTheFlagsOwnPercentageApplies() {
      assertEvaluation(at("with-base", "2026-12-01T08:59:59Z", "u"), "on", Reason.SPLIT, -1);
      assertEvaluation(at("with-base", "2026-12-01T09:00:00Z", "u"), "off", Reason.SPLIT, -1);
      assertEvaluation(at("with-base", "2026-12-02T09:00:00Z", "u"), "on", Reason.SPLIT, -1);
    }

    @Test
    void beforeTheFirstStepWithoutPercentageNobodyIsOn() {
      assertEvaluation(at("without-base", "2026-12-01T08:59:59Z", "u"), "off", Reason.SPLIT, -1);
      assertEvaluation(at("without-base", "2026-12-01T09:00:00Z", "u"), "on", Reason.SPLIT, -1);
      assertEvaluation(at("without-base", "2030-01-01T00:00:00Z", "u"), "on", Reason.SPLIT, -1);
    }

    @Test
    void eachStepAppliesFromItsInstantOn() {
      String[] instants = {"2026-11-30T00:00:00Z", "2026-12-01T09:00:00Z", "2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z",
          "2026-12-03T12:00:00Z", "2026-12-04T09:00:00Z"};
      int[] percent = {0, 1, 1, 10, 50, 100};
      for (int i = 0; i < instants.length; i++) {
        FlagEngine engine = TestEngines.yaml(CATALOG, Instant.parse(instants[i]));
        int on = 0;
        for (int k = 0; k < 10_000; k++) {
          String key = "user-" + k;
          boolean enabled = engine.isEnabled("steps", EvaluationContext.of(key));
          assertThat(enabled).isEqualTo(Murmur3Test.guavaBucket("steps", key) < percent[i] * 1000);
          on += enabled ? 1 : 0;
        }
        assertThat(on / 100.0).as("at %s", instants[i]).isBetween(percent[i] - 1.0, percent[i] + 1.0);
      }
    }
  }

  @Nested
  class Environments {
    private static final String CATALOG = """
        flags:
          f:
            enabled: true
            variants: [a, b, c, on, off]
            default: a
            off: b
            allow: [vip]
            percentage: 0
            rules:
              - when: { attribute: plan, op: equals, values: [pro] }
                serve: c
            environments:
              no-rules: { rules: [] }
              other-rules:
                rules:
                  - when: { attribute: plan, op: equals, values: [free] }
                    serve: a
              disabled: { enabled: false }
              disabled-off: { enabled: false, off: c }
              default-b: { default: b }
              allow-other: { allow: [vip2] }
              everyone: { percentage: 100 }
              scheduled:
                schedule:
                  - { at: 2026-12-01T00:00:00Z, percentage: 100 }
              not-yet:
                schedule:
                  - { at: 2027-01-01T00:00:00Z, percentage: 100 }
          toggled:
            enabled: false
            environments:
              dev: { enabled: true }
        """;

    private Evaluation eval(String env, EvaluationContext ctx) {
      return TestEngines.yaml(CATALOG, TestEngines.NOW, env).evaluate("f", ctx);
    }

    @Test
    void withoutEnvironmentTheBaseApplies() {
      assertEvaluation(eval(null, pro("u")), "c", Reason.TARGETING_MATCH, 0);
      assertEvaluation(eval(null, EvaluationContext.of("vip")), "on", Reason.TARGETING_MATCH, -1);
      assertEvaluation(eval(null, EvaluationContext.of("u")), "off", Reason.SPLIT, -1);
      assertEvaluation(eval(null, EvaluationContext.anonymous()), "a", Reason.DEFAULT, -1);
      assertEvaluation(eval("unknown-env", pro("u")), "c", Reason.TARGETING_MATCH, 0);
    }

    @Test
    void rulesReplaced() {
      assertEvaluation(eval("no-rules", pro("u").withTargetingKey(null)), "a", Reason.DEFAULT, -1);
      assertEvaluation(eval("other-rules", pro("u")), "off", Reason.SPLIT, -1);
      assertEvaluation(eval("other-rules", EvaluationContext.of("u").with("plan", "free")), "a", Reason.TARGETING_MATCH, 0);
    }

    @Test
    void enabledAndOffReplaced() {
      assertEvaluation(eval("disabled", pro("vip")), "b", Reason.DISABLED, -1);
      assertEvaluation(eval("disabled-off", pro("vip")), "c", Reason.DISABLED, -1);
      Evaluation devToggled = TestEngines.yaml(CATALOG, TestEngines.NOW, "dev").evaluate("toggled", EvaluationContext.of("u"));
      assertEvaluation(devToggled, "off", Reason.DEFAULT, -1);
      assertEvaluation(TestEngines.yaml(CATALOG).evaluate("toggled", EvaluationContext.of("u")), "off", Reason.DISABLED, -1);
    }

    @Test
    void defaultReplaced() {
      assertEvaluation(eval("default-b", EvaluationContext.anonymous()), "b", Reason.DEFAULT, -1);
    }

    @Test
    void allowReplaced() {
      assertEvaluation(eval("allow-other", EvaluationContext.of("vip2")), "on", Reason.TARGETING_MATCH, -1);
      assertEvaluation(eval("allow-other", EvaluationContext.of("vip")), "off", Reason.SPLIT, -1);
    }

    @Test
    void percentageReplaced() {
      assertEvaluation(eval("everyone", EvaluationContext.of("u")), "on", Reason.SPLIT, -1);
    }

    @Test
    void scheduleReplaced() {
      assertEvaluation(eval("scheduled", EvaluationContext.of("u")), "on", Reason.SPLIT, -1);
      assertEvaluation(eval("not-yet", EvaluationContext.of("u")), "off", Reason.SPLIT, -1);
    }

    @Test
    void jsonEnvironmentsMeanTheSame() {
      FlagEngine engine = TestEngines.json("""
          {"flags": {"f": {"default": "off", "environments": {"dev": {"default": "on"}}}}}
          """);
      assertEvaluation(engine.evaluate("f", EvaluationContext.of("u")), "off", Reason.DEFAULT, -1);
    }
  }
}
