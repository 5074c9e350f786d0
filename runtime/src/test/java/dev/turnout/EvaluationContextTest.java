package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvaluationContextTest {

  @Test
  void isImmutableAndTyped() {
    EvaluationContext base = EvaluationContext.of("u1");
    EvaluationContext ctx = base.with("plan", "pro").with("seats", 12).with("ratio", 0.5).with("beta", true)
        .with("since", Instant.parse("2026-01-05T10:00:00Z")).with("big", new BigDecimal("2.50")).with("small", (Number) 7);
    assertThat(base.attributes()).isEmpty();
    assertThat(ctx.get("plan")).isEqualTo("pro");
    assertThat(ctx.get("seats")).isEqualTo(12L);
    assertThat(ctx.get("ratio")).isEqualTo(0.5);
    assertThat(ctx.get("beta")).isEqualTo(true);
    assertThat(ctx.get("since")).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    assertThat(ctx.get("big")).isEqualTo(2.5);
    assertThat(ctx.get("small")).isEqualTo(7L);
    assertThat(ctx.getText("seats")).isEqualTo("12");
    assertThat(ctx.with("whole", 3.0).getText("whole")).isEqualTo("3");
    assertThat(ctx.getText("since")).isEqualTo("2026-01-05T10:00:00Z");
    assertThat(ctx.attributes()).containsOnlyKeys("plan", "seats", "ratio", "beta", "since", "big", "small");
  }

  @Test
  void attributesAreFoundByEqualNamesNotOnlyByTheSameString() {
    String plan = new String("plan".toCharArray()); // equal to the literal, another object
    EvaluationContext ctx = EvaluationContext.of("u1").with("country", "FR").with(plan, "pro").with("seats", 3);
    assertThat(ctx.getText("plan")).isEqualTo("pro");
    assertThat(ctx.get(new String("seats".toCharArray()))).isEqualTo(3L);
    assertThat(ctx.getText(new String("key".toCharArray()))).isEqualTo("u1");
    assertThat(ctx.get("key")).isEqualTo("u1");
    assertThat(ctx.getText("missing")).isNull();
    assertThat(ctx.get(null)).isNull();
    EvaluationContext middleRemoved = ctx.with("plan", (String) null);
    assertThat(middleRemoved.attributes()).containsExactly(java.util.Map.entry("country", "FR"),
        java.util.Map.entry("seats", 3L));
    assertThat(middleRemoved.getText("seats")).isEqualTo("3");
    assertThat(ctx.with(plan, "free").attributes()).containsExactly(java.util.Map.entry("country", "FR"),
        java.util.Map.entry("plan", "free"), java.util.Map.entry("seats", 3L));
  }

  @Test
  void replacingAndRemovingAttributes() {
    EvaluationContext ctx = EvaluationContext.of("u1").with("plan", "pro").with("country", "FR");
    EvaluationContext replaced = ctx.with("plan", "free");
    assertThat(replaced.get("plan")).isEqualTo("free");
    assertThat(ctx.get("plan")).isEqualTo("pro");
    assertThat(replaced.attributes()).containsOnlyKeys("plan", "country");
    EvaluationContext removed = ctx.with("plan", (String) null);
    assertThat(removed.get("plan")).isNull();
    assertThat(removed.get("country")).isEqualTo("FR");
  }

  @Test
  void keyIsTheTargetingKey() {
    EvaluationContext ctx = EvaluationContext.anonymous().with("key", "u7");
    assertThat(ctx.targetingKey()).isEqualTo("u7");
    assertThat(ctx.get("key")).isEqualTo("u7");
    assertThat(ctx.withTargetingKey("u8").getText("key")).isEqualTo("u8");
    assertThat(EvaluationContext.of(null)).isSameAs(EvaluationContext.anonymous());
  }

  @Test
  void equalityByValue() {
    assertThat(EvaluationContext.of("a").with("x", 1)).isEqualTo(EvaluationContext.of("a").with("x", 1))
        .hasSameHashCodeAs(EvaluationContext.of("a").with("x", 1));
    assertThat(EvaluationContext.of("a").with("x", 1)).isNotEqualTo(EvaluationContext.of("b").with("x", 1));
  }
}
