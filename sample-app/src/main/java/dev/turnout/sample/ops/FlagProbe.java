package dev.turnout.sample.ops;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;

/**
 * Answers "what would this user get?" for the {@code /flags} page without being an evaluation: a second
 * engine on the same catalog and environment, read again on each question, so looking at the page
 * neither counts as serving a variant nor reaches the experiments' exposure events.
 *
 * <pre>{@code
 * FlagProbe probe = new FlagProbe(Turnout.engine());
 * probe.refresh();
 * Evaluation e = probe.evaluate("api-count-field", EvaluationContext.of("bob"));
 * }</pre>
 */
public final class FlagProbe {

  private final FlagEngine probe;

  /** A probe that reads the catalog {@code engine} reads, for the same environment. */
  public FlagProbe(FlagEngine engine) {
    this.probe = FlagEngine.builder().source(engine.source()).environment(engine.environment()).watch(false).build();
  }

  /** Reads the catalog again if it changed (an invalid one is ignored, as the real engine does). */
  public void refresh() {
    probe.reload();
  }

  /** What the flag serves the context, by the catalog last read. */
  public Evaluation evaluate(String flag, EvaluationContext context) {
    return probe.evaluate(flag, context);
  }
}
