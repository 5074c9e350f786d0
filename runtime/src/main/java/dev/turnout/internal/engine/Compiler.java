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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/** Compiles a validated {@link Catalog} for one environment into a {@link Snapshot}. */
public final class Compiler {

  /** The default random source: each thread's own {@link ThreadLocalRandom}, safe to share. */
  public static final RandomGenerator DEFAULT_RANDOM = () -> ThreadLocalRandom.current().nextLong();

  /** The schedule of every flag without one. */
  private static final long[] NO_STEPS_AT = new long[0];
  private static final int[] NO_STEPS_PERCENTAGE = new int[0];

  private Compiler() {}

  /**
   * @param counters gives the evaluation counter of (flag, variant), kept across reloads
   */
  public static Snapshot compile(Catalog catalog, String environment, long version, Instant loadedAt,
      BiFunction<String, String, LongAdder> counters) {
    return compile(catalog, environment, version, loadedAt, counters, DEFAULT_RANDOM);
  }

  /**
   * @param random the random source of random stickiness (Unleash's {@code random} and
   *     {@code gradualRolloutRandom}); tests inject a seeded one
   */
  public static Snapshot compile(Catalog catalog, String environment, long version, Instant loadedAt,
      BiFunction<String, String, LongAdder> counters, RandomGenerator random) {
    Links links = new Links(random);
    Map<String, CompiledFlag> flags = new HashMap<>(Math.max(16, catalog.flags().size() * 2));
    for (Flag flag : catalog.flags().values()) {
      flags.put(flag.key(), compile(flag, catalog, environment, counters, links));
    }
    links.fill(flags);
    return new Snapshot(catalog, environment, flags, version, loadedAt); // neither keeps the map
  }

  static CompiledFlag compile(Flag flag, Catalog catalog, String environment,
      BiFunction<String, String, LongAdder> counters) {
    return compile(flag, catalog, environment, counters, Links.NONE);
  }

  private static CompiledFlag compile(Flag flag, Catalog catalog, String environment,
      BiFunction<String, String, LongAdder> counters, Links links) {
    if (flag.dialect() == Catalog.Dialect.FLAGD) {
      return FlagdCompiler.compile(flag, new OutcomeFactory(flag, environment, counters));
    }
    Settings s = flag.settingsFor(environment);
    String key = flag.key();
    OutcomeFactory out = new OutcomeFactory(flag, environment, counters);

    // Served only by a switched-off flag: an enabled one never needs it.
    Outcome disabled = s.isEnabled() ? null : out.of(flag.offVariant(environment), Reason.DISABLED, -1);
    Outcome fallthrough = out.of(flag.defaultVariant(environment), Reason.DEFAULT, -1);
    Outcome error = out.of(flag.offVariant(environment), Reason.ERROR, -1);
    Set<String> allow = s.allowOrEmpty().isEmpty() ? Set.of() : Set.copyOf(s.allowOrEmpty());
    Outcome allowed = allow.isEmpty() ? null : out.of(Catalog.ON, Reason.TARGETING_MATCH, -1);

    List<Rule> ruleDefs = s.rulesOrEmpty();
    CompiledRule[] rules = new CompiledRule[ruleDefs.size()];
    for (int i = 0; i < rules.length; i++) {
      Rule r = ruleDefs.get(i);
      Matcher when = Matchers.compile(r.when(), catalog.segments(), links);
      long from = r.from() == null ? Long.MIN_VALUE : Time.millis(r.from());
      long until = r.until() == null ? Long.MAX_VALUE : Time.millis(r.until());
      if (r.serve() instanceof Catalog.Weighted) {
        rules[i] = CompiledRule.serving(when, weighted((Catalog.Weighted) r.serve(), out, i, links));
      } else if (r.serve() instanceof Catalog.Fixed) {
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
    long[] scheduleAt = NO_STEPS_AT;
    int[] schedulePercentage = NO_STEPS_PERCENTAGE;
    Outcome splitOn = null;
    Outcome splitOff = null;
    if (s.percentage() != null || !s.scheduleOrEmpty().isEmpty()) {
      percentageHash = Murmur3.prefix(key + "/");
      percentage = s.percentage() == null ? 0 : s.percentage();
      List<Catalog.ScheduleStep> steps = s.scheduleOrEmpty();
      if (!steps.isEmpty()) {
        scheduleAt = new long[steps.size()];
        schedulePercentage = new int[steps.size()];
      }
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

  /** Unleash's variant choice: overrides first, then the normalised hash onto the weights. */
  private static Serving weighted(Catalog.Weighted w, OutcomeFactory out, int ruleIndex, Links links) {
    int n = w.variants().size();
    Outcome[] picked = new Outcome[n];
    int[] upper = new int[n];
    int total = 0;
    for (int v = 0; v < n; v++) {
      String name = w.variants().get(v);
      picked[v] = out.of(name, w.values().get(name), Reason.SPLIT, ruleIndex);
      total += w.weights().get(v);
      upper[v] = total;
    }
    int overrides = w.overrides().size();
    String[] overrideAttribute = new String[overrides];
    Set<?>[] overrideValues = new Set<?>[overrides];
    Outcome[] overridden = new Outcome[overrides];
    for (int o = 0; o < overrides; o++) {
      Catalog.VariantOverride vo = w.overrides().get(o);
      overrideAttribute[o] = vo.attribute();
      overrideValues[o] = Set.copyOf(vo.values());
      overridden[o] = out.of(vo.variant(), w.values().get(vo.variant()), Reason.TARGETING_MATCH, ruleIndex);
    }
    String[] stickiness = w.stickiness().toArray(new String[0]);
    Catalog.Bucketing b = w.bucketing();
    Murmur3 hash = Murmur3.prefix(b.salt() + ":", b.seed());
    int buckets = b.buckets();
    Outcome none = out.of(Catalog.Dialect.UNLEASH_NO_VARIANT, null, Reason.TARGETING_MATCH, ruleIndex);
    RandomGenerator random = links.random;
    return (ctx, clock) -> {
      for (int o = 0; o < overrideAttribute.length; o++) {
        String v = ctx.getText(overrideAttribute[o]);
        if (v != null && overrideValues[o].contains(v)) {
          return overridden[o];
        }
      }
      int target = ForeignMatchers.normalizedBucket(ctx, stickiness, hash, buckets, random);
      for (int v = 0; v < upper.length; v++) {
        if (upper[v] > 0 && upper[v] >= target) {
          return picked[v];
        }
      }
      return none;
    };
  }

  /** Builds outcomes, sharing one counter per (flag, variant). */
  static final class OutcomeFactory {
    /** The counter name of outcomes that serve no variant (the caller's default applies). */
    static final String NO_VARIANT_COUNTER = "";

    final Flag flag;
    private final String environment;
    private final BiFunction<String, String, LongAdder> counters;
    /**
     * The counters this flag's outcomes use so far, by counter name: the first two (a boolean flag's on and
     * off) in fields, any more in a map made when needed.
     */
    private String firstName;
    private LongAdder first;
    private String secondName;
    private LongAdder second;
    private Map<String, LongAdder> more;

    OutcomeFactory(Flag flag, String environment, BiFunction<String, String, LongAdder> counters) {
      this.flag = flag;
      this.environment = environment;
      this.counters = counters;
    }

    Outcome of(String variant, Reason reason, int ruleIndex) {
      return of(variant, variant == null ? null : flag.variants().get(variant), reason, ruleIndex);
    }

    Outcome of(String variant, Object value, Reason reason, int ruleIndex) {
      return of(variant, value, reason, ruleIndex, null);
    }

    Outcome of(String variant, Object value, Reason reason, int ruleIndex, String errorCode) {
      boolean enabled = flag.enables(variant, reason, environment);
      Evaluation e = Evaluation.of(flag.key(), variant, value, reason, ruleIndex, enabled);
      return new Outcome(e, counter(variant == null ? NO_VARIANT_COUNTER : variant), errorCode);
    }

    /** The counter of the counter name, asked of the engine once per flag. */
    private LongAdder counter(String name) {
      if (name.equals(firstName)) {
        return first;
      }
      if (name.equals(secondName)) {
        return second;
      }
      LongAdder n = more == null ? null : more.get(name);
      if (n == null) {
        n = counters.apply(flag.key(), name);
        if (first == null) {
          firstName = name;
          first = n;
        } else if (second == null) {
          secondName = name;
          second = n;
        } else {
          if (more == null) {
            more = new HashMap<>();
          }
          more.put(name, n);
        }
      }
      return n;
    }
  }
}
