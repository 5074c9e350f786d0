package dev.turnout.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.GatedCall;
import dev.turnout.Turnout;
import dev.turnout.TurnoutListener;
import dev.turnout.testkit.MutableSource;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GateTest {
  private final MutableSource source = new MutableSource("test.yaml", catalog("on"));
  private FlagEngine engine;
  private FlagEngine previous;

  private static String catalog(String gateDefault) {
    return "flags:\n"
        + "  gate: { default: " + gateDefault + " }\n"
        + "  keyed: { default: off, allow: [alice, \"42\"] }\n"
        + "  multi: { variants: [a, b, c], default: a, rules: [ { when: { attribute: key, op: equals, values: [k] },"
        + " serve: b } ] }\n";
  }

  @BeforeEach
  void install() {
    engine = FlagEngine.builder().source(source).watch(false).build();
    previous = Turnout.install(engine);
  }

  @AfterEach
  void restore() {
    Turnout.install(previous);
  }

  private static MethodHandle alternate(String flag, MethodType type) {
    return Gate.alternate(MethodHandles.lookup(), "m", type, flag).dynamicInvoker();
  }

  @Test
  void aConstantFlagFollowsEveryReloadAndEveryEngine() throws Throwable {
    MethodHandle gate = alternate("gate", MethodType.methodType(int.class));
    assertThat((int) gate.invokeExact()).isEqualTo(1);
    assertThat((int) gate.invokeExact()).isEqualTo(1);

    source.set(catalog("off"));
    engine.reload();
    assertThat((int) gate.invokeExact()).isEqualTo(0);

    FlagEngine other = FlagEngine.builder().source(new MutableSource("test.yaml", catalog("on"))).watch(false).build();
    Turnout.install(other);
    assertThat((int) gate.invokeExact()).isEqualTo(1);
  }

  @Test
  void foldedCallsAreCountedOnceCountingStartsAndListenersStillHearThem() throws Throwable {
    MethodHandle gate = alternate("gate", MethodType.methodType(int.class));
    for (int i = 0; i < 3; i++) {
      assertThat((int) gate.invokeExact()).isEqualTo(1);
    }
    assertThat(engine.evaluationCount("gate", "on")).as("nobody asked for counts before").isZero();
    for (int i = 0; i < 5; i++) {
      assertThat((int) gate.invokeExact()).isEqualTo(1);
    }
    assertThat(engine.evaluationCount("gate", "on")).isEqualTo(5);

    int[] heard = new int[1];
    engine.addListener(new TurnoutListener() {
      @Override
      public void onEvaluation(dev.turnout.Evaluation evaluation, dev.turnout.EvaluationContext context) {
        heard[0]++;
      }
    });
    assertThat((int) gate.invokeExact()).isEqualTo(1);
    assertThat(heard[0]).isEqualTo(1);
  }

  @Test
  void gatesReachOnGateWithTheirTrackAndDirectEvaluationsReachOnEvaluation() throws Throwable {
    List<String> heard = new ArrayList<>();
    engine.addListener(new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        heard.add("evaluation " + evaluation.flagKey() + " " + evaluation.variant());
      }

      @Override
      public void onGate(GatedCall call, Evaluation evaluation, EvaluationContext context) {
        heard.add("gate " + call.className() + "." + call.methodName() + " " + call.flagKey() + " track "
            + call.track() + " ran " + call.trackMethod() + " " + evaluation.variant() + " " + context.targetingKey());
      }
    });
    MethodHandle multi = Gate.variants(MethodHandles.lookup(), "m", MethodType.methodType(int.class, Object.class),
        "multi", "c", "b").dynamicInvoker();
    assertThat((int) multi.invokeExact((Object) "k")).isEqualTo(2);
    assertThat((int) multi.invokeExact((Object) "z")).isEqualTo(0);
    assertThat((int) alternate("gate", MethodType.methodType(int.class)).invokeExact()).isEqualTo(1);
    engine.evaluate("gate", EvaluationContext.of("direct"));

    String site = GateTest.class.getName() + ".m ";
    // No registry names these methods: the original track names the gated method, alternates are unnamed.
    assertThat(heard).containsExactly(
        "gate " + site + "multi track 2 ran null b k",
        "gate " + site + "multi track 0 ran m a z",
        "gate " + site + "gate track 1 ran null on " + Turnout.currentContext().targetingKey(),
        "evaluation gate on");
  }

  @Test
  void listenersThatOnlyHearEvaluationsHearGatesThroughOnEvaluationAsBefore() throws Throwable {
    List<String> heard = new ArrayList<>();
    engine.addListener(new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        heard.add(evaluation.flagKey() + " " + evaluation.variant());
      }
    });
    assertThat((int) alternate("gate", MethodType.methodType(int.class)).invokeExact()).isEqualTo(1);
    assertThat(heard).containsExactly("gate on");
  }

  @Test
  void aListenerOfGatesAloneKeepsConstantGatesFromFolding() throws Throwable {
    MethodHandle gate = alternate("gate", MethodType.methodType(int.class));
    assertThat((int) gate.invokeExact()).isEqualTo(1); // linked to the constant
    int[] gates = new int[1];
    engine.addListener(new TurnoutListener() {
      @Override
      public void onGate(GatedCall call, Evaluation evaluation, EvaluationContext context) {
        gates[0]++;
      }
    });
    assertThat((int) gate.invokeExact()).isEqualTo(1);
    assertThat((int) gate.invokeExact()).isEqualTo(1);
    assertThat(gates[0]).isEqualTo(2);
  }

  @Test
  void aDecisionSourceIsAskedOnEveryCallEvenForAFlagTheCatalogServesAlike() throws Throwable {
    java.util.concurrent.atomic.AtomicReference<String> served = new java.util.concurrent.atomic.AtomicReference<>("off");
    FlagEngine decided = FlagEngine.builder().source(source).watch(false)
        .countEvaluations()
        .decisions((key, isBoolean, variants, ctx) -> switch (key) {
          case "gate" -> dev.turnout.DecisionSource.Decision.of(served.get());
          case "multi" -> dev.turnout.DecisionSource.Decision.of("bob".equals(ctx.targetingKey()) ? "c" : "a");
          default -> null;
        })
        .build();
    Turnout.install(decided);
    assertThat(dev.turnout.internal.engine.Cores.of(decided).exposes()).isTrue();
    assertThat(dev.turnout.internal.engine.Cores.of(engine).exposes()).isFalse();

    MethodHandle gate = alternate("gate", MethodType.methodType(int.class)); // the catalog serves on to everyone
    assertThat((int) gate.invokeExact()).isEqualTo(0);
    assertThat((int) gate.invokeExact()).isEqualTo(0);
    served.set("on");
    assertThat((int) gate.invokeExact()).isEqualTo(1);
    served.set("off");
    assertThat((int) gate.invokeExact()).isEqualTo(0);
    assertThat(decided.evaluationCount("gate", "off")).isEqualTo(3);
    assertThat(decided.evaluationCount("gate", "on")).isEqualTo(1);

    MethodHandle variants = Gate.variants(MethodHandles.lookup(), "m", MethodType.methodType(int.class, Object.class),
        "multi", "c", "b").dynamicInvoker();
    assertThat((int) variants.invokeExact((Object) "bob")).isEqualTo(1);
    assertThat((int) variants.invokeExact((Object) "k")).isEqualTo(0); // the catalog's rule would serve b

    Turnout.install(engine); // without a source, the catalog decides again
    assertThat((int) gate.invokeExact()).isEqualTo(1);
  }

  @Test
  void aGateThatEvaluatesPerCallFollowsReloadsCountingAndEveryEngine() throws Throwable {
    MethodHandle byKey = Gate.variants(MethodHandles.lookup(), "m", MethodType.methodType(int.class, Object.class),
        "multi", "b", "c").dynamicInvoker();
    assertThat((int) byKey.invokeExact((Object) "k")).isEqualTo(1);
    assertThat((int) byKey.invokeExact((Object) "z")).isEqualTo(0);

    engine.countEvaluations();
    assertThat((int) byKey.invokeExact((Object) "k")).isEqualTo(1);
    assertThat(engine.evaluationCount("multi", "b")).isEqualTo(1);

    source.set(catalog("on").replace("serve: b", "serve: c"));
    engine.reload();
    assertThat((int) byKey.invokeExact((Object) "k")).isEqualTo(2);
    assertThat(engine.evaluationCount("multi", "c")).isEqualTo(1);

    FlagEngine other = FlagEngine.builder().source(new MutableSource("test.yaml", catalog("on"))).watch(false).build();
    Turnout.install(other);
    assertThat((int) byKey.invokeExact((Object) "k")).isEqualTo(1);
    assertThat(engine.evaluationCount("multi", "b")).as("counted by the engine in force").isEqualTo(1);
  }

  @Test
  @SuppressWarnings("try") // the scopes are only bound, not read
  void aRuleBasedGateEvaluatesTheBoundContextPerCall() throws Throwable {
    source.set("flags:\n  ruled: { rules: [ { when: { attribute: v, op: semver_gt, values: [\"1.0.0\"] },"
        + " serve: on } ] }\n");
    engine.reload();
    MethodHandle gate = alternate("ruled", MethodType.methodType(int.class));
    try (Turnout.Scope scope = Turnout.bind(dev.turnout.EvaluationContext.of("u").with("v", "2.0.0"))) {
      assertThat((int) gate.invokeExact()).isEqualTo(1);
    }
    try (Turnout.Scope scope = Turnout.bind(dev.turnout.EvaluationContext.of("u").with("v", "0.9.0"))) {
      assertThat((int) gate.invokeExact()).isEqualTo(0);
    }
    assertThat((int) gate.invokeExact()).as("anonymous: no attribute").isEqualTo(0);
  }

  @Test
  void targetingKeysOfAnyTypeAreEvaluatedPerCall() throws Throwable {
    MethodHandle byObject = alternate("keyed", MethodType.methodType(int.class, Object.class));
    assertThat((int) byObject.invokeExact((Object) "alice")).isEqualTo(1);
    assertThat((int) byObject.invokeExact((Object) "bob")).isEqualTo(0);
    assertThat((int) byObject.invokeExact((Object) null)).isEqualTo(0);

    MethodHandle byLong = alternate("keyed", MethodType.methodType(int.class, long.class));
    assertThat((int) byLong.invokeExact(42L)).isEqualTo(1);
    assertThat((int) byLong.invokeExact(43L)).isEqualTo(0);
    MethodHandle byShort = alternate("keyed", MethodType.methodType(int.class, short.class));
    assertThat((int) byShort.invokeExact((short) 42)).isEqualTo(1);
  }

  @Test
  void variantsRouteToTheirMethodsAndUnmappedOnesToTheOriginal() throws Throwable {
    MethodHandle gate = Gate.variants(MethodHandles.lookup(), "m", MethodType.methodType(int.class, Object.class),
        "multi", "c", "b").dynamicInvoker();

    assertThat((int) gate.invokeExact((Object) "k")).isEqualTo(2);
    assertThat((int) gate.invokeExact((Object) "z")).isEqualTo(0);
  }

  @Test
  void unknownFlagsAndFailingKeysServeTheOriginal() throws Throwable {
    assertThat((int) alternate("nope", MethodType.methodType(int.class)).invokeExact()).isEqualTo(0);
    Object failing = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    };
    assertThat((int) alternate("keyed", MethodType.methodType(int.class, Object.class)).invokeExact(failing))
        .isEqualTo(0);
  }
}
