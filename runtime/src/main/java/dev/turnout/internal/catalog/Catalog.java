package dev.turnout.internal.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated catalog: what the runtime compiles and what the processor and tools read. Maps keep the
 * order of the file. Build one with {@link CatalogReader}.
 */
public record Catalog(String source, String packageName, Map<String, Flag> flags, Map<String, Segment> segments) {

  /** The boolean flag's variant names. */
  public static final String ON = "on";
  public static final String OFF = "off";

  /** One flag: metadata, variants, base settings and per-environment overrides. */
  public record Flag(
      String key,
      int line,
      int column,
      String description,
      String owner,
      String ticket,
      LocalDate created,
      LocalDate expires,
      String kind,
      List<String> tags,
      boolean isBoolean,
      // Variant name to value, in declared order; boolean flags: on=true, off=false.
      Map<String, Object> variants,
      Settings settings,
      Map<String, Settings> environments,
      // The flag's definition as plain data, to tell whether two versions differ.
      Object fingerprint) {

    /** The settings in force in {@code environment} (null for none): the base, with that environment's fields replaced. */
    public Settings settingsFor(String environment) {
      Settings env = environment == null ? null : environments.get(environment);
      return env == null ? settings : settings.overriddenBy(env);
    }

    /** The variant served when the flag is switched off. */
    public String offVariant(String environment) {
      String off = settingsFor(environment).off();
      return off != null ? off : isBoolean ? OFF : variants.keySet().iterator().next();
    }

    /** The variant served when nothing matches. */
    public String defaultVariant(String environment) {
      String def = settingsFor(environment).defaultVariant();
      return def != null ? def : isBoolean ? OFF : variants.keySet().iterator().next();
    }
  }

  /**
   * The fields an environment may replace. A null field is "not set": the base value (or the built-in
   * default) applies.
   */
  public record Settings(
      Boolean enabled,
      String defaultVariant,
      String off,
      List<Rule> rules,
      List<String> allow,
      // In thousandths of a percent (10 % = 10,000), or null.
      Integer percentage,
      List<ScheduleStep> schedule) {

    static final Settings EMPTY = new Settings(null, null, null, null, null, null, null);

    Settings overriddenBy(Settings env) {
      return new Settings(
          env.enabled != null ? env.enabled : enabled,
          env.defaultVariant != null ? env.defaultVariant : defaultVariant,
          env.off != null ? env.off : off,
          env.rules != null ? env.rules : rules,
          env.allow != null ? env.allow : allow,
          env.percentage != null ? env.percentage : percentage,
          env.schedule != null ? env.schedule : schedule);
    }

    public boolean isEnabled() {
      return enabled == null || enabled;
    }

    public List<Rule> rulesOrEmpty() {
      return rules == null ? List.of() : rules;
    }

    public List<String> allowOrEmpty() {
      return allow == null ? List.of() : allow;
    }

    public List<ScheduleStep> scheduleOrEmpty() {
      return schedule == null ? List.of() : schedule;
    }
  }

  /** One rule: serves {@code serve} when {@code when} (null: always) matches inside [from, until). */
  public record Rule(int line, int column, Condition when, Serve serve, Instant from, Instant until) {}

  /** From {@code at} on, the flag's percentage is {@code percentage} (thousandths of a percent). */
  public record ScheduleStep(Instant at, int percentage) {}

  /** A reusable audience: listed keys, or contexts matching {@code when}, or both. */
  public record Segment(String name, int line, int column, Set<String> keys, Condition when, Object fingerprint) {}

  /** What a rule serves. */
  public sealed interface Serve permits Fixed, Rollout {}

  /** One variant for everyone the rule matches. */
  public record Fixed(String variant) implements Serve {}

  /**
   * Variants by consistent hashing of the {@code by} attribute (null: the targeting key), salted with
   * {@code salt} (null: the flag key). Weights are in thousandths of a percent and sum to 100,000.
   */
  public record Rollout(List<String> variants, List<Integer> weights, String by, String salt) implements Serve {}

  /** A {@code when:} condition. */
  public sealed interface Condition permits Clause, All, Any, Not, SegmentRef {}

  /** {@code {attribute, op, values}}. Values are Strings, Longs, Doubles or Booleans as written. */
  public record Clause(int line, int column, String attribute, Operator op, List<Object> values) implements Condition {}

  public record All(List<Condition> conditions) implements Condition {}

  public record Any(List<Condition> conditions) implements Condition {}

  public record Not(Condition condition) implements Condition {}

  public record SegmentRef(int line, int column, String segment) implements Condition {}
}
