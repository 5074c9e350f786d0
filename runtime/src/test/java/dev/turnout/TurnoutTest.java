package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, as applications do
class TurnoutTest {

  private FlagEngine previous;

  @BeforeEach
  void install() {
    previous = Turnout.install(FlagEngine.builder().environment(null).source(CatalogSource.of("t.yaml", """
        flags:
          beta:
            allow: [ann]
          plan-flag:
            variants: [basic, fancy]
            default: basic
            rules:
              - when: { attribute: plan, op: equals, values: [pro] }
                serve: fancy
        """)).requireValidCatalog().build());
  }

  @AfterEach
  void restore() {
    Turnout.install(previous);
  }

  @Test
  void checksUseTheBoundContextAndScopesNest() {
    assertThat(Turnout.isEnabled("beta")).isFalse();
    assertThat(Turnout.currentContext()).isSameAs(EvaluationContext.anonymous());
    try (var outer = Turnout.bind(EvaluationContext.of("ann").with("plan", "pro"))) {
      assertThat(Turnout.isEnabled("beta")).isTrue();
      assertThat(Turnout.variant("plan-flag")).isEqualTo("fancy");
      try (var inner = Turnout.bind(EvaluationContext.of("bob"))) {
        assertThat(Turnout.isEnabled("beta")).isFalse();
        assertThat(Turnout.evaluate("plan-flag").variant()).isEqualTo("basic");
      }
      assertThat(Turnout.isEnabled("beta")).isTrue();
    }
    assertThat(Turnout.isEnabled("beta")).isFalse();
  }

  @Test
  void installedNamesTheEngineInForceWithoutCreatingOne() {
    FlagEngine mine = Turnout.engine();
    assertThat(Turnout.installed()).containsSame(mine);
    Turnout.install(null);
    assertThat(Turnout.installed()).isEmpty(); // looking does not create the default engine
    assertThat(Turnout.installed()).isEmpty();
    Turnout.install(mine);
    assertThat(Turnout.installed()).containsSame(mine);
  }

  @Test
  void bindingIsPerThread() throws InterruptedException {
    boolean[] seenElsewhere = new boolean[1];
    try (var scope = Turnout.bind(EvaluationContext.of("ann"))) {
      Thread t = new Thread(() -> seenElsewhere[0] = Turnout.isEnabled("beta"));
      t.start();
      t.join();
      assertThat(Turnout.isEnabled("beta")).isTrue();
    }
    assertThat(seenElsewhere[0]).isFalse();
  }

  @Test
  void explicitContextsIgnoreTheBinding() {
    try (var scope = Turnout.bind(EvaluationContext.of("bob"))) {
      assertThat(Turnout.isEnabled("beta", EvaluationContext.of("ann"))).isTrue();
      assertThat(Turnout.variant("plan-flag", EvaluationContext.anonymous().with("plan", "pro"))).isEqualTo("fancy");
      assertThat(Turnout.evaluate("beta", EvaluationContext.of("ann")).reason()).isEqualTo(Evaluation.Reason.TARGETING_MATCH);
    }
  }

  @Test
  void unknownFlagsNeverThrow() {
    assertThat(Turnout.isEnabled("missing")).isFalse();
    assertThat(Turnout.variant("missing")).isNull();
    assertThat(Turnout.evaluate(null).reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);
  }

  @Test
  void closingAScopeTwiceIsHarmless() {
    Turnout.Scope scope = Turnout.bind(EvaluationContext.of("ann"));
    scope.close();
    try (var other = Turnout.bind(EvaluationContext.of("ann"))) {
      scope.close();
      assertThat(Turnout.isEnabled("beta")).isTrue();
    }
  }
}
