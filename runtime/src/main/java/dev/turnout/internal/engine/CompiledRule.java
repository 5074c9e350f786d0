package dev.turnout.internal.engine;

import dev.turnout.EvaluationContext;
import java.time.Clock;

/** A rule: a matcher, an optional time window, and a fixed outcome or a bucketed rollout. */
final class CompiledRule {

  private final Matcher when;
  /** {@link #when} when it is an {@code in}/{@code equals} condition, called without interface dispatch; else null. */
  private final Matchers.Membership membership;
  private final long from;
  private final long until;
  private final boolean windowed;
  /** The fixed outcome, or null for a rollout. */
  private final Outcome fixed;
  /** Rollout: the attribute hashed (null: the targeting key), the salted hash, bucket upper bounds. */
  private final String by;
  private final Murmur3 hash;
  private final int[] upperBounds;
  private final Outcome[] outcomes;
  /** A foreign format's serving (Unleash variants, flagd targeting) when neither fixed nor a rollout. */
  private final Serving serving;

  private CompiledRule(Matcher when, long from, long until, Outcome fixed, String by, Murmur3 hash, int[] upperBounds,
      Outcome[] outcomes, Serving serving) {
    this.when = when;
    this.membership = when instanceof Matchers.Membership ? (Matchers.Membership) when : null;
    this.from = from;
    this.until = until;
    this.windowed = from != Long.MIN_VALUE || until != Long.MAX_VALUE;
    this.fixed = fixed;
    this.by = by;
    this.hash = hash;
    this.upperBounds = upperBounds;
    this.outcomes = outcomes;
    this.serving = serving;
  }

  static CompiledRule fixed(Matcher when, long from, long until, Outcome outcome) {
    return new CompiledRule(when, from, until, outcome, null, null, null, null, null);
  }

  static CompiledRule rollout(Matcher when, long from, long until, String by, Murmur3 hash, int[] upperBounds,
      Outcome[] outcomes) {
    return new CompiledRule(when, from, until, null, by, hash, upperBounds, outcomes, null);
  }

  static CompiledRule serving(Matcher when, Serving serving) {
    return new CompiledRule(when, Long.MIN_VALUE, Long.MAX_VALUE, null, null, null, null, null, serving);
  }

  /** The outcome when this rule matches, else null. */
  Outcome evaluate(EvaluationContext ctx, Clock clock) {
    if (windowed) {
      long now = clock.millis();
      if (now < from || now >= until) {
        return null;
      }
    }
    Matchers.Membership in = membership;
    if (in != null ? !in.test(ctx) : !when.matches(ctx, clock)) {
      return null;
    }
    if (fixed != null) {
      return fixed;
    }
    if (hash == null) {
      return serving.serve(ctx, clock);
    }
    String value = by == null ? ctx.targetingKey() : ctx.getText(by);
    if (value == null) {
      return null; // a context without the attribute does not match the rollout
    }
    int bucket = hash.bucket(value);
    int[] bounds = upperBounds;
    for (int i = 0; i < bounds.length; i++) {
      if (bucket < bounds[i]) {
        return outcomes[i];
      }
    }
    return outcomes[outcomes.length - 1];
  }

  /** The rule's {@code in}/{@code equals} condition when it serves a fixed outcome without a window, else null. */
  Matchers.Membership fixedMembership() {
    return fixed != null && !windowed ? membership : null;
  }

  /** The fixed outcome, or null for a rollout or a foreign serving. */
  Outcome fixed() {
    return fixed;
  }

  /** Whether the rule serves one fixed outcome to everyone (no condition, no window). */
  Outcome unconditional() {
    return when == Matcher.ALWAYS && !windowed ? fixed : null;
  }
}
