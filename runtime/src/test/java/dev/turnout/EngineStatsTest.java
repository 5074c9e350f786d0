package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FlagEngine#stats()}: every count of an engine at one moment, as a value that never changes. */
class EngineStatsTest {

  private static final String CATALOG = """
      flags:
        beta:
          allow: [ann]
        plan:
          variants: { free: 0, pro: 1 }
          default: free
      """;

  private static final String CATALOG_WITHOUT_PLAN = """
      flags:
        beta:
          allow: [ann]
      """;

  @TempDir
  Path dir;

  @Test
  void aSnapshotKeepsItsCountsWhileTheEngineGoesOn() throws Exception {
    Path file = dir.resolve("flags.yaml");
    Files.writeString(file, CATALOG);
    FlagEngine engine = FlagEngine.builder().source(CatalogSource.file(file)).environment(null).watch(false).build();
    EngineStats first = engine.stats(); // starts counting
    engine.evaluate("beta", EvaluationContext.of("ann"));
    engine.evaluate("beta", EvaluationContext.of("ann"));
    engine.evaluate("beta", EvaluationContext.of("bob"));
    engine.evaluate("plan", null);
    Files.writeString(file, "flags: [ not a map");
    engine.reload();
    Files.writeString(file, CATALOG_WITHOUT_PLAN);
    engine.reload(); // plan was evaluated: refused as removing a flag in use

    EngineStats second = engine.stats();
    engine.evaluate("beta", EvaluationContext.of("ann"));

    assertThat(first.evaluationCount()).isZero();
    assertThat(first.evaluationCounts()).containsEntry("beta", Map.of("on", 0L, "off", 0L))
        .containsEntry("plan", Map.of("free", 0L)); // pro: no rule serves it
    assertThat(first.reloadCount()).isEqualTo(1);
    assertThat(first.reloadFailureCount()).isZero();
    assertThat(second.evaluationCount("beta", "on")).isEqualTo(2);
    assertThat(second.evaluationCount("beta", "off")).isEqualTo(1);
    assertThat(second.evaluationCount("plan", "free")).isEqualTo(1);
    assertThat(second.evaluationCount("nope", "on")).isZero();
    assertThat(second.evaluationCount()).isEqualTo(4);
    assertThat(second.reloadCount()).isEqualTo(1);
    assertThat(second.reloadFailureCount()).isEqualTo(2);
    assertThat(second.evaluationCounts().keySet()).containsExactly("beta", "plan");
    assertThat(engine.stats().evaluationCount("beta", "on")).isEqualTo(3);
    assertThat(engine.evaluationCount("beta", "on")).isEqualTo(engine.stats().evaluationCount("beta", "on"));
    assertThat(engine.reloadFailureCount()).isEqualTo(second.reloadFailureCount());
  }

  @Test
  void errorsAreCountedPerFlag() {
    FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("f.yaml", CATALOG)).environment(null)
        .watch(false).decisions((key, isBoolean, variants, ctx) -> {
          throw new IllegalStateException("down");
        }).build();
    engine.evaluate("plan", null);
    engine.evaluate("plan", null);
    engine.evaluate("beta", null);

    EngineStats stats = engine.stats();
    assertThat(stats.errorCounts()).containsExactly(Map.entry("beta", 1L), Map.entry("plan", 2L));
    assertThat(stats.errorCount("plan")).isEqualTo(2).isEqualTo(engine.errorCount("plan"));
    assertThat(stats.errorCount("nope")).isZero();
    assertThat(stats.errorCount()).isEqualTo(3);
  }

  @Test
  void theValueCopiesWhatItIsGivenAndCannotBeChanged() {
    Map<String, Long> plan = new HashMap<>(Map.of("free", 1L));
    Map<String, Map<String, Long>> evaluations = new HashMap<>(Map.of("plan", plan));
    Map<String, Long> errors = new HashMap<>(Map.of("plan", 1L));
    EngineStats stats = new EngineStats(evaluations, errors, 1, 0);
    plan.put("free", 5L);
    evaluations.put("beta", Map.of("on", 1L));
    errors.clear();

    assertThat(stats.evaluationCounts()).isEqualTo(Map.of("plan", Map.of("free", 1L)));
    assertThat(stats.errorCounts()).isEqualTo(Map.of("plan", 1L));
    assertThatThrownBy(() -> stats.evaluationCounts().get("plan").put("pro", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> stats.errorCounts().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(stats).isEqualTo(new EngineStats(Map.of("plan", Map.of("free", 1L)), Map.of("plan", 1L), 1, 0));
  }
}
