package dev.turnout;

/**
 * Hears about catalog changes, rejected catalogs, evaluations (exposure events for experiments) and the
 * calls of gated methods with the track each took.
 * Every method has an empty default; implement what you need. Listeners run on the thread that caused
 * the event (the watch thread for catalog events, the caller's thread for evaluations), so keep them
 * quick; an exception a listener throws is logged and goes no further.
 *
 * <pre>{@code
 * engine.addListener(new TurnoutListener() {
 *   @Override public void onCatalogChange(CatalogChange change) {
 *     log.info("flags changed: {}", change);
 *   }
 *   @Override public void onEvaluation(Evaluation e, EvaluationContext ctx) {
 *     if (e.flagKey().equals("checkout-flow")) exposures.record(ctx.targetingKey(), e.variant());
 *   }
 * });
 * }</pre>
 */
public interface TurnoutListener {

  /** A new catalog is in force. */
  default void onCatalogChange(CatalogChange change) {}

  /** A new catalog was rejected; the previous one stays in force. */
  default void onCatalogError(CatalogException error) {}

  /** A flag was evaluated for a context (only when at least one listener is registered). */
  default void onEvaluation(Evaluation evaluation, EvaluationContext context) {}

  /**
   * A method gated by the agent evaluated its flag and took a track: {@code call} names the method and
   * the track, {@code evaluation} is what the engine served. Gates report here instead of to
   * {@link #onEvaluation}; the default passes the evaluation on to {@link #onEvaluation}, so listeners
   * that do not override this hear gates as before. Like {@code onEvaluation}, overriding it makes gates
   * evaluate per call (no flag is folded into a constant while such a listener is registered).
   */
  default void onGate(GatedCall call, Evaluation evaluation, EvaluationContext context) {
    onEvaluation(evaluation, context);
  }
}
