package dev.turnout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An engine's counts at one moment, from {@link FlagEngine#stats()}: immutable, so two of them can be
 * compared (before and after a test step, two scrapes of a metrics registry).
 *
 * @param evaluationCounts flag key to variant to how many times the flag served it since the engine started
 *     counting (see {@link FlagEngine#countEvaluations()}), sorted by key; every variant a flag of the catalog
 *     can serve is there, at 0 when never served
 * @param errorCounts flag key to how many of its evaluations failed inside Turnout (and served the off
 *     variant) or in the engine's decision source (and the catalog decided), sorted by key; flags without
 *     errors are absent
 * @param reloadCount how many catalogs were applied, the first load included
 * @param reloadFailureCount how many catalogs were rejected
 */
public record EngineStats(Map<String, Map<String, Long>> evaluationCounts, Map<String, Long> errorCounts,
    long reloadCount, long reloadFailureCount) {

  /** Copies the maps: the value never changes afterwards. */
  public EngineStats {
    Map<String, Map<String, Long>> evaluations = new TreeMap<>();
    Objects.requireNonNull(evaluationCounts, "evaluationCounts")
        .forEach((flag, byVariant) -> evaluations.put(flag, Collections.unmodifiableMap(new LinkedHashMap<>(byVariant))));
    evaluationCounts = Collections.unmodifiableMap(evaluations);
    errorCounts = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(errorCounts, "errorCounts")));
  }

  /** How many times the flag served the variant; 0 when never, or not counted. */
  public long evaluationCount(String flagKey, String variant) {
    Map<String, Long> byVariant = evaluationCounts.get(flagKey);
    Long n = byVariant == null ? null : byVariant.get(variant);
    return n == null ? 0 : n;
  }

  /** How many evaluations were counted, every flag and variant together. */
  public long evaluationCount() {
    return evaluationCounts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
  }

  /** How many evaluations of the flag failed (see {@link #errorCounts()}). */
  public long errorCount(String flagKey) {
    return errorCounts.getOrDefault(flagKey, 0L);
  }

  /** How many evaluations failed, every flag together. */
  public long errorCount() {
    return errorCounts.values().stream().mapToLong(Long::longValue).sum();
  }
}
