package dev.turnout;

import java.util.Objects;

/**
 * The outcome of evaluating one flag for one context: the variant served, its value, and why.
 *
 * <pre>{@code
 * Evaluation e = Turnout.evaluate("log-level", ctx);
 * if (e.reason() == Evaluation.Reason.TARGETING_MATCH) {
 *   log.info("rule {} matched, serving {} = {}", e.ruleIndex(), e.variant(), e.value());
 * }
 * }</pre>
 *
 * <p>Evaluations are immutable and shared: the engine precomputes them when it compiles a catalog,
 * so evaluating allocates nothing.
 */
public final class Evaluation {

  /** Why a variant was served. */
  public enum Reason {
    /** The flag is switched off ({@code enabled: false}): its {@code off} variant is served. */
    DISABLED,
    /**
     * The targeting key is on the flag's {@code allow} list ({@link #ruleIndex()} is -1), or the rule
     * at {@link #ruleIndex()} matched and serves a fixed variant.
     */
    TARGETING_MATCH,
    /**
     * A percentage rollout placed the context: a rule's rollout ({@link #ruleIndex()} is that rule),
     * or the flag's {@code percentage} or {@code schedule} ({@link #ruleIndex()} is -1).
     */
    SPLIT,
    /** Nothing matched: the flag's {@code default} variant is served. */
    DEFAULT,
    /** The catalog has no such flag: the caller's fallback applies (a gated method runs its own body). */
    FLAG_NOT_FOUND,
    /** Evaluation failed inside Turnout: the flag's {@code off} variant is served, the error counted. */
    ERROR,
    /**
     * A flag read from a flagd document without targeting served its default variant: the value cannot
     * depend on the context.
     */
    STATIC
  }

  private final String flagKey;
  private final String variant;
  private final Object value;
  private final Reason reason;
  private final int ruleIndex;
  private final boolean enabled;

  private Evaluation(String flagKey, String variant, Object value, Reason reason, int ruleIndex, boolean enabled) {
    this.flagKey = Objects.requireNonNull(flagKey, "flagKey");
    this.variant = variant;
    this.value = value;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.ruleIndex = ruleIndex;
    this.enabled = enabled;
  }

  /**
   * An evaluation with the given parts, for tools and tests that stand in for the engine.
   *
   * @param enabled what {@link #isEnabled()} answers
   */
  public static Evaluation of(String flagKey, String variant, Object value, Reason reason, int ruleIndex, boolean enabled) {
    return new Evaluation(flagKey, variant, value, reason, ruleIndex, enabled);
  }

  /** The evaluation of a key the catalog does not have: no variant, no value, not enabled. */
  public static Evaluation notFound(String flagKey) {
    return new Evaluation(flagKey, null, null, Reason.FLAG_NOT_FOUND, -1, false);
  }

  /** The flag key evaluated. */
  public String flagKey() {
    return flagKey;
  }

  /** The variant served: {@code on} or {@code off} for boolean flags; {@code null} for an unknown flag. */
  public String variant() {
    return variant;
  }

  /**
   * The variant's value: {@code Boolean} for boolean flags, else what the catalog declares (a
   * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or an unmodifiable {@code List} or
   * {@code Map} of those); the variant name when the catalog lists names only; {@code null} for an
   * unknown flag.
   */
  public Object value() {
    return value;
  }

  /** Why this variant was served. */
  public Reason reason() {
    return reason;
  }

  /** The index (from 0) of the rule that decided, or -1 when no rule did. */
  public int ruleIndex() {
    return ruleIndex;
  }

  /**
   * Whether the flag is on for this context: for boolean flags, the {@code on} variant; for other flags,
   * any variant but the flag's {@code off} variant. Always {@code false} for an unknown flag.
   */
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Evaluation)) {
      return false;
    }
    Evaluation that = (Evaluation) o;
    return ruleIndex == that.ruleIndex && enabled == that.enabled && flagKey.equals(that.flagKey)
        && Objects.equals(variant, that.variant) && Objects.equals(value, that.value) && reason == that.reason;
  }

  @Override
  public int hashCode() {
    return Objects.hash(flagKey, variant, value, reason, ruleIndex, enabled);
  }

  @Override
  public String toString() {
    return "Evaluation{" + flagKey + " -> " + variant + " (" + value + "), " + reason
        + (ruleIndex >= 0 ? " rule " + ruleIndex : "") + "}";
  }
}
