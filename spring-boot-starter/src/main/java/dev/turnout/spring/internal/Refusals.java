package dev.turnout.spring.internal;

import dev.turnout.CatalogException;
import dev.turnout.CatalogProblem;
import dev.turnout.TurnoutListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Remembers the last catalog the engine refused, and when, for the actuator endpoint and the health indicator. */
final class Refusals implements TurnoutListener {

  /** A refused catalog: when, and why. */
  record Refusal(Instant at, List<String> problems) {}

  private final Clock clock;
  private volatile Refusal last;

  Refusals(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onCatalogError(CatalogException error) {
    last = new Refusal(clock.instant(), error.problems().stream().map(CatalogProblem::toString).toList());
  }

  /** The last refusal since the application started, or null. */
  Refusal last() {
    return last;
  }
}
