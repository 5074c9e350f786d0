package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.DecisionSource.Decision;
import dev.turnout.internal.ext.Pins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionSourceTest {

  private static final String CATALOG = """
      flags:
        dark-mode:
          default: off
        checkout-flow:
          variants: { v1: classic, v2: express, v3: one-page }
          default: v1
          off: v1
          environments:
            production: { off: v2 }
      """;

  /** What the source was asked, and what it answers next. */
  private static final class Scripted implements DecisionSource {
    final List<String> asked = new ArrayList<>();
    final AtomicReference<Object> next = new AtomicReference<>();

    @Override
    public Decision decide(String flagKey, boolean isBoolean, Set<String> variants, EvaluationContext context) {
      synchronized (asked) {
        asked.add(flagKey + (isBoolean ? " boolean " : " ") + variants + " " + context.targetingKey());
      }
      Object answer = next.get();
      if (answer instanceof RuntimeException e) {
        throw e;
      }
      return (Decision) answer;
    }
  }

  private static FlagEngine engine(DecisionSource decisions, String environment) {
    return FlagEngine.builder().source(CatalogSource.of("flags.yaml", CATALOG)).environment(environment)
        .watch(false).requireValidCatalog().decisions(decisions).countEvaluations().build();
  }

  @Test
  void theSourceDecidesTheVariantAndTheCatalogGivesItsValue() {
    Scripted source = new Scripted();
    FlagEngine engine = engine(source, null);

    source.next.set(Decision.of("on"));
    Evaluation dark = engine.evaluate("dark-mode", EvaluationContext.of("user-1"));
    assertThat(dark).isEqualTo(Evaluation.of("dark-mode", "on", true, Evaluation.Reason.TARGETING_MATCH, -1, true));

    source.next.set(new Decision("v3", Evaluation.Reason.SPLIT));
    Evaluation flow = engine.evaluate("checkout-flow", EvaluationContext.of("user-2"));
    assertThat(flow).isEqualTo(Evaluation.of("checkout-flow", "v3", "one-page", Evaluation.Reason.SPLIT, -1, true));

    source.next.set(new Decision("v1", Evaluation.Reason.DEFAULT));
    assertThat(engine.isEnabled("checkout-flow", null)).isFalse(); // v1 is the off variant

    assertThat(source.asked).containsExactly("dark-mode boolean [on, off] user-1", "checkout-flow [v1, v2, v3] user-2",
        "checkout-flow [v1, v2, v3] null");
  }

  @Test
  void whetherAVariantIsOnFollowsTheEnvironmentsOffVariant() {
    Scripted source = new Scripted();
    FlagEngine engine = engine(source, "production");
    source.next.set(Decision.of("v1"));
    assertThat(engine.isEnabled("checkout-flow", null)).isTrue();
    source.next.set(Decision.of("v2"));
    assertThat(engine.isEnabled("checkout-flow", null)).isFalse();
  }

  @Test
  void withoutAnAnswerTheCatalogDecides() {
    Scripted source = new Scripted();
    FlagEngine engine = engine(source, null);
    assertThat(engine.evaluate("checkout-flow", null))
        .isEqualTo(Evaluation.of("checkout-flow", "v1", "classic", Evaluation.Reason.DEFAULT, -1, false));
    assertThat(engine.errorCount("checkout-flow")).isZero();
  }

  @Test
  void aSourceThatThrowsOrNamesAnotherVariantLeavesTheCatalogToDecideAndIsCounted() {
    Scripted source = new Scripted();
    FlagEngine engine = engine(source, null);

    source.next.set(new IllegalStateException("provider down"));
    assertThat(engine.evaluate("dark-mode", null))
        .isEqualTo(Evaluation.of("dark-mode", "off", false, Evaluation.Reason.DEFAULT, -1, false));
    source.next.set(Decision.of("v9"));
    assertThat(engine.evaluate("checkout-flow", null).variant()).isEqualTo("v1");
    source.next.set(Decision.of("true"));
    assertThat(engine.evaluate("checkout-flow", null).reason()).isEqualTo(Evaluation.Reason.DEFAULT);

    assertThat(engine.errorCount("dark-mode")).isEqualTo(1);
    assertThat(engine.errorCount("checkout-flow")).isEqualTo(2);
    assertThat(engine.evaluationCount("dark-mode", "off")).isEqualTo(1);
    assertThat(engine.evaluationCount("checkout-flow", "v1")).isEqualTo(2);
  }

  @Test
  void decisionsAreCountedAndHeardButUnknownFlagsAreNotAsked() {
    Scripted source = new Scripted();
    FlagEngine engine = engine(source, null);
    List<String> heard = new ArrayList<>();
    engine.addListener(new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        heard.add(evaluation.flagKey() + "=" + evaluation.variant() + " " + evaluation.reason());
      }
    });

    source.next.set(Decision.of("on"));
    engine.evaluate("dark-mode", null);
    engine.evaluate("dark-mode", null);
    assertThat(engine.evaluate("no-such-flag", null).reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);

    assertThat(engine.evaluationCount("dark-mode", "on")).isEqualTo(2);
    assertThat(engine.evaluationCount("dark-mode", "off")).isZero();
    assertThat(heard).containsExactly("dark-mode=on TARGETING_MATCH", "dark-mode=on TARGETING_MATCH",
        "no-such-flag=null FLAG_NOT_FOUND");
    assertThat(source.asked).hasSize(2);
  }

  @Test
  @SuppressWarnings("try") // the pin scope is opened for its effect
  void pinnedVariantsWinOverTheSource() {
    Scripted source = new Scripted();
    FlagEngine engine = engine(source, null);
    source.next.set(Decision.of("on"));
    try (Pins.Scope scope = Pins.open(Map.of("dark-mode", "off"), null)) {
      assertThat(engine.variant("dark-mode", null)).isEqualTo("off");
    }
    assertThat(source.asked).isEmpty();
    assertThat(engine.variant("dark-mode", null)).isEqualTo("on");
  }

  @Test
  void aDecisionNamesAVariantAndAReasonThatIsNotAnError() {
    assertThatThrownBy(() -> new Decision("on", Evaluation.Reason.ERROR)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Decision("on", Evaluation.Reason.FLAG_NOT_FOUND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Decision(null, Evaluation.Reason.DEFAULT)).isInstanceOf(NullPointerException.class);
    assertThat(Decision.of("v2")).isEqualTo(new Decision("v2", Evaluation.Reason.TARGETING_MATCH));
  }

  @Test
  void aSourceIsFoundByTheNameOfItsFactory() {
    assertThat(DecisionSource.named("test-constant").decide("dark-mode", true, Set.of("on", "off"), null))
        .isEqualTo(Decision.of("on"));
    assertThatThrownBy(() -> DecisionSource.named("launchdarkly"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no decision source named 'launchdarkly'")
        .hasMessageContaining("test-constant");
  }

  @Test
  void theJvmWideEngineTakesTheSourceNamedByTheSystemProperty(@TempDir Path dir) throws Exception {
    Path flags = Files.writeString(dir.resolve("flags.yaml"), CATALOG);
    Map<String, String> before = new HashMap<>();
    for (String name : List.of("turnout.decisions", "turnout.flags")) {
      before.put(name, System.getProperty(name));
    }
    FlagEngine previous = Turnout.install(null);
    try {
      System.setProperty("turnout.flags", flags.toString());
      System.setProperty("turnout.decisions", "test-constant");
      try (FlagEngine engine = Turnout.engine()) {
        assertThat(engine.evaluate("dark-mode", null).variant()).isEqualTo("on"); // the catalog says off
      }
      Turnout.install(null);
      System.setProperty("turnout.decisions", "launchdarkly"); // none by that name: the catalog decides
      try (FlagEngine engine = Turnout.engine()) {
        assertThat(engine.evaluate("dark-mode", null).variant()).isEqualTo("off");
      }
    } finally {
      before.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
      Turnout.install(previous);
    }
  }

  /** A factory listed in the test class path's services file. */
  public static final class ConstantFactory implements DecisionSource.Factory {
    @Override
    public String name() {
      return "test-constant";
    }

    @Override
    public DecisionSource create() {
      return (key, isBoolean, variants, ctx) -> Decision.of(isBoolean ? "on" : variants.iterator().next());
    }
  }
}
