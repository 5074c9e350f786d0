package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.testkit.HostileCatalogs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the reader accepts can evaluate: a reference chain at the depth limit evaluates on a small stack
 * (no StackOverflowError turned into an error outcome), and shapes that doubled their work per level
 * evaluate promptly within the cost limit. The time bounds guard against the old seconds-per-call.
 */
class BoundedEvaluationTest {

  private static final Duration GUARD = Duration.ofSeconds(20);
  private static final EvaluationContext SOMEONE_ELSE = EvaluationContext.of("someone-else");

  @Test
  void aChainAtTheDepthLimitEvaluatesOnASmallStack() throws InterruptedException {
    int n = CatalogReader.MAX_REFERENCE_DEPTH;
    AtomicReference<Evaluation> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (FlagEngine engine = TestEngines.yaml(HostileCatalogs.flagChain(n))) {
      Thread small = new Thread(null, () -> {
        try {
          result.set(engine.evaluate("f" + (n - 1), SOMEONE_ELSE));
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "small-stack", 256 * 1024);
      small.start();
      small.join();
    }
    assertThat(failure.get()).isNull();
    assertThat(result.get().reason()).isEqualTo(Evaluation.Reason.DEFAULT);
    assertThat(result.get().isEnabled()).isFalse();
  }

  @Test
  void prerequisitesNamedTwiceEvaluatePromptlyWithinTheLimits() {
    try (FlagEngine engine = TestEngines.yaml(HostileCatalogs.flagDoubling(10))) {
      Evaluation e = assertTimeoutPreemptively(GUARD, () -> {
        Evaluation last = null;
        for (int i = 0; i < 1_000; i++) {
          last = engine.evaluate("f9", SOMEONE_ELSE);
        }
        return last;
      });
      assertThat(e.reason()).isEqualTo(Evaluation.Reason.DEFAULT);
      assertThat(e.isEnabled()).isFalse();
    }
  }

  @Test
  void segmentsNamedTwiceEvaluatePromptlyAndCorrectly() {
    try (FlagEngine engine = TestEngines.yaml(HostileCatalogs.segmentDoubling(10))) {
      assertThat(assertTimeoutPreemptively(GUARD, () -> engine.isEnabled("top", EvaluationContext.of("someone")))).isTrue();
      assertThat(engine.isEnabled("top", SOMEONE_ELSE)).isFalse();
    }
  }

  @Test
  void flagdEvaluatorsNamedTwiceEvaluatePromptly() {
    try (FlagEngine engine = TestEngines.json(HostileCatalogs.flagdRefDoubling(8))) {
      assertThat(assertTimeoutPreemptively(GUARD, () -> engine.evaluate("f", SOMEONE_ELSE.with("x", "y")).variant()))
          .isEqualTo("yes");
      assertThat(engine.evaluate("f", SOMEONE_ELSE).variant()).isEqualTo("no");
    }
  }

  @Test
  void oneArrayOperationOverALiteralListEvaluates() {
    try (FlagEngine engine = TestEngines.json(HostileCatalogs.flagdNestedMap(1, 1_000))) {
      assertThat(engine.evaluate("f", SOMEONE_ELSE).variant()).isEqualTo("yes");
    }
  }
}
