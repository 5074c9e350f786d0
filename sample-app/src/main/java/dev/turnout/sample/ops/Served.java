package dev.turnout.sample.ops;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.TurnoutListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each flag served each variant since start-up, counted as the application's engine serves
 * them; {@link Preview previews} (the {@code /flags} page looking) are not counted. Register it with
 * {@code Turnout.engine().addListener(served)} before serving.
 *
 * <pre>{@code
 * Served served = new Served();
 * Turnout.engine().addListener(served);
 * served.counts();   // flag -> variant -> times served
 * }</pre>
 */
public final class Served implements TurnoutListener {

  private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();

  @Override
  public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
    if (evaluation.variant() != null && !Preview.active()) {
      counters.computeIfAbsent(evaluation.flagKey(), k -> new ConcurrentHashMap<>())
          .computeIfAbsent(evaluation.variant(), k -> new LongAdder()).increment();
    }
  }

  /** Flag key to variant to count, sorted by key; flags never served are absent. */
  public Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    counters.forEach((flag, byVariant) -> {
      Map<String, Long> m = new LinkedHashMap<>();
      new TreeMap<>(byVariant).forEach((variant, n) -> m.put(variant, n.sum()));
      out.put(flag, Collections.unmodifiableMap(m));
    });
    return Collections.unmodifiableMap(out);
  }
}
