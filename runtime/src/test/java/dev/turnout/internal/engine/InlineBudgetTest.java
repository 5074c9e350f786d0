package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.FlagEngine;
import dev.turnout.internal.ClassFiles;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The methods an evaluation hands its context through stay within 35 bytes of bytecode, the size up to
 * which HotSpot's compilers inline a call wherever it is (MaxInlineSize, C1MaxInlineSize): then a context
 * built for one call can be read where it was built, and the JIT need not allocate it (see
 * {@code CompiledFlag.evaluate} and the bench module's buildContextAndEvaluate). Read from the class files.
 */
class InlineBudgetTest {

  private static final int INLINE_SIZE = 35;
  private static final String CTX = "Ldev/turnout/EvaluationContext;";

  @Test
  void everyMethodTheContextPassesThroughInlines() throws IOException {
    assertWithin(FlagEngine.class, "isEnabled(Ljava/lang/String;" + CTX + ")Z");
    assertWithin(EngineCore.class, "evaluate(Ljava/lang/String;" + CTX + "Ldev/turnout/internal/engine/EngineCore$Route;)Ldev/turnout/Evaluation;");
    assertWithin(EngineCore.class, "serve(Ldev/turnout/internal/engine/CompiledFlag;" + CTX
        + "Ldev/turnout/internal/engine/EngineCore$Route;)Ldev/turnout/Evaluation;");
    assertWithin(EngineCore.class, "outcome(Ldev/turnout/internal/engine/CompiledFlag;" + CTX + ")Ldev/turnout/internal/engine/Outcome;");
    assertWithin(CompiledFlag.class, "evaluate(" + CTX + "Ljava/time/Clock;)Ldev/turnout/internal/engine/Outcome;");
    assertWithin(CompiledFlag.class, "leadText(" + CTX + ")Ljava/lang/String;");
    assertWithin(Matchers.Membership.class, "read(" + CTX + ")Ljava/lang/String;");
  }

  @Test
  void theBudgetIsMeasuredOnTheRealMethods() throws IOException {
    Map<String, Integer> sizes = ClassFiles.of(CompiledFlag.class).codeSizes();
    assertThat(sizes).as("a larger method of the same class, read the same way")
        .hasEntrySatisfying("evaluateRules(" + CTX + "Ljava/time/Clock;)Ldev/turnout/internal/engine/Outcome;",
            size -> assertThat(size).isGreaterThan(INLINE_SIZE));
  }

  private static void assertWithin(Class<?> type, String method) throws IOException {
    Map<String, Integer> sizes = ClassFiles.of(type).codeSizes();
    assertThat(sizes).as(type.getSimpleName() + " methods").containsKey(method);
    assertThat(sizes.get(method)).as("bytes of bytecode of " + type.getSimpleName() + "." + method)
        .isLessThanOrEqualTo(INLINE_SIZE);
  }
}
