package dev.turnout.internal.ext;

import dev.turnout.Evaluation;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.engine.ThreadPins;
import java.util.Map;

/**
 * Flags pinned to variants for the current thread, for tests: every engine's {@code evaluate} serves a
 * pinned variant before it looks at its catalog, and gated methods evaluate per call while any pin is
 * open anywhere. Pins are scoped to the thread that opens them and to the threads it starts while they
 * are open (not to threads a {@link java.util.concurrent.ForkJoinPool} creates: those are pool workers
 * that go on to run other work, such as other tests). Not an API: {@code turnout-junit} opens and closes
 * scopes.
 *
 * <p>Without any open scope, evaluation pays one volatile read for this. The state lives in the engine
 * ({@link ThreadPins}), which reads it; this class only opens and hands out scopes.
 */
public final class Pins {

  /** What {@link #open} takes as {@code all} to pin every flag on or off. */
  public static final String ON = Catalog.ON;
  public static final String OFF = Catalog.OFF;

  private Pins() {}

  /** Whether any scope is open in any thread: the only cost pins add to an evaluation without them. */
  public static boolean active() {
    return ThreadPins.active();
  }

  /**
   * Opens a scope on this thread: {@code variants} pins flags by key; {@code all} ({@link #ON},
   * {@link #OFF} or null) pins every other flag. Scopes nest: the innermost open one that pins a flag
   * decides. Close it on the same thread.
   */
  public static Scope open(Map<String, String> variants, String all) {
    if (all != null && !ON.equals(all) && !OFF.equals(all)) {
      throw new IllegalArgumentException("every flag can be pinned on or off, not '" + all + "'");
    }
    return ThreadPins.open(new Scope(variants, all));
  }

  /** The innermost scope open on this thread (or inherited by it), or null: none. */
  public static Scope current() {
    return (Scope) ThreadPins.current(); // every scope is opened by open() above
  }

  /**
   * Makes {@code scope}, opened on another thread, this thread's pins until the returned handle is closed
   * (on this thread); then this thread's own pins are current again. A server thread runs a test's request
   * with the test's pins this way. Adopting a scope that is closed, or closes meanwhile, pins nothing.
   */
  public static Runnable adopt(Scope scope) {
    return ThreadPins.adopt(scope);
  }

  /**
   * The evaluation a pin serves for the flag on this thread, or null when no open scope pins it.
   *
   * @param catalog the catalog in force (null: none), for the variant's value and whether it counts as on
   * @param environment the engine's environment, for the flag's {@code off} variant
   */
  public static Evaluation evaluation(String key, Catalog catalog, String environment) {
    return ThreadPins.evaluation(key, catalog, environment);
  }

  /** An open set of pins; {@link #close()} ends it. */
  public static final class Scope extends ThreadPins.Scope {

    private Scope(Map<String, String> variants, String all) {
      super(variants, all);
    }
  }
}
