package dev.turnout.internal.engine;

import static dev.turnout.internal.engine.OperatorsTest.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** all, any, not and segments. */
class ConditionsTest {

  static EvaluationContext ctx(String key, String... nameValue) {
    EvaluationContext c = EvaluationContext.of(key);
    for (int i = 0; i < nameValue.length; i += 2) {
      c = c.with(nameValue[i], nameValue[i + 1]);
    }
    return c;
  }

  @Test
  void allNeedsEveryCondition() {
    Predicate<EvaluationContext> p = when("""
        { all: [ { attribute: country, op: in, values: [US, CA] },
                 { attribute: appVersion, op: semver_gte, values: ["2.4.0"] } ] }""");
    assertThat(p).accepts(ctx("k", "country", "US", "appVersion", "2.4.0"), ctx("k", "country", "CA", "appVersion", "3"));
    assertThat(p).rejects(ctx("k", "country", "US", "appVersion", "2.3.9"), ctx("k", "country", "FR", "appVersion", "9"),
        ctx("k", "country", "US"));
    assertThat(when("{ all: [ { attribute: a, op: exists } ] }")).accepts(ctx("k", "a", "1")).rejects(ctx("k"));
  }

  @Test
  void anyNeedsOneCondition() {
    Predicate<EvaluationContext> p = when("""
        { any: [ { attribute: plan, op: equals, values: [pro] },
                 { attribute: email, op: ends_with, values: ["@example.com"] },
                 { attribute: key, op: equals, values: [root] } ] }""");
    assertThat(p).accepts(ctx("k", "plan", "pro"), ctx("k", "email", "a@example.com"), ctx("root"),
        ctx("k", "plan", "pro", "email", "a@example.com"));
    assertThat(p).rejects(ctx("k", "plan", "free", "email", "a@example.org"), ctx("k"));
  }

  @Test
  void notInvertsItsCondition() {
    Predicate<EvaluationContext> p = when("{ not: { attribute: plan, op: equals, values: [free] } }");
    assertThat(p).accepts(ctx("k", "plan", "pro"));
    assertThat(p).rejects(ctx("k", "plan", "free"));
    // A clause on a missing attribute does not hold, so its negation does (unlike not_equals).
    assertThat(p).accepts(ctx("k"));
    assertThat(when("{ attribute: plan, op: not_equals, values: [free] }")).rejects(ctx("k"));
    assertThat(when("{ not: { not: { attribute: plan, op: exists } } }")).accepts(ctx("k", "plan", "x")).rejects(ctx("k"));
  }

  @Test
  void nestedCombinations() {
    Predicate<EvaluationContext> p = when("""
        { any: [ { all: [ { attribute: plan, op: equals, values: [pro] },
                          { not: { attribute: country, op: in, values: [FR, DE] } } ] },
                 { attribute: staff, op: equals, values: [true] } ] }""");
    assertThat(p).accepts(ctx("k", "plan", "pro", "country", "US"), ctx("k", "plan", "pro"), ctx("k", "staff", "true"),
        ctx("k", "plan", "free", "country", "FR", "staff", "true"));
    assertThat(p).rejects(ctx("k", "plan", "pro", "country", "FR"), ctx("k", "plan", "free"), ctx("k"));
  }

  private static final String SEGMENTS = """
      flags:
        by-keys:
          rules:
            - when: { segment: listed }
              serve: on
        by-when:
          rules:
            - when: { segment: paying }
              serve: on
        by-both:
          rules:
            - when: { segment: beta-testers }
              serve: on
        nested:
          rules:
            - when: { segment: internal-beta }
              serve: on
        excluded:
          rules:
            - when: { not: { segment: listed } }
              serve: on
        in-any:
          rules:
            - when: { any: [ { segment: listed }, { attribute: plan, op: equals, values: [free] } ] }
              serve: on
      segments:
        listed:
          keys: [user_1, user_2]
        paying:
          when: { attribute: plan, op: in, values: [pro, enterprise] }
        beta-testers:
          keys: [user_789]
          when: { attribute: plan, op: in, values: [pro, enterprise] }
        internal-beta:
          when: { all: [ { segment: beta-testers }, { attribute: email, op: ends_with, values: ["@example.com"] } ] }
      """;

  private static boolean on(String flag, EvaluationContext ctx) {
    FlagEngine engine = TestEngines.yaml(SEGMENTS);
    Evaluation e = engine.evaluate(flag, ctx);
    return e.reason() == Evaluation.Reason.TARGETING_MATCH;
  }

  @Test
  void segmentByKeys() {
    assertThat(on("by-keys", ctx("user_1"))).isTrue();
    assertThat(on("by-keys", ctx("user_2", "plan", "free"))).isTrue();
    assertThat(on("by-keys", ctx("user_3"))).isFalse();
    assertThat(on("by-keys", ctx("USER_1"))).isFalse();
    assertThat(on("by-keys", EvaluationContext.anonymous().with("key2", "user_1"))).isFalse();
  }

  @Test
  void segmentByCondition() {
    assertThat(on("by-when", ctx("anyone", "plan", "pro"))).isTrue();
    assertThat(on("by-when", EvaluationContext.anonymous().with("plan", "enterprise"))).isTrue();
    assertThat(on("by-when", ctx("anyone", "plan", "free"))).isFalse();
    assertThat(on("by-when", ctx("anyone"))).isFalse();
  }

  @Test
  void segmentWithKeysAndConditionAdmitsEither() {
    assertThat(on("by-both", ctx("user_789"))).isTrue();
    assertThat(on("by-both", ctx("user_789", "plan", "free"))).isTrue();
    assertThat(on("by-both", ctx("other", "plan", "pro"))).isTrue();
    assertThat(on("by-both", ctx("other", "plan", "free"))).isFalse();
  }

  @Test
  void segmentReferencingAnotherSegment() {
    assertThat(on("nested", ctx("user_789", "email", "a@example.com"))).isTrue();
    assertThat(on("nested", ctx("x", "plan", "pro", "email", "a@example.com"))).isTrue();
    assertThat(on("nested", ctx("user_789", "email", "a@example.org"))).isFalse();
    assertThat(on("nested", ctx("x", "email", "a@example.com"))).isFalse();
  }

  @Test
  void segmentsInsideNotAndAny() {
    assertThat(on("excluded", ctx("user_1"))).isFalse();
    assertThat(on("excluded", ctx("user_3"))).isTrue();
    assertThat(on("excluded", EvaluationContext.anonymous())).isTrue();
    assertThat(on("in-any", ctx("user_2"))).isTrue();
    assertThat(on("in-any", ctx("user_3", "plan", "free"))).isTrue();
    assertThat(on("in-any", ctx("user_3", "plan", "pro"))).isFalse();
  }
}
