package dev.turnout.sample.ops;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.TurnoutListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exposure events of experiments: every time an experiment flag is evaluated for a user (not in a
 * {@link Preview}), which variant
 * they were shown; and conversions, when a user then did what the experiments measure, each credited
 * to the variant of every experiment that user was last shown. No code names an experiment: the set
 * comes from the flags whose kind is {@code experiment} ({@link FlagDirectory#experiments()}). Register
 * it with {@code Turnout.engine().addListener(exposures)}.
 *
 * <pre>{@code
 * Exposures exposures = new Exposures(directory.experiments());
 * Turnout.engine().addListener(exposures);
 * ...
 * exposures.converted(user.name());   // the variants this user was last shown
 * exposures.stats();                  // flag -> variant -> exposures, users, conversions
 * }</pre>
 */
public final class Exposures implements TurnoutListener {

  /** Distinct users remembered per variant and per experiment, so a flood of keys cannot fill memory. */
  private static final int MAX_USERS = 10_000;

  private final Set<String> experiments;
  private final Map<String, Map<String, Tally>> tallies = new ConcurrentHashMap<>();
  /** Flag to user to the variant last shown to that user. */
  private final Map<String, Map<String, String>> lastShown = new ConcurrentHashMap<>();

  /** Counts exposures of the given experiment flags. */
  public Exposures(Set<String> experiments) {
    this.experiments = Set.copyOf(experiments);
  }

  /** The experiment flags counted. */
  public Set<String> experiments() {
    return experiments;
  }

  @Override
  public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
    if (evaluation.variant() != null && context.targetingKey() != null
        && experiments.contains(evaluation.flagKey()) && !Preview.active()) {
      String flag = evaluation.flagKey();
      String user = context.targetingKey();
      tally(flag, evaluation.variant()).exposed(user);
      Map<String, String> byUser = lastShown.computeIfAbsent(flag, k -> new ConcurrentHashMap<>());
      if (byUser.size() < MAX_USERS || byUser.containsKey(user)) {
        byUser.put(user, evaluation.variant());
      }
    }
  }

  /**
   * Records a conversion by {@code user}: for each experiment, one for the variant that user was last
   * shown; experiments never shown to them are left alone.
   */
  public void converted(String user) {
    if (user == null) {
      return;
    }
    for (String flag : experiments) {
      String variant = lastShown.getOrDefault(flag, Map.of()).get(user);
      if (variant != null) {
        tally(flag, variant).conversions.increment();
      }
    }
  }

  /** Flag to variant (sorted) to its numbers so far. */
  public Map<String, Map<String, Stats>> stats() {
    Map<String, Map<String, Stats>> out = new TreeMap<>();
    for (String flag : experiments) {
      Map<String, Stats> byVariant = new LinkedHashMap<>();
      new TreeMap<>(tallies.getOrDefault(flag, Map.of())).forEach((variant, t) ->
          byVariant.put(variant, new Stats(t.exposures.sum(), t.users.size(), t.conversions.sum())));
      out.put(flag, byVariant);
    }
    return out;
  }

  private Tally tally(String flag, String variant) {
    return tallies.computeIfAbsent(flag, k -> new ConcurrentHashMap<>()).computeIfAbsent(variant, k -> new Tally());
  }

  /**
   * One variant's numbers.
   *
   * @param exposures how many times it was shown
   * @param users to how many distinct users
   * @param conversions how many times a user it was shown to converted
   */
  public record Stats(long exposures, long users, long conversions) {}

  private static final class Tally {
    final LongAdder exposures = new LongAdder();
    final LongAdder conversions = new LongAdder();
    final Set<String> users = ConcurrentHashMap.newKeySet();

    void exposed(String user) {
      exposures.increment();
      if (users.size() < MAX_USERS) {
        users.add(user);
      }
    }
  }
}
