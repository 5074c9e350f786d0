package dev.turnout.internal.engine;

import dev.turnout.EvaluationContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Clock;
import java.util.Set;

/**
 * One flag compiled for one environment: the evaluation order of flags-format.md as straight-line code
 * over precomputed outcomes.
 */
public final class CompiledFlag {

  /**
   * {@link #decide}, called through a handle held in a field so that the JIT compiles it on its own and
   * never inlines it into the evaluation that calls it (see {@link #evaluate}).
   */
  private static final MethodHandle DECIDE;

  static {
    try {
      DECIDE = MethodHandles.lookup().findVirtual(CompiledFlag.class, "decide",
          MethodType.methodType(Outcome.class, String.class, String.class, Clock.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link #DECIDE}, read from an instance field: a handle the JIT cannot treat as a constant. */
  private final MethodHandle decider = DECIDE;

  final String key;
  final boolean enabled;
  /** Served when the flag is switched off; null for a flag that is enabled. */
  final Outcome disabled;
  /** The keys served {@link #allowed}; null when none (the usual case, checked without a call). */
  final Set<String> allow;
  final Outcome allowed;
  final CompiledRule[] rules;
  /**
   * The first rule when it is the most common kind, {@code in}/{@code equals} serving a fixed variant, read
   * straight from this object's fields; null otherwise. {@link #rules} from index {@link #rest} follow it.
   */
  private final Matchers.Membership lead;
  private final Outcome leadOutcome;
  private final int rest;
  /**
   * Whether the flag's outcome depends on the targeting key and its lead rule's attribute text alone
   * (no other rule, no numbers among the lead's values): then {@link #decide} serves it from those two.
   */
  private final boolean plain;
  /** The percentage rollout, or null: the flag has no percentage and no schedule. */
  final Murmur3 percentageHash;
  final int percentage;
  final long[] scheduleAt;
  final int[] schedulePercentage;
  final Outcome splitOn;
  final Outcome splitOff;
  final Outcome fallthrough;
  /** Served when evaluation fails inside Turnout. */
  public final Outcome error;
  /** Whether this flag serves the same outcome to every context, and which (null: it depends). */
  public final Outcome constant;

  CompiledFlag(String key, boolean enabled, Outcome disabled, Set<String> allow, Outcome allowed, CompiledRule[] rules,
      Murmur3 percentageHash, int percentage, long[] scheduleAt, int[] schedulePercentage, Outcome splitOn,
      Outcome splitOff, Outcome fallthrough, Outcome error, Outcome constant) {
    this.key = key.intern(); // so that a key written as a literal finds its flag by reference (Snapshot.flag)
    this.enabled = enabled;
    this.disabled = disabled;
    this.allow = allow.isEmpty() ? null : allow;
    this.allowed = allowed;
    this.rules = rules;
    this.lead = rules.length > 0 ? rules[0].fixedMembership() : null;
    this.leadOutcome = lead == null ? null : rules[0].fixed();
    this.rest = lead == null ? 0 : 1;
    this.plain = constant != null || rules.length == rest && (lead == null || lead.textOnly());
    this.percentageHash = percentageHash;
    this.percentage = percentage;
    this.scheduleAt = scheduleAt;
    this.schedulePercentage = schedulePercentage;
    this.splitOn = splitOn;
    this.splitOff = splitOff;
    this.fallthrough = fallthrough;
    this.error = error;
    this.constant = constant;
  }

  public String key() {
    return key;
  }

  /**
   * The outcome for this context; may throw only on a bug, which the engine turns into {@link #error}.
   *
   * <p>The context is read in small methods only (this one, {@code EngineCore.evaluate} and
   * {@code serve}, each at most 35 bytes of bytecode, so that the JIT inlines them into the caller), and
   * the work gets strings: {@link #decide} for the usual flag. A context built for one call is then read
   * where it was built, and escape analysis removes its allocation. {@code InlineBudgetTest} holds these
   * sizes.
   *
   * <p>{@code decide} must stay a real call. Compiled, it is about 2.8 KB of machine code; the JIT stops
   * inlining a method already compiled to more than 2.5 KB (InlineSmallCode) but inlines a hot method of
   * under 325 bytes of bytecode (FreqInlineSize) before it has been compiled on its own, and once inlined
   * it makes the whole chain too big to inline into the caller, where the context escapes. A direct call
   * is inlined or not at the JIT's whim; a call through a handle that is not a constant never is, so the
   * outcome no longer depends on the order in which methods were compiled. The handle costs about
   * 2 ns, and saves the 48 bytes a context allocates.
   */
  public Outcome evaluate(EvaluationContext ctx, Clock clock) {
    return plain ? decideOutOfLine(ctx.targetingKey(), leadText(ctx), clock) : evaluateRules(ctx, clock);
  }

  /** {@link #decide} as a call the JIT does not inline; see {@link #evaluate}. */
  private Outcome decideOutOfLine(String key, String leadText, Clock clock) {
    try {
      return (Outcome) decider.invokeExact(this, key, leadText, clock);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e); // decide declares no checked exception
    }
  }

  /** The text the lead rule tests, or null when there is no lead rule. */
  private String leadText(EvaluationContext ctx) {
    Matchers.Membership in = lead;
    return in == null ? null : in.read(ctx);
  }

  /** The outcome of a {@link #plain} flag, from the targeting key and the lead rule's attribute text. */
  private Outcome decide(String key, String leadText, Clock clock) {
    if (constant != null) {
      return constant;
    }
    if (!enabled) {
      return disabled;
    }
    if (allow != null && allowed(key)) {
      return allowed;
    }
    if (lead != null && lead.test(leadText)) {
      return leadOutcome;
    }
    if (percentageHash != null && key != null) {
      return percentageHash.bucket(key) < percentage(clock) ? splitOn : splitOff;
    }
    return fallthrough;
  }

  /** The outcome of a flag that is not {@link #plain}: its rules read the context. */
  private Outcome evaluateRules(EvaluationContext ctx, Clock clock) {
    if (constant != null) {
      return constant;
    }
    if (!enabled) {
      return disabled;
    }
    String key = ctx.targetingKey();
    if (allow != null && allowed(key)) {
      return allowed;
    }
    Matchers.Membership in = lead;
    if (in != null && in.test(ctx)) {
      return leadOutcome;
    }
    CompiledRule[] rs = rules;
    for (int i = rest; i < rs.length; i++) {
      Outcome o = rs[i].evaluate(ctx, clock);
      if (o != null) {
        return o;
      }
    }
    if (percentageHash != null && key != null) {
      return percentageHash.bucket(key) < percentage(clock) ? splitOn : splitOff;
    }
    return fallthrough;
  }

  private boolean allowed(String key) {
    return key != null && allow.contains(key);
  }

  /** The rollout's percentage now: the last schedule step reached, else the flag's percentage. */
  private int percentage(Clock clock) {
    int p = percentage;
    long[] at = scheduleAt;
    if (at.length > 0) {
      long now = clock.millis();
      for (int i = 0; i < at.length && at[i] <= now; i++) {
        p = schedulePercentage[i];
      }
    }
    return p;
  }
}
