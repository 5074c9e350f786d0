package dev.turnout.internal.engine;

import dev.turnout.EvaluationContext;
import java.time.Clock;

/** A compiled condition. Implementations allocate nothing and never see a missing attribute as a match. */
@FunctionalInterface
public interface Matcher {

  boolean matches(EvaluationContext context, Clock clock);

  /** Matches everything (a rule without {@code when}). */
  Matcher ALWAYS = (context, clock) -> true;
}
