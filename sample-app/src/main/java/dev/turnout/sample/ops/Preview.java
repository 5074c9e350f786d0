package dev.turnout.sample.ops;

import java.util.function.Supplier;

/**
 * Evaluations made only to show what a flag serves (the {@code /flags} page), on the application's own
 * engine: the listeners of this package leave them out, so looking at the page is neither a variant
 * served nor an experiment's exposure.
 *
 * <pre>{@code
 * Evaluation e = Preview.of(() -> engine.evaluate("api-count-field", EvaluationContext.of("bob")));
 * }</pre>
 */
public final class Preview {

  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

  private Preview() {}

  /** Runs {@code evaluation} on this thread as a preview. */
  public static <T> T of(Supplier<T> evaluation) {
    Boolean before = ACTIVE.get();
    ACTIVE.set(Boolean.TRUE);
    try {
      return evaluation.get();
    } finally {
      if (before == null) {
        ACTIVE.remove();
      }
    }
  }

  /** Whether this thread is evaluating for a preview now. */
  public static boolean active() {
    return ACTIVE.get() != null;
  }
}
