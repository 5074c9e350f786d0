package dev.turnout.internal.engine;

import dev.turnout.CatalogChange;
import dev.turnout.CatalogException;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.GatedCall;
import dev.turnout.TurnoutListener;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** An engine's listeners, and how each event reaches them: a listener's failure is logged once, never thrown. */
final class Listeners {

  private final CopyOnWriteArrayList<TurnoutListener> all = new CopyOnWriteArrayList<>();
  private final EngineLog log;

  Listeners(EngineLog log) {
    this.log = log;
  }

  void add(TurnoutListener listener) {
    all.add(Objects.requireNonNull(listener, "listener"));
  }

  void remove(TurnoutListener listener) {
    all.remove(listener);
  }

  /** Whether any listener hears evaluations (see {@link #hearsEvaluations}). */
  boolean hearEvaluations() {
    return all.stream().anyMatch(Listeners::hearsEvaluations);
  }

  /** Tells the listeners: through onEvaluation, or onGate for a gate's evaluation (its route not null). */
  void evaluated(Evaluation e, EvaluationContext ctx, EngineCore.Route route) {
    GatedCall call = null;
    if (route != null) {
      try {
        call = route.call(e);
      } catch (Throwable ex) { // NOPMD: the listeners hear the evaluation without the gate
        log.once("gate:" + e.flagKey(), Level.ERROR, "Turnout: cannot name the gate of flag '" + e.flagKey()
            + "' for listeners (logged once)", ex);
      }
    }
    for (TurnoutListener l : all) {
      try {
        if (call == null) {
          l.onEvaluation(e, ctx);
        } else {
          l.onGate(call, e, ctx);
        }
      } catch (Throwable ex) { // NOPMD: a listener's failure never reaches the caller
        failed(l, ex);
      }
    }
  }

  void catalogChanged(CatalogChange change) {
    for (TurnoutListener l : all) {
      try {
        l.onCatalogChange(change);
      } catch (Throwable ex) { // NOPMD: a listener's failure goes no further
        failed(l, ex);
      }
    }
  }

  void catalogRejected(CatalogException e) {
    for (TurnoutListener l : all) {
      try {
        l.onCatalogError(e);
      } catch (Throwable ex) { // NOPMD: a listener's failure goes no further
        failed(l, ex);
      }
    }
  }

  private void failed(TurnoutListener l, Throwable ex) {
    EngineLog.keepInterrupt(ex);
    log.once("listener:" + l.getClass().getName(), Level.ERROR, "Turnout: listener " + l.getClass().getName()
        + " threw (logged once)", ex);
  }

  /**
   * Whether the listener overrides {@code onEvaluation} or {@code onGate}: only such listeners make every
   * evaluation reach the listeners (and keep gates from folding constant flags); catalog-only listeners
   * cost nothing.
   */
  private static boolean hearsEvaluations(TurnoutListener l) {
    try {
      Class<?> type = l.getClass();
      return type.getMethod("onEvaluation", Evaluation.class, EvaluationContext.class).getDeclaringClass()
          != TurnoutListener.class
          || type.getMethod("onGate", GatedCall.class, Evaluation.class, EvaluationContext.class).getDeclaringClass()
          != TurnoutListener.class;
    } catch (NoSuchMethodException | SecurityException e) {
      return true;
    }
  }
}
