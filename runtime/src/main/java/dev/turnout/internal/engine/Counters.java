package dev.turnout.internal.engine;

import dev.turnout.EngineStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** An engine's counters: evaluations per flag and variant, errors per flag, reloads; read whole as {@link EngineStats}. */
final class Counters {

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> evaluations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder reloads = new LongAdder();
  private final LongAdder reloadFailures = new LongAdder();

  /** The counter of the flag's variant, kept across reloads (compiled outcomes increment it). */
  LongAdder counter(String flag, String variant) {
    // Sized for the usual two variants: one map per flag adds up over thousands of flags.
    return evaluations.computeIfAbsent(flag, k -> new ConcurrentHashMap<>(2)).computeIfAbsent(variant, k -> new LongAdder());
  }

  void error(String flag) {
    errors.computeIfAbsent(flag, k -> new LongAdder()).increment();
  }

  void reloaded() {
    reloads.increment();
  }

  void reloadFailed() {
    reloadFailures.increment();
  }

  /** Whether the flag was counted as evaluated. */
  boolean evaluated(String flag) {
    Map<String, LongAdder> byVariant = evaluations.get(flag);
    if (byVariant != null) {
      for (LongAdder n : byVariant.values()) {
        if (n.sum() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** One flag's count, without copying the others. */
  long evaluationCount(String flag, String variant) {
    Map<String, LongAdder> byVariant = evaluations.get(flag);
    LongAdder n = byVariant == null ? null : byVariant.get(variant);
    return n == null ? 0 : n.sum();
  }

  long errorCount(String flag) {
    LongAdder n = errors.get(flag);
    return n == null ? 0 : n.sum();
  }

  long reloadCount() {
    return reloads.sum();
  }

  long reloadFailureCount() {
    return reloadFailures.sum();
  }

  EngineStats stats() {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    evaluations.forEach((flag, byVariant) -> {
      Map<String, Long> m = new LinkedHashMap<>();
      byVariant.forEach((variant, n) -> m.put(variant, n.sum()));
      counts.put(flag, m);
    });
    Map<String, Long> failed = new TreeMap<>();
    errors.forEach((flag, n) -> failed.put(flag, n.sum()));
    return new EngineStats(counts, failed, reloads.sum(), reloadFailures.sum());
  }
}
