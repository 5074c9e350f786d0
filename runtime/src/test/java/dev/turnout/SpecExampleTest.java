package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The complete example of flags-format.md, evaluated end to end. */
class SpecExampleTest {

  static String example() throws IOException {
    try (InputStream in = SpecExampleTest.class.getResourceAsStream("/catalogs/spec-example.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static FlagEngine engine(String env, Instant now) throws IOException {
    return FlagEngine.builder()
        .source(CatalogSource.of("flags.yaml", example()))
        .environment(env)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .requireValidCatalog()
        .build();
  }

  @Test
  void releaseFlagServesInternalUsersSegmentAndRollout() throws IOException {
    FlagEngine e = engine(null, Instant.parse("2026-11-20T00:00:00Z"));
    String flag = "product-TASKS-103-comments";
    Evaluation internal = e.evaluate(flag, EvaluationContext.of("u1").with("email", "ann@example.com"));
    assertThat(internal.variant()).isEqualTo("on");
    assertThat(internal.reason()).isEqualTo(Evaluation.Reason.TARGETING_MATCH);
    assertThat(internal.ruleIndex()).isEqualTo(0);

    Evaluation beta = e.evaluate(flag, EvaluationContext.of("user_789"));
    assertThat(beta.variant()).isEqualTo("on");
    assertThat(beta.ruleIndex()).isEqualTo(1);

    Evaluation pro = e.evaluate(flag, EvaluationContext.of("someone").with("plan", "enterprise"));
    assertThat(pro.ruleIndex()).isEqualTo(1);

    Evaluation anonymous = e.evaluate(flag, EvaluationContext.anonymous());
    assertThat(anonymous.reason()).isEqualTo(Evaluation.Reason.DEFAULT);
    assertThat(anonymous.variant()).isEqualTo("off");

    int on = 0;
    for (int i = 0; i < 10_000; i++) {
      Evaluation r = e.evaluate(flag, EvaluationContext.of("user-" + i));
      assertThat(r.reason()).isEqualTo(Evaluation.Reason.SPLIT);
      assertThat(r.ruleIndex()).isEqualTo(2);
      if (r.isEnabled()) {
        on++;
      }
    }
    assertThat(on).isBetween(900, 1100);
  }

  @Test
  void environmentReplacesRules() throws IOException {
    FlagEngine e = engine("development", Instant.parse("2026-11-20T00:00:00Z"));
    Evaluation r = e.evaluate("product-TASKS-103-comments", EvaluationContext.anonymous());
    assertThat(r.variant()).isEqualTo("on");
    assertThat(r.reason()).isEqualTo(Evaluation.Reason.DEFAULT);
  }

  @Test
  void multivariateWithValues() throws IOException {
    FlagEngine e = engine(null, Instant.parse("2026-11-20T00:00:00Z"));
    Evaluation canary = e.evaluate("log-level", EvaluationContext.anonymous().with("host", "canary-3"));
    assertThat(canary.variant()).isEqualTo("debug");
    assertThat(canary.value()).isEqualTo(10L);
    Evaluation normal = e.evaluate("log-level", EvaluationContext.anonymous().with("host", "web-1"));
    assertThat(normal.variant()).isEqualTo("normal");
    assertThat(normal.value()).isEqualTo(20L);
  }
}
