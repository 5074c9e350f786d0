package dev.turnout.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.internal.gate.Gate;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // pin scopes are opened for their effect
class PinsTest {

  private static final String CATALOG = """
      flags:
        dark-mode: { default: off }
        checkout-flow:
          variants: { v1: 1, v2: 2, v3: 3 }
          off: v1
          default: v2
      """;

  private final FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("pins.yaml", CATALOG))
      .watch(false).environment(null).requireValidCatalog().countEvaluations().build();
  private FlagEngine previous;

  @BeforeEach
  void install() {
    previous = Turnout.install(engine);
  }

  @AfterEach
  void restore() {
    Turnout.install(previous);
    assertThat(Pins.active()).as("every test closes its scopes").isFalse();
  }

  private boolean on(String flag) {
    return engine.isEnabled(flag, EvaluationContext.of("u"));
  }

  @Test
  void aPinServesItsVariantWithTheCatalogsValueAndIsCounted() {
    try (Pins.Scope scope = Pins.open(Map.of("dark-mode", "on", "checkout-flow", "v3"), null)) {
      assertThat(Pins.active()).isTrue();
      Evaluation e = engine.evaluate("checkout-flow", EvaluationContext.anonymous());
      assertThat(e.variant()).isEqualTo("v3");
      assertThat(e.value()).isEqualTo(3L);
      assertThat(e.isEnabled()).isTrue();
      assertThat(e.reason()).isEqualTo(Evaluation.Reason.TARGETING_MATCH);
      assertThat(on("dark-mode")).isTrue();
      assertThat(engine.evaluationCount("checkout-flow", "v3")).isEqualTo(1);
    }
    assertThat(on("dark-mode")).isFalse();
    assertThat(engine.variant("checkout-flow", null)).isEqualTo("v2");
  }

  @Test
  void everyFlagOnOrOffUsesEachFlagsOwnVariants() {
    try (Pins.Scope all = Pins.open(Map.of(), Pins.ON)) {
      assertThat(on("dark-mode")).isTrue();
      assertThat(engine.variant("checkout-flow", null)).isEqualTo("v2"); // first variant that is not off
      assertThat(engine.evaluate("unknown-flag", null).isEnabled()).isTrue();
      try (Pins.Scope off = Pins.open(Map.of("checkout-flow", "v3"), Pins.OFF)) {
        assertThat(on("dark-mode")).isFalse();
        assertThat(engine.variant("checkout-flow", null)).isEqualTo("v3"); // the key wins in its scope
      }
      assertThat(on("dark-mode")).isTrue();
    }
    assertThatThrownBy(() -> Pins.open(Map.of(), "v2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void threadsStartedInsideSeePinsUntilTheScopeClosesButPoolWorkersDoNot() throws Exception {
    AtomicReference<Boolean> child = new AtomicReference<>();
    AtomicReference<Boolean> childAfterClose = new AtomicReference<>();
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
    ForkJoinPool pool = new ForkJoinPool(1);
    Thread thread;
    Boolean inWorker;
    try (Pins.Scope scope = Pins.open(Map.of("dark-mode", "on"), null)) {
      thread = new Thread(() -> {
        child.set(on("dark-mode"));
        read.countDown();
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        childAfterClose.set(on("dark-mode"));
      });
      thread.start();
      // The pool creates its worker from this thread, which has pins open.
      inWorker = pool.submit(() -> on("dark-mode")).get();
      read.await(); // the child's first look happens while the scope is open
    }
    closed.countDown();
    thread.join();
    pool.shutdown();
    assertThat(child.get()).isTrue();
    assertThat(childAfterClose.get()).isFalse();
    assertThat(inWorker).isFalse();
  }

  @Test
  void aGateFoldedToAConstantFollowsPinsAndFoldsAgainAfterwards() throws Throwable {
    MethodHandle gate = Gate.alternate(MethodHandles.lookup(), "m", MethodType.methodType(int.class), "dark-mode")
        .dynamicInvoker();
    assertThat((int) gate.invokeExact()).isZero(); // off for everyone: linked as a constant
    try (Pins.Scope scope = Pins.open(Map.of("dark-mode", "on"), null)) {
      assertThat((int) gate.invokeExact()).isEqualTo(1);
      assertThat((int) gate.invokeExact()).isEqualTo(1);
    }
    assertThat((int) gate.invokeExact()).isZero();
  }
  @Test
  void anotherThreadAdoptsAScopeUntilItsHandleIsClosed() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    // A thread started before the pins are opened (a server's worker) does not inherit them.
    java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      worker.submit(() -> { }).get();
      try (Pins.Scope test = Pins.open(Map.of("dark-mode", "on"), null);
          Pins.Scope inner = Pins.open(Map.of("checkout-flow", "v3"), null)) {
        assertThat(Pins.current()).isSameAs(inner);
        worker.submit(() -> seen.set(on("dark-mode") + " " + Pins.current())).get();
        assertThat(seen.get()).isEqualTo("false null");
        worker.submit(() -> {
          try (Pins.Scope own = Pins.open(Map.of("dark-mode", "off"), null)) {
            Runnable handle = Pins.adopt(inner);
            String during = on("dark-mode") + " " + engine.variant("checkout-flow", EvaluationContext.of("u"));
            handle.run();
            seen.set(during + " / " + on("dark-mode") + " " + (Pins.current() == own));
          }
        }).get();
        assertThat(seen.get()).isEqualTo("true v3 / false true");
        Runnable[] handle = new Runnable[1];
        worker.submit(() -> handle[0] = Pins.adopt(inner)).get();
        inner.close(); // the test ends while its request still runs: the adopted pins end with it
        worker.submit(() -> {
          seen.set(on("dark-mode") + " " + engine.variant("checkout-flow", EvaluationContext.of("u")));
          handle[0].run();
        }).get();
        assertThat(seen.get()).isEqualTo("true v2");
        worker.submit(() -> seen.set(String.valueOf(Pins.current()))).get();
        assertThat(seen.get()).isEqualTo("null");
      }
    } finally {
      worker.shutdown();
    }
  }
}
