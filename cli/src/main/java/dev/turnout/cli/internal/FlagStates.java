package dev.turnout.cli.internal;

import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Catalog.Fixed;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.Rollout;
import dev.turnout.internal.catalog.Catalog.Rule;
import dev.turnout.internal.catalog.Catalog.ScheduleStep;
import dev.turnout.internal.catalog.Catalog.Settings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What a flag serves in an environment, in words, and whether it serves one variant to everyone. */
public final class FlagStates {

  private FlagStates() {}

  /** Every environment named by any flag of the catalog, sorted. */
  public static List<String> environments(Catalog catalog) {
    Set<String> names = new TreeSet<>();
    for (Flag f : catalog.flags().values()) {
      names.addAll(f.environments().keySet());
    }
    return List.copyOf(names);
  }

  /**
   * The flag's state in {@code environment} (null: no environment): {@code off}, {@code on}, a variant
   * served to everyone, {@code rollout 10%}, {@code rollout v1 50% v2 50%}, or {@code rules}.
   */
  public static String describe(Flag flag, String environment, Instant now) {
    Settings s = flag.settingsFor(environment);
    if (!s.isEnabled()) {
      return flag.isBoolean() ? "off" : "off (" + flag.offVariant(environment) + ")";
    }
    Optional<String> one = uniformVariant(flag, environment, now);
    if (one.isPresent()) {
      return one.get();
    }
    Integer percentage = currentPercentage(s, now);
    if (s.rulesOrEmpty().isEmpty() && s.allowOrEmpty().isEmpty() && percentage != null) {
      return "rollout " + percent(percentage) + (s.scheduleOrEmpty().isEmpty() ? "" : " (scheduled)");
    }
    if (s.allowOrEmpty().isEmpty() && percentage == null && s.rulesOrEmpty().size() == 1) {
      Rule rule = s.rulesOrEmpty().get(0);
      if (rule.when() == null && rule.from() == null && rule.until() == null && rule.serve() instanceof Rollout r) {
        StringBuilder text = new StringBuilder("rollout");
        for (int i = 0; i < r.variants().size(); i++) {
          text.append(' ').append(r.variants().get(i)).append(' ').append(percent(r.weights().get(i)));
        }
        return text.toString();
      }
    }
    return "rules";
  }

  /**
   * The one variant the flag serves to every targeting key in {@code environment}, if it serves only
   * one: switched off, a rule without condition serving one variant, a rollout or percentage at 100 %,
   * or a default that nothing before it can override.
   */
  public static Optional<String> uniformVariant(Flag flag, String environment, Instant now) {
    Settings s = flag.settingsFor(environment);
    if (!s.isEnabled()) {
      return Optional.of(flag.offVariant(environment));
    }
    Set<String> served = new LinkedHashSet<>();
    if (!s.allowOrEmpty().isEmpty()) {
      served.add(Catalog.ON);
    }
    for (Rule rule : s.rulesOrEmpty()) {
      List<String> variants = new ArrayList<>();
      if (rule.serve() instanceof Fixed f) {
        variants.add(f.variant());
      } else if (rule.serve() instanceof Rollout r) {
        for (int i = 0; i < r.variants().size(); i++) {
          if (r.weights().get(i) > 0) {
            variants.add(r.variants().get(i));
          }
        }
      }
      served.addAll(variants);
      if (rule.when() == null && rule.from() == null && rule.until() == null) {
        return served.size() == 1 ? Optional.of(served.iterator().next()) : Optional.empty();
      }
    }
    Integer percentage = currentPercentage(s, now);
    if (percentage != null && percentage >= 100_000) {
      served.add(Catalog.ON);
    } else {
      if (percentage != null && percentage > 0) {
        served.add(Catalog.ON);
      }
      served.add(flag.defaultVariant(environment));
    }
    // A schedule still to step up is not settled, whatever it serves now.
    boolean stepsAhead = s.scheduleOrEmpty().stream().anyMatch(step -> step.at().isAfter(now));
    return served.size() == 1 && !stepsAhead ? Optional.of(served.iterator().next()) : Optional.empty();
  }

  /** The same single variant in the base settings and in every environment of the catalog, if so. */
  public static Optional<String> uniformEverywhere(Flag flag, List<String> environments, Instant now) {
    Optional<String> base = uniformVariant(flag, null, now);
    if (base.isEmpty()) {
      return base;
    }
    for (String env : environments) {
      if (!uniformVariant(flag, env, now).equals(base)) {
        return Optional.empty();
      }
    }
    return base;
  }

  /** The percentage in force (thousandths of a percent): the last schedule step reached, else the flag's. */
  static Integer currentPercentage(Settings s, Instant now) {
    Integer p = s.percentage();
    for (ScheduleStep step : s.scheduleOrEmpty()) {
      if (!step.at().isAfter(now)) {
        p = step.percentage();
      }
    }
    return p;
  }

  static String percent(int thousandths) {
    return BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString() + "%";
  }
}
