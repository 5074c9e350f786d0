package dev.turnout.internal.engine;

import dev.turnout.Evaluation;
import dev.turnout.Evaluation.Reason;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.Rule;
import dev.turnout.internal.catalog.Catalog.Settings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/** Compiles a validated {@link Catalog} for one environment into a {@link Snapshot}. */
public final class Compiler {

  private Compiler() {}

  /**
   * @param counters gives the evaluation counter of (flag, variant), kept across reloads
   */
  public static Snapshot compile(Catalog catalog, String environment, long version, Instant loadedAt,
      BiFunction<String, String, LongAdder> counters) {
    Map<String, CompiledFlag> flags = new HashMap<>(Math.max(16, catalog.flags().size() * 2));
    for (Flag flag : catalog.flags().values()) {
      flags.put(flag.key(), compile(flag, catalog, environment, counters));
    }
    return new Snapshot(catalog, environment, Map.copyOf(flags), version, loadedAt);
  }

  static CompiledFlag compile(Flag flag, Catalog catalog, String environment,
      BiFunction<String, String, LongAdder> counters) {
    Settings s = flag.settingsFor(environment);
    String key = flag.key();
    OutcomeFactory out = new OutcomeFactory(flag, environment, counters);

    Outcome disabled = out.of(flag.offVariant(environment), Reason.DISABLED, -1);
    Outcome fallthrough = out.of(flag.defaultVariant(environment), Reason.DEFAULT, -1);
    Outcome error = out.of(flag.offVariant(environment), Reason.ERROR, -1);
    Set<String> allow = Set.copyOf(s.allowOrEmpty());
    Outcome allowed = allow.isEmpty() ? null : out.of(Catalog.ON, Reason.TARGETING_MATCH, -1);

    List<Rule> ruleDefs = s.rulesOrEmpty();
    CompiledRule[] rules = new CompiledRule[ruleDefs.size()];
    for (int i = 0; i < rules.length; i++) {
      Rule r = ruleDefs.get(i);
      Matcher when = Matchers.compile(r.when(), catalog.segments());
      long from = r.from() == null ? Long.MIN_VALUE : Time.millis(r.from());
      long until = r.until() == null ? Long.MAX_VALUE : Time.millis(r.until());
      if (r.serve() instanceof Catalog.Fixed) {
        rules[i] = CompiledRule.fixed(when, from, until,
            out.of(((Catalog.Fixed) r.serve()).variant(), Reason.TARGETING_MATCH, i));
      } else {
        Catalog.Rollout ro = (Catalog.Rollout) r.serve();
        int[] bounds = new int[ro.variants().size()];
        Outcome[] outcomes = new Outcome[bounds.length];
        int upper = 0;
        for (int v = 0; v < bounds.length; v++) {
          upper += ro.weights().get(v);
          bounds[v] = upper;
          outcomes[v] = out.of(ro.variants().get(v), Reason.SPLIT, i);
        }
        String salt = ro.salt() == null ? key : ro.salt();
        rules[i] = CompiledRule.rollout(when, from, until, ro.by(), Murmur3.prefix(salt + "/"), bounds, outcomes);
      }
    }

    Murmur3 percentageHash = null;
    int percentage = 0;
    long[] scheduleAt = new long[0];
    int[] schedulePercentage = new int[0];
    Outcome splitOn = null;
    Outcome splitOff = null;
    if (s.percentage() != null || !s.scheduleOrEmpty().isEmpty()) {
      percentageHash = Murmur3.prefix(key + "/");
      percentage = s.percentage() == null ? 0 : s.percentage();
      List<Catalog.ScheduleStep> steps = s.scheduleOrEmpty();
      scheduleAt = new long[steps.size()];
      schedulePercentage = new int[steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        scheduleAt[i] = Time.millis(steps.get(i).at());
        schedulePercentage[i] = steps.get(i).percentage();
      }
      splitOn = out.of(Catalog.ON, Reason.SPLIT, -1);
      splitOff = out.of(Catalog.OFF, Reason.SPLIT, -1);
    }

    Outcome constant = null;
    if (!s.isEnabled()) {
      constant = disabled;
    } else if (allow.isEmpty()) {
      if (rules.length > 0) {
        constant = rules[0].unconditional();
      } else if (percentageHash == null) {
        constant = fallthrough;
      }
    }
    return new CompiledFlag(key, s.isEnabled(), disabled, allow, allowed, rules, percentageHash, percentage,
        scheduleAt, schedulePercentage, splitOn, splitOff, fallthrough, error, constant);
  }

  /** Builds outcomes, sharing one counter per (flag, variant). */
  private static final class OutcomeFactory {
    private final Flag flag;
    private final String offVariant;
    private final BiFunction<String, String, LongAdder> counters;

    OutcomeFactory(Flag flag, String environment, BiFunction<String, String, LongAdder> counters) {
      this.flag = flag;
      this.offVariant = flag.offVariant(environment);
      this.counters = counters;
    }

    Outcome of(String variant, Reason reason, int ruleIndex) {
      Object value = flag.variants().get(variant);
      // Evaluation#isEnabled: a boolean flag's on variant; any other flag's variants but its off variant.
      boolean enabled = flag.isBoolean() ? Catalog.ON.equals(variant) : !variant.equals(offVariant);
      Evaluation e = Evaluation.of(flag.key(), variant, value, reason, ruleIndex, enabled);
      return new Outcome(e, counters.apply(flag.key(), variant));
    }
  }
}
