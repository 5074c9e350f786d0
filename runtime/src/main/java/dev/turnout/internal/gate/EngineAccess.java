package dev.turnout.internal.gate;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.GatedCall;
import dev.turnout.internal.engine.CompiledFlag;
import java.lang.invoke.SwitchPoint;

/**
 * What gates need from a {@link FlagEngine} beyond its public API: the compiled flag in force (to fold
 * a flag that serves one outcome to everyone into a constant), whether evaluations must reach
 * listeners, and a signal when either may have changed. {@code FlagEngine} registers the reader and
 * signals changes; gates read through it. Not an API.
 */
public final class EngineAccess {

  /** Reads an engine's state; implemented inside {@code FlagEngine}. */
  public interface Reader {

    /** The compiled flag in the engine's current snapshot, or null. */
    CompiledFlag flag(FlagEngine engine, String key);

    /** Whether the engine has listeners that must see every evaluation. */
    boolean exposes(FlagEngine engine);

    /** Whether the engine counts evaluations. */
    boolean counts(FlagEngine engine);

    /**
     * The engine's evaluation of a flag of its snapshot, without looking it up by key: for engines that
     * {@link #exposes expose} nothing (no pins, no decision source, no listeners). Never throws.
     */
    Evaluation evaluate(FlagEngine engine, CompiledFlag flag, EvaluationContext context);

    /**
     * The engine's full evaluation of a flag for a gate: listeners hear it through
     * {@link dev.turnout.TurnoutListener#onGate} with the call {@code route} names. Never throws.
     */
    Evaluation evaluate(FlagEngine engine, String key, EvaluationContext context, Route route);

    /** Notes that a gated method routes by the flag in this engine: a reload may not remove it (see FlagEngine). */
    void gated(FlagEngine engine, String key);
  }

  /** A gate, as listeners hear it: the call of the track an evaluation takes. Asked only when listeners hear gates. */
  public interface Route {

    /** The gated call that takes the track {@code evaluation} decides. */
    GatedCall call(Evaluation evaluation);
  }

  private static volatile Reader reader;
  /** Invalidated, and replaced, whenever any engine's snapshot or listeners change. */
  private static volatile SwitchPoint current = new SwitchPoint();

  private EngineAccess() {}

  /** Called once by {@code FlagEngine}'s initializer; later calls are ignored. */
  public static synchronized void register(Reader r) {
    if (reader == null) {
      reader = r;
    }
  }

  /**
   * Tells every linked gate that the state it folded may be stale (a snapshot, listeners, counting, pins,
   * or the engine {@code Turnout} holds changed): their next call links them again.
   * Called after a new snapshot is in force (never before, so a gate that links again sees it).
   */
  public static void changed() {
    SwitchPoint old;
    synchronized (EngineAccess.class) {
      old = current;
      current = new SwitchPoint();
    }
    SwitchPoint.invalidateAll(new SwitchPoint[] {old});
  }

  static SwitchPoint switchPoint() {
    return current;
  }

  /** The compiled flag; null when the flag is unknown, or no reader is registered (never, in practice). */
  static CompiledFlag flag(FlagEngine engine, String key) {
    Reader r = reader;
    return r == null ? null : r.flag(engine, key);
  }

  /** Whether the engine needs every evaluation; true when unknown, so nothing is folded away. */
  static boolean exposes(FlagEngine engine) {
    Reader r = reader;
    return r == null || r.exposes(engine);
  }

  /** Whether the engine counts evaluations; true when unknown. */
  static boolean counts(FlagEngine engine) {
    Reader r = reader;
    return r == null || r.counts(engine);
  }

  /** Notes that a gate linked to the flag in the engine. */
  static void gated(FlagEngine engine, String key) {
    Reader r = reader;
    if (r != null) {
      r.gated(engine, key);
    }
  }

  /** The engine's evaluation of one of its snapshot's flags (see {@link Reader#evaluate}). */
  static Evaluation evaluate(FlagEngine engine, CompiledFlag flag, EvaluationContext context) {
    return reader.evaluate(engine, flag, context);
  }

  /** The engine's full evaluation for a gate (see {@link Reader#evaluate(FlagEngine, String, EvaluationContext, Route)}). */
  static Evaluation evaluate(FlagEngine engine, String key, EvaluationContext context, Route route) {
    Reader r = reader;
    return r == null ? engine.evaluate(key, context) : r.evaluate(engine, key, context, route);
  }
}
