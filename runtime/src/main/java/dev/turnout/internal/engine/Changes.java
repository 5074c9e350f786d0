package dev.turnout.internal.engine;

import java.lang.invoke.SwitchPoint;

/**
 * The signal that what linked gates folded may be stale: a snapshot, listeners, counting, pins, or the
 * engine {@code Turnout} holds changed. Gates guard what they link with the current switch point; a
 * change invalidates it and their next call links them again. Not an API.
 */
public final class Changes {

  /** Invalidated, and replaced, whenever any engine's snapshot or listeners change. */
  private static volatile SwitchPoint current = new SwitchPoint();

  private Changes() {}

  /** Tells every linked gate to link again. Called after the new state is in force, never before. */
  public static void changed() {
    SwitchPoint old;
    synchronized (Changes.class) {
      old = current;
      current = new SwitchPoint();
    }
    SwitchPoint.invalidateAll(new SwitchPoint[] {old});
  }

  /** The switch point a gate linking now guards with: read it before the state the gate folds. */
  public static SwitchPoint switchPoint() {
    return current;
  }
}
