package dev.turnout.internal.engine;

import dev.turnout.CatalogException;
import dev.turnout.CatalogSource;
import dev.turnout.DecisionSource;
import dev.turnout.EngineStats;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.GatedCall;
import dev.turnout.TurnoutListener;
import dev.turnout.internal.catalog.Catalog;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * What a {@code FlagEngine} is made of: the snapshot in force and its evaluation, with the
 * {@link Reloader reload state machine}, {@link Counters} and {@link Listeners} beside it. The public
 * {@code FlagEngine} holds one and delegates to it; gates and the extension modules reach it through
 * {@link Cores}. Not an API.
 *
 * <p>Evaluation reads one immutable snapshot, allocates nothing for a known flag (without a decision
 * source), and never throws: an internal error serves the flag's {@code off} variant with reason
 * {@code ERROR}, is counted, and is logged once per flag.
 */
public final class EngineCore {

  /** A gate, as listeners hear it: the call of the track an evaluation takes. Asked only when listeners hear gates. */
  public interface Route {

    /** The gated call that takes the track {@code evaluation} decides. */
    GatedCall call(Evaluation evaluation);
  }

  final CatalogSource source;
  final String environment;
  final Clock clock;
  /** Decides variants in place of the catalog's rules; null (the usual case) for none. */
  private final DecisionSource decisions;
  final EngineLog log = new EngineLog();
  final Counters counters = new Counters();
  final Listeners listeners = new Listeners(log);
  private final Reloader reloader;
  /** The flags gated methods linked to in this engine (their gates route by them). */
  private final Set<String> gatedKeys = ConcurrentHashMap.newKeySet();
  /** The flags of the gates the processor registered (META-INF/turnout/registry.json on the class path). */
  private final Set<String> registeredKeys;

  volatile Snapshot snapshot;
  /** Whether a listener hears evaluations (overrides onEvaluation or onGate). */
  private volatile boolean hasListeners;
  /** Whether evaluations are counted per variant: from the first read of a count, or asked for. */
  private volatile boolean counting;
  /** {@code hasListeners || counting}: the one read an evaluation pays for both. Guarded by observerLock. */
  private volatile boolean observed;
  private final Object observerLock = new Object();
  /** Read without the reload lock, so that close() never waits behind a reload stuck in its source. */
  volatile boolean closed;
  private volatile CatalogSource.Watch watch = CatalogSource.Watch.NONE;

  /**
   * An engine without a catalog yet: {@link #reload()} loads the first one, {@link #watch()} starts watching.
   *
   * @param registeredKeys flags a reload may not remove (those of registered gates); empty when removing is allowed
   */
  public EngineCore(CatalogSource source, String environment, Clock clock, RandomGenerator random,
      DecisionSource decisions, boolean countEvaluations, boolean allowRemovingFlagsInUse, Set<String> registeredKeys) {
    this.source = source;
    this.environment = environment;
    this.clock = clock;
    this.decisions = decisions;
    this.counting = countEvaluations;
    this.observed = countEvaluations;
    this.registeredKeys = registeredKeys;
    this.snapshot = Snapshot.empty(environment);
    this.reloader = new Reloader(this, source, random, allowRemovingFlagsInUse);
  }

  // ---- evaluation

  /** Evaluates the flag for the context; a gate's {@code route} (null for other callers) makes listeners hear it through onGate. */
  public Evaluation evaluate(String flagKey, EvaluationContext context, Route route) {
    // At most 35 bytes of bytecode, as every method the context passes through (see CompiledFlag.evaluate).
    if (context != null) {
      CompiledFlag flag = plain(flagKey);
      if (flag != null) {
        return serve(flag, context, route);
      }
    }
    return evaluateFully(flagKey, context, route);
  }

  /** The flag, when the catalog alone decides it: no pins open, no decision source; else (or unknown) null. */
  private CompiledFlag plain(String flagKey) {
    return ThreadPins.active() || decisions != null ? null : snapshot.flag(flagKey);
  }

  /**
   * The evaluation of a flag of the snapshot, without looking it up by key: for a gate of an engine that
   * {@link #exposes exposes} nothing (no pins, no decision source, no listeners). Never throws.
   */
  public Evaluation serve(CompiledFlag flag, EvaluationContext ctx) {
    return serve(flag, ctx, null);
  }

  /**
   * The catalog's outcome for a known flag: counted when counting, heard by listeners. Kept small, with
   * failures, counting and listeners in other methods, so that it and the flag's evaluation inline into
   * the caller: then a context built for this one call need not be allocated at all.
   */
  private Evaluation serve(CompiledFlag flag, EvaluationContext ctx, Route route) {
    Outcome outcome = outcome(flag, ctx);
    if (observed) {
      observe(outcome, ctx, route);
    }
    return outcome.evaluation;
  }

  private Outcome outcome(CompiledFlag flag, EvaluationContext ctx) {
    try {
      return flag.evaluate(ctx, clock);
    } catch (Throwable t) { // NOPMD: evaluation never throws into application code
      return failed(flag, t);
    }
  }

  private Outcome failed(CompiledFlag flag, Throwable t) {
    failed(flag.key(), t);
    return flag.error;
  }

  private void observe(Outcome outcome, EvaluationContext ctx, Route route) {
    if (counting) {
      outcome.count();
    }
    if (hasListeners) {
      listeners.evaluated(outcome.evaluation, ctx, route);
    }
  }

  /** Evaluation with pins, a decision source, an unknown flag, or no context; never throws. */
  private Evaluation evaluateFully(String flagKey, EvaluationContext context, Route route) {
    String key = flagKey == null ? "" : flagKey;
    EvaluationContext ctx = context == null ? EvaluationContext.anonymous() : context;
    try {
      return evaluateSlowly(key, ctx, route);
    } catch (Throwable t) { // NOPMD: evaluation never throws into application code
      CompiledFlag flag = snapshot.flag(key);
      failed(key, t);
      return flag == null ? Evaluation.notFound(key) : flag.error.evaluation;
    }
  }

  private Evaluation evaluateSlowly(String key, EvaluationContext ctx, Route route) {
    if (ThreadPins.active()) {
      Evaluation pinned = ThreadPins.evaluation(key, snapshot.catalog(), environment);
      if (pinned != null) {
        return pinned(pinned, ctx, route);
      }
    }
    CompiledFlag flag = snapshot.flag(key);
    if (flag == null) {
      return unknown(key, ctx, route);
    }
    if (decisions != null) {
      Evaluation decided = decided(key, ctx);
      if (decided != null) {
        return pinned(decided, ctx, route);
      }
    }
    return serve(flag, ctx, route);
  }

  /**
   * The evaluation the decision source decides, or null to let the catalog decide: when it answers null,
   * throws, or names a variant the flag does not have (those two are counted as errors, logged once).
   */
  private Evaluation decided(String key, EvaluationContext ctx) {
    Catalog catalog = snapshot.catalog();
    Catalog.Flag flag = catalog == null ? null : catalog.flags().get(key);
    if (flag == null) {
      return null; // a reload removed the flag since the caller looked
    }
    DecisionSource.Decision decision;
    try {
      decision = decisions.decide(key, flag.isBoolean(), flag.variants().keySet(), ctx);
    } catch (Throwable t) { // NOPMD: evaluation never throws into application code
      decisionFailed(key, "threw; the catalog decides", t);
      return null;
    }
    if (decision == null) {
      return null;
    }
    String variant = decision.variant();
    if (!flag.variants().containsKey(variant)) {
      decisionFailed(key, "served '" + variant + "', which is not one of its variants " + flag.variants().keySet()
          + "; the catalog decides", null);
      return null;
    }
    boolean enabled = flag.enables(variant, decision.reason(), environment);
    return Evaluation.of(key, variant, flag.variants().get(variant), decision.reason(), -1, enabled);
  }

  private void decisionFailed(String key, String what, Throwable t) {
    counters.error(key);
    log.once("decision:" + key, Level.ERROR, "Turnout: the decision source " + decisions.getClass().getName()
        + " for flag '" + EngineLog.printable(key) + "' " + what + " (logged once per flag, counted in errorCount)", t);
  }

  /** A variant a test pinned on this thread, or a decision source decided: counted and exposed like any other. */
  private Evaluation pinned(Evaluation e, EvaluationContext ctx, Route route) {
    if (counting) {
      counters.counter(e.flagKey(), e.variant()).increment();
    }
    if (hasListeners) {
      listeners.evaluated(e, ctx, route);
    }
    return e;
  }

  private Evaluation unknown(String key, EvaluationContext ctx, Route route) {
    Evaluation e = Evaluation.notFound(key);
    log.unknownOnce(key, "Turnout: flag '" + EngineLog.printable(key) + "' " + (snapshot.catalog() == null
        ? "evaluated before any catalog was loaded from " : "is not in the catalog ") + source.name()
        + ": the caller's fallback applies");
    if (hasListeners) {
      listeners.evaluated(e, ctx, route);
    }
    return e;
  }

  private void failed(String key, Throwable t) {
    counters.error(key);
    log.once("error:" + key, Level.ERROR, "Turnout: evaluating flag '" + EngineLog.printable(key) + "' failed; serving its off variant "
        + "(logged once per flag, counted in errorCount)", t);
  }

  // ---- what gates fold

  /** The compiled flag in the snapshot in force, or null. */
  public CompiledFlag flag(String key) {
    return snapshot.flag(key);
  }

  /** Whether every evaluation must go through {@link #evaluate}: pins, a decision source, or listeners that hear evaluations. */
  public boolean exposes() {
    return hasListeners || decisions != null || ThreadPins.active();
  }

  /** Whether evaluations are counted. */
  public boolean counts() {
    return counting;
  }

  /** Notes that a gated method routes by the flag in this engine: a reload may not remove it. */
  public void gated(String key) {
    gatedKeys.add(key);
  }

  /** Whether code in this JVM uses the flag: a gate linked to it or registered for it, or a counted evaluation. */
  boolean inUse(String key) {
    return gatedKeys.contains(key) || registeredKeys.contains(key) || counters.evaluated(key);
  }

  // ---- state

  /** The snapshot in force. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** The catalog in force, or null before any catalog was loaded. */
  public Catalog catalog() {
    return snapshot.catalog();
  }

  public CatalogSource source() {
    return source;
  }

  public String environment() {
    return environment;
  }

  // ---- reloading

  /** See {@code FlagEngine.reload()}: never throws. */
  public boolean reload() {
    return reloader.reload();
  }

  /** The problems of the last catalog rejected, if the most recent attempt failed; else null. */
  public CatalogException lastError() {
    return reloader.lastError();
  }

  /** Starts the source's watch; none (logged) when the source cannot start one: reload() still works. */
  public void watch() {
    try {
      CatalogSource.Watch w = source.watch(this::reloadQuietly);
      watch = w == null ? CatalogSource.Watch.NONE : w;
    } catch (Throwable t) { // NOPMD: a source's failure never stops the application
      EngineLog.log(Level.ERROR, "Turnout: cannot watch the catalog " + source.name() + "; it is read again only"
          + " when reload() is called", t);
    }
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (Throwable t) { // NOPMD: reload() throws nothing; this keeps the watch alive if it ever did
      EngineLog.log(Level.ERROR, "Turnout: reloading " + source.name() + " failed", t);
    }
  }

  /** Stops the watch; returns at once, even while a reload waits on its source. Never throws. */
  public void close() {
    closed = true;
    try {
      watch.close();
    } catch (Throwable t) { // NOPMD: closing never throws
      EngineLog.log(Level.ERROR, "Turnout: closing the watch of " + source.name() + " failed", t);
    }
  }

  // ---- counters and listeners

  /** Counts evaluations from now on, if not yet (see {@code FlagEngine.countEvaluations()}). */
  public void countEvaluations() {
    if (counting) {
      return;
    }
    synchronized (observerLock) {
      if (counting) {
        return;
      }
      counting = true;
      observed = true;
    }
    Changes.changed(); // folded gates count from now on
  }

  /** Every count at this moment; starts counting evaluations. */
  public EngineStats stats() {
    countEvaluations();
    return counters.stats();
  }

  /** One count, without copying the others; starts counting evaluations. */
  public long evaluationCount(String flagKey, String variant) {
    countEvaluations();
    return counters.evaluationCount(flagKey, variant);
  }

  public long errorCount(String flagKey) {
    return counters.errorCount(flagKey);
  }

  public long reloadCount() {
    return counters.reloadCount();
  }

  public long reloadFailureCount() {
    return counters.reloadFailureCount();
  }

  public void addListener(TurnoutListener listener) {
    listeners.add(listener);
    listenersChanged();
  }

  public void removeListener(TurnoutListener listener) {
    listeners.remove(listener);
    listenersChanged();
  }

  private void listenersChanged() {
    synchronized (observerLock) {
      hasListeners = listeners.hearEvaluations();
      observed = hasListeners || counting;
    }
    Changes.changed();
  }
}
