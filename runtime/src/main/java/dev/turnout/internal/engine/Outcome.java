package dev.turnout.internal.engine;

import dev.turnout.Evaluation;
import java.util.concurrent.atomic.LongAdder;

/** A precomputed evaluation with the counter it increments: serving one allocates nothing. */
public final class Outcome {

  public final Evaluation evaluation;
  final LongAdder counter;
  /**
   * For a flagd flag's failures, flagd's error code ({@code PARSE_ERROR}, {@code GENERAL}); null
   * otherwise. Typed resolution (OpenFeature's) reads it; {@link Evaluation} does not carry it.
   */
  public final String errorCode;

  Outcome(Evaluation evaluation, LongAdder counter) {
    this(evaluation, counter, null);
  }

  Outcome(Evaluation evaluation, LongAdder counter, String errorCode) {
    this.evaluation = evaluation;
    this.counter = counter;
    this.errorCode = errorCode;
  }

  /** Counts one serving of this outcome. */
  public void count() {
    counter.increment();
  }
}
