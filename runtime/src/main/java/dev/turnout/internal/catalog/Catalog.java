package dev.turnout.internal.catalog;

import dev.turnout.Evaluation;
import dev.turnout.internal.engine.JsonLogic;
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
      Object fingerprint,
      // Which format's evaluation semantics apply to what the flag serves.
      Dialect dialect,
      // Free-form metadata carried from a foreign format (flagd's flag and flag-set metadata); empty otherwise.
      Map<String, Object> metadata) {

    /** A flag in Turnout's own format, without foreign metadata. */
    public Flag(String key, int line, int column, String description, String owner, String ticket, LocalDate created,
        LocalDate expires, String kind, List<String> tags, boolean isBoolean, Map<String, Object> variants,
        Settings settings, Map<String, Settings> environments, Object fingerprint) {
      this(key, line, column, description, owner, ticket, created, expires, kind, tags, isBoolean, variants, settings,
          environments, fingerprint, Dialect.TURNOUT, Map.of());
    }

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

    /**
     * {@code Evaluation#isEnabled} when this flag serves {@code variant} (null: no variant) for {@code reason}
     * in {@code environment}: the one rule of each dialect, followed by the engine's compiled outcomes and by
     * decisions a {@code DecisionSource} makes alike.
     */
    public boolean enables(String variant, Evaluation.Reason reason, String environment) {
      switch (dialect) {
        case UNLEASH:
          // Unleash's feature_enabled: a strategy matched, whatever variant it serves.
          return reason == Evaluation.Reason.TARGETING_MATCH || reason == Evaluation.Reason.SPLIT;
        case FLAGD: {
          if (variant == null || reason == Evaluation.Reason.DISABLED || reason == Evaluation.Reason.ERROR) {
            return false;
          }
          Object value = variants.get(variant);
          return !(value instanceof Boolean) || (Boolean) value;
        }
        default:
          // A boolean flag's on variant; any other flag's variants but its off variant.
          return variant != null && (isBoolean ? ON.equals(variant) : !variant.equals(offVariant(environment)));
      }
    }

    /** The variant served when nothing matches. */
    public String defaultVariant(String environment) {
      String def = settingsFor(environment).defaultVariant();
      return def != null ? def : isBoolean ? OFF : variants.keySet().iterator().next();
    }
  }

  /**
   * Whose evaluation semantics a flag follows: what {@code isEnabled} means, and which reasons and
   * error codes its outcomes carry. The rules themselves are compiled the same way for every dialect.
   */
  public enum Dialect {
    /** flags-format.md: a boolean flag is enabled on {@code on}, another flag on any variant but {@code off}. */
    TURNOUT,
    /**
     * Unleash: enabled when a rule (a strategy) matched; the variant {@value #UNLEASH_NO_VARIANT} stands for
     * "no variant", as Unleash's clients answer.
     */
    UNLEASH,
    /**
     * flagd: enabled when the value served is {@code true} (or, for non-boolean flags, any variant was
     * served); a flag without targeting serves its default with reason STATIC; a null default or a
     * disabled flag serves no variant, so the caller's default applies.
     */
    FLAGD;

    /** Unleash's name for "no variant". */
    public static final String UNLEASH_NO_VARIANT = "disabled";
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
  public sealed interface Serve permits Fixed, Rollout, Weighted, Computed {}

  /** One variant for everyone the rule matches. */
  public record Fixed(String variant) implements Serve {}

  /**
   * Unleash's variant choice: first an override (an attribute's value listed for a variant), else a
   * weighted pick by {@code bucketing} over the first present attribute of {@code stickiness}.
   * {@code values} gives each variant's value (its payload) for this choice.
   */
  public record Weighted(List<String> variants, List<Integer> weights, Map<String, Object> values,
      List<VariantOverride> overrides, List<String> stickiness, Bucketing bucketing) implements Serve {}

  /** Serves {@code variant} when the attribute's text is one of {@code values}. */
  public record VariantOverride(String attribute, List<String> values, String variant) {}

  /**
   * A JsonLogic expression (flagd targeting) that computes the variant name; null serves nothing (the
   * default applies). {@code expression} and the named {@code evaluators} (what {@code {"$ref": name}}
   * stands for) are {@link Node} trees, so problems found when compiling point at their line and column.
   * {@code compiled} is the expression as the reader compiled it when it validated it, once, for the
   * engine to evaluate; null when a {@code $ref} names no evaluator (flagd loads such a flag and fails its
   * evaluations). Two of them are equal when their expression and evaluators are: the compiled tree
   * follows from those.
   */
  public record Computed(Node expression, Map<String, Node> evaluators, JsonLogic.Expr compiled) implements Serve {

    @Override
    public boolean equals(Object o) {
      return o instanceof Computed c && expression.equals(c.expression) && evaluators.equals(c.evaluators);
    }

    @Override
    public int hashCode() {
      return 31 * expression.hashCode() + evaluators.hashCode();
    }
  }

  /**
   * How a foreign format maps an attribute value to a bucket: {@code UNLEASH} is Unleash's normalised
   * murmur3, {@code 1 + murmur3_x86_32(utf8(salt + ":" + value), seed) mod n} unsigned.
   */
  public record Bucketing(String salt, int seed, int buckets) {
    /** Seed of Unleash's gradual rollouts. */
    public static final int UNLEASH_ROLLOUT_SEED = 0;
    /** Seed of Unleash's variant choice. */
    public static final int UNLEASH_VARIANT_SEED = 86_028_157;
  }

  /**
   * Variants by consistent hashing of the {@code by} attribute (null: the targeting key), salted with
   * {@code salt} (null: the flag key). Weights are in thousandths of a percent and sum to 100,000.
   */
  public record Rollout(List<String> variants, List<Integer> weights, String by, String salt) implements Serve {}

  /** A {@code when:} condition. */
  public sealed interface Condition permits Clause, All, Any, Not, SegmentRef, InRollout, FlagCheck {}

  /**
   * {@code {attribute, op, values}}. Values are Strings, Longs, Doubles or Booleans as written;
   * {@code ignoreCase} makes the string operators compare case-insensitively.
   */
  public record Clause(int line, int column, String attribute, Operator op, List<Object> values, boolean ignoreCase)
      implements Condition {

    /** A case-sensitive clause. */
    public Clause(int line, int column, String attribute, Operator op, List<Object> values) {
      this(line, column, attribute, op, values, false);
    }
  }

  /**
   * A percentage of contexts, by {@code bucketing}'s hash of the first present attribute of
   * {@code stickiness} ({@code random}: a fresh random draw): matches when the bucket (1..n) is at most
   * {@code percentage}. A context without any of the attributes does not match.
   */
  public record InRollout(List<String> stickiness, int percentage, Bucketing bucketing) implements Condition {}

  /**
   * Another flag's state for the same context: {@code enabled} true requires it enabled (and, when
   * {@code variants} is not empty, serving one of them); false requires it not enabled. An unknown flag
   * never matches.
   */
  public record FlagCheck(String flag, boolean enabled, List<String> variants) implements Condition {}

  public record All(List<Condition> conditions) implements Condition {}

  public record Any(List<Condition> conditions) implements Condition {}

  public record Not(Condition condition) implements Condition {}

  public record SegmentRef(int line, int column, String segment) implements Condition {}
}
