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

  @Test
  void attributesKeepTheirOrderWhereverTheyAreReplacedOrRemoved() {
    EvaluationContext ctx = EvaluationContext.of("u1").with("a", "1").with("b", "2").with("c", "3").with("d", "4");
    assertThat(ctx.attributes().keySet()).containsExactly("a", "b", "c", "d");
    for (String name : new String[] {"a", "b", "c", "d"}) {
      EvaluationContext replaced = ctx.with(name, "x");
      assertThat(replaced.attributes().keySet()).as("after replacing " + name).containsExactly("a", "b", "c", "d");
      assertThat(replaced.getText(name)).isEqualTo("x");
      assertThat(replaced).isNotEqualTo(ctx);
      EvaluationContext removed = ctx.with(name, (String) null);
      assertThat(removed.attributes()).as("after removing " + name).hasSize(3).doesNotContainKey(name);
      assertThat(removed.get(name)).isNull();
      assertThat(removed.with(name, ctx.getText(name))).as("added back, last").isEqualTo(ctx)
          .hasSameHashCodeAs(ctx);
    }
    EvaluationContext emptied = ctx.with("a", (String) null).with("b", (String) null).with("c", (String) null)
        .with("d", (String) null);
    assertThat(emptied).isEqualTo(EvaluationContext.of("u1"));
    assertThat(emptied.get("a")).isNull();
    assertThat(ctx.getText("d")).isEqualTo("4");
    assertThat(ctx.get(new String("c".toCharArray()))).isEqualTo("3");
    assertThat(ctx.with("missing", (String) null)).isSameAs(ctx);
    assertThat(ctx.withTargetingKey("u2").attributes()).isEqualTo(ctx.attributes());
    assertThat(ctx).hasToString("EvaluationContext{key=u1, attributes={a=1, b=2, c=3, d=4}}");
  }

  @Test
  void equalContextsMayHaveAddedTheirAttributesInAnotherOrder() {
    EvaluationContext ab = EvaluationContext.of("u1").with("a", 1).with("b", 2);
    EvaluationContext ba = EvaluationContext.of("u1").with("b", 2).with("a", 1);
    assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    assertThat(ab.with("c", true)).isNotEqualTo(ba);
  }
}
