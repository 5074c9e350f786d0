package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every clause operator, evaluated end to end: a flag whose single rule serves {@code on} when the clause holds. */
class OperatorsTest {

  /** Whether the condition (YAML flow syntax) holds for a context, with the clock at {@code now}. */
  static Predicate<EvaluationContext> when(String condition, Instant now) {
    FlagEngine engine = TestEngines.yaml("""
        flags:
          f:
            rules:
              - when: %s
                serve: on
        """.formatted(condition), now);
    return ctx -> {
      Evaluation e = engine.evaluate("f", ctx);
      assertThat(e.reason()).isIn(Evaluation.Reason.TARGETING_MATCH, Evaluation.Reason.DEFAULT);
      return e.reason() == Evaluation.Reason.TARGETING_MATCH;
    };
  }

  static Predicate<EvaluationContext> when(String condition) {
    return when(condition, TestEngines.NOW);
  }

  static EvaluationContext with(String name, String value) {
    return EvaluationContext.of("k").with(name, value);
  }

  static final EvaluationContext NONE = EvaluationContext.of("k").with("other", "x");

  @Nested
  class Equality {
    @Test
    void equalsMatchesAnyOfTheValuesExactly() {
      Predicate<EvaluationContext> p = when("{ attribute: plan, op: equals, values: [pro, enterprise] }");
      assertThat(p).accepts(with("plan", "pro"), with("plan", "enterprise"));
      assertThat(p).rejects(with("plan", "free"), with("plan", "pro "), with("plan", "pr"), with("plan", ""));
    }

    @Test
    void equalsIsCaseSensitive() {
      Predicate<EvaluationContext> p = when("{ attribute: plan, op: equals, values: [pro] }");
      assertThat(p).rejects(with("plan", "Pro"), with("plan", "PRO"));
    }

    @Test
    void missingAttributeNeverMatches() {
      assertThat(when("{ attribute: plan, op: equals, values: [pro] }")).rejects(NONE, EvaluationContext.anonymous());
    }

    @Test
    void numbersWrittenAsNumbersCompareNumericallyWithNumberAttributes() {
      Predicate<EvaluationContext> p = when("{ attribute: seats, op: in, values: [2.0, 10, 1_000] }");
      assertThat(p).accepts(EvaluationContext.of("k").with("seats", 2), EvaluationContext.of("k").with("seats", 2.0),
          EvaluationContext.of("k").with("seats", 1000), with("seats", "10"), with("seats", "2"), with("seats", "1000"));
      assertThat(p).rejects(EvaluationContext.of("k").with("seats", 3), with("seats", "2.0"), with("seats", "1_000"));
      Predicate<EvaluationContext> not = when("{ attribute: seats, op: not_in, values: [2.0] }");
      assertThat(not).accepts(EvaluationContext.of("k").with("seats", 3)).rejects(EvaluationContext.of("k").with("seats", 2));
    }

    @Test
    void emptyValuesListMatchesNothing() {
      assertThat(when("{ attribute: plan, op: equals, values: [] }")).rejects(with("plan", "pro"), with("plan", ""));
      assertThat(when("{ attribute: plan, op: in, values: [] }")).rejects(with("plan", "pro"));
    }

    @Test
    void inWithOneFewAndManyValues() {
      // The matcher specialises for one value, up to four, and more: all three must agree.
      String[] lists = {"[c]", "[a, b, c]", "[a, b, d, e, f, g, c, h]"};
      for (String list : lists) {
        Predicate<EvaluationContext> p = when("{ attribute: x, op: in, values: " + list + " }");
        assertThat(p).as(list).accepts(with("x", "c")).rejects(with("x", "C"), with("x", "z"), NONE);
      }
    }

    @Test
    void numbersAndBooleansCompareByTheirText() {
      Predicate<EvaluationContext> p = when("{ attribute: seats, op: in, values: [12, 40] }");
      assertThat(p).accepts(EvaluationContext.of("k").with("seats", 12), EvaluationContext.of("k").with("seats", 40L),
          EvaluationContext.of("k").with("seats", 12.0), with("seats", "12"));
      assertThat(p).rejects(EvaluationContext.of("k").with("seats", 13), EvaluationContext.of("k").with("seats", 12.5));
      Predicate<EvaluationContext> b = when("{ attribute: beta, op: equals, values: [true] }");
      assertThat(b).accepts(EvaluationContext.of("k").with("beta", true), with("beta", "true"));
      assertThat(b).rejects(EvaluationContext.of("k").with("beta", false));
    }

    @Test
    void notEqualsHoldsWhenPresentAndEqualToNoValue() {
      for (String op : new String[] {"not_equals", "not_in"}) {
        for (String list : new String[] {"[pro]", "[pro, enterprise]", "[a, b, c, d, e, pro]"}) {
          Predicate<EvaluationContext> p = when("{ attribute: plan, op: " + op + ", values: " + list + " }");
          assertThat(p).as(op + " " + list).accepts(with("plan", "free"), with("plan", "Pro"), with("plan", ""));
          assertThat(p).as(op + " " + list).rejects(with("plan", "pro"));
          assertThat(p).as(op + " " + list + ": a missing attribute is not 'different'").rejects(NONE);
        }
      }
      assertThat(when("{ attribute: plan, op: not_in, values: [pro, enterprise] }")).rejects(with("plan", "enterprise"));
    }

    @Test
    void notInWithEmptyValuesHoldsForEveryPresentValue() {
      Predicate<EvaluationContext> p = when("{ attribute: plan, op: not_in, values: [] }");
      assertThat(p).accepts(with("plan", "pro")).rejects(NONE);
    }
  }

  @Nested
  class Strings {
    @Test
    void startsWith() {
      Predicate<EvaluationContext> p = when("{ attribute: email, op: starts_with, values: [admin@, root@] }");
      assertThat(p).accepts(with("email", "admin@example.com"), with("email", "root@x"));
      assertThat(p).rejects(with("email", "Admin@example.com"), with("email", "x-admin@example.com"), NONE);
    }

    @Test
    void endsWith() {
      Predicate<EvaluationContext> p = when("{ attribute: email, op: ends_with, values: [\"@example.com\"] }");
      assertThat(p).accepts(with("email", "ann@example.com"));
      assertThat(p).rejects(with("email", "ann@EXAMPLE.com"), with("email", "ann@example.com.evil"), NONE);
    }

    @Test
    void contains() {
      Predicate<EvaluationContext> p = when("{ attribute: ua, op: contains, values: [Firefox, Safari] }");
      assertThat(p).accepts(with("ua", "Mozilla/5.0 Firefox/120"), with("ua", "Safari"));
      assertThat(p).rejects(with("ua", "mozilla firefox"), with("ua", "Chrome"), NONE);
    }

    @Test
    void emptyValuesListMatchesNothing() {
      for (String op : new String[] {"starts_with", "ends_with", "contains", "matches"}) {
        assertThat(when("{ attribute: a, op: " + op + ", values: [] }")).as(op).rejects(with("a", "x"), with("a", ""));
      }
    }

    @Test
    void numberAttributesAreMatchedByTheirText() {
      assertThat(when("{ attribute: zip, op: starts_with, values: [\"75\"] }"))
          .accepts(EvaluationContext.of("k").with("zip", 75001))
          .rejects(EvaluationContext.of("k").with("zip", 69001));
    }
  }

  @Nested
  class Matches {
    @Test
    void findsThePatternAnywhereUnlessAnchored() {
      Predicate<EvaluationContext> find = when("{ attribute: host, op: matches, values: [\"canary-[0-9]+\"] }");
      assertThat(find).accepts(with("host", "canary-3"), with("host", "eu-canary-12.internal"));
      assertThat(find).rejects(with("host", "canary-x"), NONE);
      Predicate<EvaluationContext> anchored = when("{ attribute: host, op: matches, values: [\"^canary-[0-9]+$\"] }");
      assertThat(anchored).accepts(with("host", "canary-3")).rejects(with("host", "eu-canary-3"), with("host", "canary-3a"));
    }

    @Test
    void isCaseSensitiveUnlessThePatternSaysOtherwise() {
      assertThat(when("{ attribute: h, op: matches, values: [\"^web\"] }")).rejects(with("h", "WEB-1"));
      assertThat(when("{ attribute: h, op: matches, values: [\"(?i)^web\"] }")).accepts(with("h", "WEB-1"));
    }

    @Test
    void anyOfSeveralPatterns() {
      assertThat(when("{ attribute: h, op: matches, values: [\"^a\", \"z$\"] }"))
          .accepts(with("h", "abc"), with("h", "xyz")).rejects(with("h", "mmm"));
    }

    @Test
    void catastrophicBacktrackingPatternReturnsPromptly() {
      // (a+)+$ against "aaaa...!" takes exponential time in a backtracking engine; RE2/J is linear.
      Predicate<EvaluationContext> p = when("{ attribute: s, op: matches, values: [\"(a+)+$\"] }");
      EvaluationContext hostile = with("s", "a".repeat(dev.turnout.internal.catalog.Patterns.MAX_INPUT - 1) + "!");
      Boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.test(hostile));
      assertThat(matched).isFalse();
      assertThat(p).accepts(with("s", "a".repeat(dev.turnout.internal.catalog.Patterns.MAX_INPUT)));
    }
  }

  @Nested
  class Numbers {
    @Test
    void comparisonsAtTheBoundary() {
      assertThat(when("{ attribute: n, op: gt, values: [10] }")).accepts(num(11)).rejects(num(10), num(9));
      assertThat(when("{ attribute: n, op: gte, values: [10] }")).accepts(num(11), num(10)).rejects(num(9));
      assertThat(when("{ attribute: n, op: lt, values: [10] }")).accepts(num(9)).rejects(num(10), num(11));
      assertThat(when("{ attribute: n, op: lte, values: [10] }")).accepts(num(9), num(10)).rejects(num(11));
    }

    @Test
    void longIntegerDoubleAndNumericStringAttributes() {
      Predicate<EvaluationContext> p = when("{ attribute: n, op: gte, values: [2.5] }");
      EvaluationContext k = EvaluationContext.of("k");
      assertThat(p).accepts(k.with("n", 3L), k.with("n", Integer.valueOf(3)), k.with("n", 2.5), k.with("n", "2.5"),
          k.with("n", "3"), k.with("n", "1e3"), k.with("n", Short.valueOf((short) 7)), k.with("n", new java.math.BigDecimal("2.75")));
      assertThat(p).rejects(k.with("n", 2L), k.with("n", Integer.valueOf(2)), k.with("n", 2.49), k.with("n", "2.4999"),
          k.with("n", "-3"));
    }

    @Test
    void negativeAndDecimalThresholds() {
      assertThat(when("{ attribute: t, op: lt, values: [-0.5] }")).accepts(dec(-1.0), with("t", "-0.75")).rejects(dec(-0.5), dec(0));
    }

    @Test
    void holdsWhenAnyValueHolds() {
      assertThat(when("{ attribute: n, op: gt, values: [100, 10] }")).accepts(num(50)).rejects(num(5));
    }

    @Test
    void wrongTypesNeverMatch() {
      for (String op : new String[] {"gt", "gte", "lt", "lte"}) {
        Predicate<EvaluationContext> p = when("{ attribute: n, op: " + op + ", values: [0] }");
        EvaluationContext k = EvaluationContext.of("k");
        assertThat(p).as(op).rejects(
            k.with("n", true), k.with("n", false),
            k.with("n", "abc"), k.with("n", ""), k.with("n", "12abc"),
            k.with("n", "NaN"), k.with("n", "Infinity"), k.with("n", "-Infinity"), k.with("n", "+Infinity"),
            k.with("n", "12f"), k.with("n", "-12d"), k.with("n", "0x1p3"), k.with("n", " 12"), k.with("n", "-1 "),
            k.with("n", Instant.parse("2026-01-01T00:00:00Z")),
            k.with("n", Double.NaN),
            NONE);
      }
    }

    private EvaluationContext num(long n) {
      return EvaluationContext.of("k").with("n", n);
    }

    private EvaluationContext dec(double d) {
      return EvaluationContext.of("k").with("t", d);
    }
  }

  @Nested
  class SemVers {
    @Test
    void eachOperator() {
      assertThat(when("{ attribute: v, op: semver_eq, values: [\"2.4.0\"] }"))
          .accepts(with("v", "2.4.0"), with("v", "2.4"), with("v", "v2.4.0"), with("v", "2.4.0+build.7"))
          .rejects(with("v", "2.4.1"), with("v", "2.4.0-rc.1"));
      assertThat(when("{ attribute: v, op: semver_gt, values: [\"2.4.0\"] }"))
          .accepts(with("v", "2.4.1"), with("v", "2.10.0"), with("v", "10.0.0"))
          .rejects(with("v", "2.4.0"), with("v", "2.3.99"), with("v", "2.4.0-alpha"));
      assertThat(when("{ attribute: v, op: semver_gte, values: [\"2.4.0\"] }"))
          .accepts(with("v", "2.4.0"), with("v", "2.4.1"), with("v", "3"))
          .rejects(with("v", "2.4.0-beta"), with("v", "2.3.9"), with("v", "1.99.99"));
      assertThat(when("{ attribute: v, op: semver_lt, values: [\"2.4.0\"] }"))
          .accepts(with("v", "2.4.0-rc.1"), with("v", "2.3.9"), with("v", "v1"))
          .rejects(with("v", "2.4.0"), with("v", "2.4.0+meta"));
      assertThat(when("{ attribute: v, op: semver_lte, values: [\"2.4.0\"] }"))
          .accepts(with("v", "2.4.0"), with("v", "2.4.0+meta"), with("v", "2.3.0"))
          .rejects(with("v", "2.4.1"), with("v", "2.10"));
    }

    @Test
    void preReleasesFollowSemverPrecedence() {
      Predicate<EvaluationContext> p = when("{ attribute: v, op: semver_lt, values: [\"1.0.0-beta.11\"] }");
      assertThat(p).accepts(with("v", "1.0.0-alpha"), with("v", "1.0.0-alpha.1"), with("v", "1.0.0-alpha.beta"),
          with("v", "1.0.0-beta"), with("v", "1.0.0-beta.2"));
      assertThat(p).rejects(with("v", "1.0.0-beta.11"), with("v", "1.0.0-rc.1"), with("v", "1.0.0"));
    }

    @Test
    void notAVersionNeverMatches() {
      for (String op : new String[] {"semver_eq", "semver_gt", "semver_gte", "semver_lt", "semver_lte"}) {
        Predicate<EvaluationContext> p = when("{ attribute: v, op: " + op + ", values: [\"2.4.0\"] }");
        assertThat(p).as(op).rejects(with("v", "banana"), with("v", "2.x"), with("v", ""), with("v", "2.4.0."),
            with("v", "2.4.0-"), with("v", " 2.4.0"), with("v", "2.4.0.1"), EvaluationContext.of("k").with("v", true),
            NONE);
      }
    }

    @Test
    void numberAttributesReadAsVersions() {
      assertThat(when("{ attribute: v, op: semver_gte, values: [\"2.4\"] }"))
          .accepts(EvaluationContext.of("k").with("v", 3), EvaluationContext.of("k").with("v", 2.5))
          .rejects(EvaluationContext.of("k").with("v", 2));
    }
  }

  @Nested
  class Times {
    private final Instant at = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void instantAttributes() {
      Predicate<EvaluationContext> before = when("{ attribute: signedUp, op: before, values: [\"2026-12-01T09:00:00Z\"] }");
      Predicate<EvaluationContext> after = when("{ attribute: signedUp, op: after, values: [\"2026-12-01T09:00:00Z\"] }");
      EvaluationContext earlier = EvaluationContext.of("k").with("signedUp", at.minusMillis(1));
      EvaluationContext same = EvaluationContext.of("k").with("signedUp", at);
      EvaluationContext later = EvaluationContext.of("k").with("signedUp", at.plusSeconds(1));
      assertThat(before).accepts(earlier).rejects(same, later, NONE);
      assertThat(after).accepts(later).rejects(same, earlier, NONE);
    }

    @Test
    void isoStringAttributes() {
      Predicate<EvaluationContext> before = when("{ attribute: t, op: before, values: [\"2026-12-01T09:00:00Z\"] }");
      assertThat(before).accepts(with("t", "2026-12-01T08:59:59Z"), with("t", "2026-12-01T10:00:00+02:00"),
          with("t", "2026-11-30"));
      assertThat(before).rejects(with("t", "2026-12-01T09:00:00Z"), with("t", "2026-12-01T09:00:00-01:00"),
          with("t", "yesterday"), with("t", "2026-12-01T08:00:00"), with("t", ""));
    }

    @Test
    void otherTypesNeverMatch() {
      Predicate<EvaluationContext> after = when("{ attribute: t, op: after, values: [\"2000-01-01T00:00:00Z\"] }");
      assertThat(after).rejects(EvaluationContext.of("k").with("t", 1_900_000_000_000L),
          EvaluationContext.of("k").with("t", true));
    }

    @Test
    void nowUsesTheEngineClock() {
      String after = "{ attribute: now, op: after, values: [\"2026-12-01T09:00:00Z\"] }";
      String before = "{ attribute: now, op: before, values: [\"2026-12-01T09:00:00Z\"] }";
      EvaluationContext anyone = EvaluationContext.anonymous();
      assertThat(when(after, at.plusMillis(1))).accepts(anyone);
      assertThat(when(after, at)).rejects(anyone);
      assertThat(when(after, at.minusSeconds(3600))).rejects(anyone);
      assertThat(when(before, at.minusMillis(1))).accepts(anyone);
      assertThat(when(before, at)).rejects(anyone);
      // 'now' is the clock, not an attribute that a context could set.
      assertThat(when(before, at.plusSeconds(1))).rejects(EvaluationContext.of("k").with("now", at.minusSeconds(1)));
    }

    @Test
    void anyOfSeveralInstants() {
      Predicate<EvaluationContext> p =
          when("{ attribute: t, op: after, values: [\"2030-01-01T00:00:00Z\", \"2020-01-01T00:00:00Z\"] }");
      assertThat(p).accepts(with("t", "2025-01-01T00:00:00Z")).rejects(with("t", "2019-01-01T00:00:00Z"));
    }
  }

  @Nested
  class ExistsAndKey {
    @Test
    void existsHoldsForAnyPresentValue() {
      Predicate<EvaluationContext> p = when("{ attribute: plan, op: exists }");
      assertThat(p).accepts(with("plan", "pro"), with("plan", ""), EvaluationContext.of("k").with("plan", false),
          EvaluationContext.of("k").with("plan", 0));
      assertThat(p).rejects(NONE, EvaluationContext.anonymous(), with("plan", "pro").with("plan", (String) null));
    }

    @Test
    void keyIsTheTargetingKey() {
      Predicate<EvaluationContext> p = when("{ attribute: key, op: in, values: [user-1, user-2] }");
      assertThat(p).accepts(EvaluationContext.of("user-1"), EvaluationContext.of("user-2").with("plan", "x"));
      assertThat(p).rejects(EvaluationContext.of("user-3"), EvaluationContext.anonymous(),
          EvaluationContext.anonymous().with("user", "user-1"));
      Predicate<EvaluationContext> exists = when("{ attribute: key, op: exists }");
      assertThat(exists).accepts(EvaluationContext.of("anyone")).rejects(EvaluationContext.anonymous());
      assertThat(when("{ attribute: key, op: starts_with, values: [admin-] }"))
          .accepts(EvaluationContext.of("admin-7")).rejects(EvaluationContext.of("user-7"));
    }
  }

  /** The string operators share one implementation per case handling: each, exact and with {@code ignore_case}. */
  @Nested
  class CaseHandling {
    private Predicate<EvaluationContext> clause(String op, String values, boolean ignoreCase) {
      return when("{ attribute: email, op: %s, values: %s, ignore_case: %s }".formatted(op, values, ignoreCase));
    }

    @Test
    void equalsAndInIgnoreCaseOnlyWhenAsked() {
      for (String op : new String[] {"equals", "in"}) {
        assertThat(clause(op, "[Ann@Example.com, bob@example.com]", false))
            .accepts(with("email", "Ann@Example.com"), with("email", "bob@example.com"))
            .rejects(with("email", "ann@example.com"), with("email", "BOB@example.com"), NONE);
        assertThat(clause(op, "[Ann@Example.com, bob@example.com]", true))
            .accepts(with("email", "ann@example.com"), with("email", "BOB@EXAMPLE.COM"))
            .rejects(with("email", "carol@example.com"), with("email", "ann@example.co"), NONE);
      }
    }

    @Test
    void notEqualsAndNotInIgnoreCaseOnlyWhenAskedAndNeedTheAttribute() {
      for (String op : new String[] {"not_equals", "not_in"}) {
        assertThat(clause(op, "[Ann@Example.com]", false))
            .accepts(with("email", "ann@example.com"), with("email", "carol@example.com"))
            .rejects(with("email", "Ann@Example.com"), NONE);
        assertThat(clause(op, "[Ann@Example.com]", true))
            .accepts(with("email", "carol@example.com"))
            .rejects(with("email", "ann@example.com"), with("email", "ANN@EXAMPLE.COM"), NONE);
      }
    }

    @Test
    void startsWithEndsWithAndContainsIgnoreCaseOnlyWhenAsked() {
      assertThat(clause("starts_with", "[Ann, bob]", false)).accepts(with("email", "Ann@x"), with("email", "bob@x"))
          .rejects(with("email", "ann@x"), with("email", "Bob@x"), with("email", "An"), NONE);
      assertThat(clause("starts_with", "[Ann, bob]", true)).accepts(with("email", "ann@x"), with("email", "BOB@x"))
          .rejects(with("email", "carol@x"), with("email", "An"), NONE);
      assertThat(clause("ends_with", "['@Example.com']", false)).accepts(with("email", "a@Example.com"))
          .rejects(with("email", "a@example.com"), with("email", "Example.com"), NONE);
      assertThat(clause("ends_with", "['@Example.com']", true)).accepts(with("email", "a@EXAMPLE.COM"), with("email", "@example.com"))
          .rejects(with("email", "a@example.org"), with("email", "example.com"), NONE);
      assertThat(clause("contains", "[Smith]", false)).accepts(with("email", "j.Smith@x"))
          .rejects(with("email", "j.smith@x"), with("email", "Smit"), NONE);
      assertThat(clause("contains", "[Smith]", true)).accepts(with("email", "j.SMITH@x"), with("email", "smith"))
          .rejects(with("email", "smit"), with("email", "s.mith"), NONE);
    }

    @Test
    void matchesIgnoresCaseOnlyWhenAsked() {
      assertThat(clause("matches", "['^ann@']", false)).accepts(with("email", "ann@x"))
          .rejects(with("email", "ANN@x"), with("email", "bob@x"), NONE);
      assertThat(clause("matches", "['^ann@']", true)).accepts(with("email", "ann@x"), with("email", "ANN@x"))
          .rejects(with("email", "bob@x"), NONE);
    }
  }
}
