package dev.turnout.internal.engine;

import java.time.Instant;

/** Instants as epoch milliseconds, saturating instead of overflowing for far-off dates. */
final class Time {

  private Time() {}

  static long millis(Instant at) {
    try {
      return at.toEpochMilli();
    } catch (ArithmeticException e) {
      return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
