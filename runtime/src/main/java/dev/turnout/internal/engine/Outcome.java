package dev.turnout.internal.engine;

import dev.turnout.Evaluation;
import java.util.concurrent.atomic.LongAdder;

/** A precomputed evaluation with the counter it increments: serving one allocates nothing. */
public final class Outcome {

  public final Evaluation evaluation;
  final LongAdder counter;

  Outcome(Evaluation evaluation, LongAdder counter) {
    this.evaluation = evaluation;
    this.counter = counter;
  }

  /** Counts one serving of this outcome. */
  public void count() {
    counter.increment();
  }
}
