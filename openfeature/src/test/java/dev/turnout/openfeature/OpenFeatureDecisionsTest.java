package dev.turnout.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import dev.turnout.CatalogSource;
import dev.turnout.DecisionSource;
import dev.turnout.Evaluation;
import dev.turnout.Evaluation.Reason;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenFeatureDecisionsTest {

  /** What the code was checked against: the catalog alone would serve these defaults. */
  private static final String CATALOG = """
      flags:
        new-checkout:
          default: off
          allow: [ann]
        checkout-flow:
          variants: { v1: classic, v2: express, v3: one-page }
          default: v1
        theme:
          variants: { light: "#ffffff", dark: "#000000" }
          default: light
        only-in-turnout:
          default: on
        typed:
          default: on
      """;

  private final OpenFeatureAPI api = OpenFeatureAPI.getInstance();
  private final String domain = "decisions-" + System.nanoTime();

  @AfterEach
  void shutdown() {
    api.shutdown();
  }

  private static FlagEngine engine(String catalog, DecisionSource decisions) {
    return FlagEngine.builder().source(CatalogSource.of("flags.yaml", catalog)).environment(null).watch(false)
        .requireValidCatalog().decisions(decisions).countEvaluations().build();
  }

  private static Map<String, Flag<?>> inMemoryFlags() {
    Map<String, Flag<?>> flags = new HashMap<>();
    flags.put("new-checkout", Flag.<Boolean>builder().variant("on", true).variant("off", false).defaultVariant("off")
        .contextEvaluator((flag, ctx) -> "bob".equals(ctx.getTargetingKey())
            || ctx.getValue("seats") != null && ctx.getValue("seats").asInteger() >= 50)
        .build());
    flags.put("checkout-flow", Flag.<String>builder().variant("v1", "v1").variant("v3", "v3").defaultVariant("v1")
        .contextEvaluator((flag, ctx) -> ctx.getValue("plan") != null && "pro".equals(ctx.getValue("plan").asString())
            ? "v3" : "v1")
        .build());
    // No context evaluator: the provider serves the default variant's value ("#000000") under the variant name.
    flags.put("theme", Flag.<String>builder().variant("light", "#ffffff").variant("dark", "#000000")
        .defaultVariant("dark").build());
    flags.put("typed", Flag.<String>builder().variant("yes", "yes").defaultVariant("yes").build());
    return flags;
  }

  @Test
  void theProvidersAnswersDecideAndTheCatalogGivesValues() {
    InMemoryProvider provider = new InMemoryProvider(inMemoryFlags());
    api.setProviderAndWait(domain, provider);
    FlagEngine engine = engine(CATALOG, new OpenFeatureDecisions(domain));

    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("bob"))).isTrue();
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("ann"))).isFalse(); // the catalog allows ann
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("cy").with("seats", 60))).isTrue();
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("cy").with("seats", 10))).isFalse();

    assertThat(engine.evaluate("checkout-flow", EvaluationContext.of("u").with("plan", "pro")))
        .isEqualTo(Evaluation.of("checkout-flow", "v3", "one-page", Reason.TARGETING_MATCH, -1, true));
    assertThat(engine.evaluate("checkout-flow", EvaluationContext.of("u").with("plan", "free")).variant())
        .isEqualTo("v1");

    // The value "#000000" names no variant: the provider's variant name "dark" does.
    assertThat(engine.evaluate("theme", null))
        .isEqualTo(Evaluation.of("theme", "dark", "#000000", Reason.STATIC, -1, true));

    provider.updateFlag("theme", Flag.<String>builder().variant("light", "#ffffff").defaultVariant("light").build());
    assertThat(engine.variant("theme", null)).isEqualTo("light");

    assertThat(engine.evaluationCount("new-checkout", "on")).isEqualTo(2);
    assertThat(engine.evaluationCount("new-checkout", "off")).isEqualTo(2);
    assertThat(engine.errorCount("new-checkout")).isZero();
  }

  @Test
  void whereTheProviderCannotAnswerTheCatalogDecides() {
    api.setProviderAndWait(domain, new InMemoryProvider(inMemoryFlags()));
    FlagEngine engine = engine(CATALOG, new OpenFeatureDecisions(domain));

    // Not in the provider (FLAG_NOT_FOUND), and a string where a boolean is asked for (TYPE_MISMATCH).
    assertThat(engine.evaluate("only-in-turnout", null).reason()).isEqualTo(Reason.DEFAULT);
    assertThat(engine.isEnabled("only-in-turnout", null)).isTrue();
    assertThat(engine.evaluate("typed", null).reason()).isEqualTo(Reason.DEFAULT);
    assertThat(engine.isEnabled("typed", null)).isTrue();
    // Not a source failure: nothing counted as an error.
    assertThat(engine.errorCount("only-in-turnout") + engine.errorCount("typed")).isZero();
  }

  @Test
  void aProviderValueThatNamesNoVariantLeavesTheDecisionToTheCatalog() {
    Map<String, Flag<?>> flags = inMemoryFlags();
    flags.put("checkout-flow", Flag.<String>builder().variant("fast", "express").defaultVariant("fast").build());
    api.setProviderAndWait(domain, new InMemoryProvider(flags));
    FlagEngine engine = engine(CATALOG, new OpenFeatureDecisions(domain));

    assertThat(engine.evaluate("checkout-flow", null))
        .isEqualTo(Evaluation.of("checkout-flow", "v1", "classic", Reason.DEFAULT, -1, false));
  }

  @Test
  void untilTheApplicationSetsAProviderTheCatalogDecides() {
    FlagEngine engine = engine(CATALOG, new OpenFeatureDecisions(domain));
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("ann"))).isTrue();
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("bob"))).isFalse();

    api.setProviderAndWait(domain, new InMemoryProvider(inMemoryFlags()));
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("ann"))).isFalse();
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("bob"))).isTrue();
  }

  @Test
  void turnoutsOwnProviderRoundTrips() {
    // The platform: a Turnout engine with rules, served to OpenFeature by TurnoutProvider.
    FlagEngine platform = engine("""
        flags:
          new-checkout:
            default: off
            allow: [bob]
          checkout-flow:
            variants: { v1: classic, v2: express, v3: one-page }
            default: v1
            rules:
              - when: { attribute: seats, op: gte, values: [50] }
                serve: v2
          theme:
            variants: { light: "#ffffff", dark: "#000000" }
            default: dark
        """, null);
    api.setProviderAndWait(domain, new TurnoutProvider(platform));
    // The application: the catalog its code was checked against, and decisions from OpenFeature.
    FlagEngine app = engine(CATALOG, new OpenFeatureDecisions(domain));

    for (EvaluationContext ctx : new EvaluationContext[] {EvaluationContext.of("ann"), EvaluationContext.of("bob"),
        EvaluationContext.of("cy").with("seats", 60), EvaluationContext.anonymous().with("seats", 3)}) {
      for (String flag : new String[] {"new-checkout", "checkout-flow", "theme"}) {
        Evaluation expected = platform.evaluate(flag, ctx);
        Evaluation actual = app.evaluate(flag, ctx);
        assertThat(actual.variant()).as(flag + " for " + ctx).isEqualTo(expected.variant());
        assertThat(actual.isEnabled()).as(flag + " for " + ctx).isEqualTo(expected.isEnabled());
        assertThat(actual.reason()).as(flag + " for " + ctx).isEqualTo(expected.reason());
      }
    }
    assertThat(app.variant("checkout-flow", EvaluationContext.of("cy").with("seats", 60))).isEqualTo("v2");
    assertThat(app.isEnabled("new-checkout", EvaluationContext.of("ann"))).isFalse();
  }

  @Test
  void aProviderThatEvaluatesThroughTheSameEngineGetsTheCatalogsAnswer() {
    FlagEngine engine = engine(CATALOG, new OpenFeatureDecisions(domain));
    api.setProviderAndWait(domain, new TurnoutProvider(engine)); // asks the engine, which asks the provider, ...

    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("ann"))).isTrue();
    assertThat(engine.isEnabled("new-checkout", EvaluationContext.of("bob"))).isFalse();
    assertThat(engine.variant("checkout-flow", null)).isEqualTo("v1");
    assertThat(engine.errorCount("new-checkout")).isZero();
  }

  @Test
  void theFactoryIsFoundByNameAndUsesTheConfiguredDomain() {
    api.setProviderAndWait(domain, new InMemoryProvider(inMemoryFlags()));
    String before = System.getProperty(OpenFeatureDecisions.DOMAIN_PROPERTY);
    System.setProperty(OpenFeatureDecisions.DOMAIN_PROPERTY, domain);
    try {
      DecisionSource source = DecisionSource.named("openfeature");
      assertThat(source).isInstanceOf(OpenFeatureDecisions.class);
      assertThat(source.decide("new-checkout", true, Set.of("on", "off"), EvaluationContext.of("bob")))
          .isEqualTo(DecisionSource.Decision.of("on"));
    } finally {
      if (before == null) {
        System.clearProperty(OpenFeatureDecisions.DOMAIN_PROPERTY);
      } else {
        System.setProperty(OpenFeatureDecisions.DOMAIN_PROPERTY, before);
      }
    }
  }
}
