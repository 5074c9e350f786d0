package dev.turnout.internal.engine;

import dev.turnout.EvaluationContext;
import java.time.Clock;

/** What a matched rule of a foreign format serves, computed per context; null serves nothing (the next rule decides). */
@FunctionalInterface
interface Serving {

  Outcome serve(EvaluationContext context, Clock clock);
}
