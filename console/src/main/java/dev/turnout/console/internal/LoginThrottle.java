package dev.turnout.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks a user name out after {@link #MAX_FAILURES} failed logins in a row, for {@link #LOCKOUT}; a success
 * resets the count. A locked name is refused even with the right password, so guessing gains nothing.
 */
final class LoginThrottle {

  static final int MAX_FAILURES = 5;
  static final Duration LOCKOUT = Duration.ofMinutes(15);

  private record State(int failures, Instant lockedUntil) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  boolean isLocked(String name) {
    State s = states.get(name);
    return s != null && s.lockedUntil() != null && clock.instant().isBefore(s.lockedUntil());
  }

  void failed(String name) {
    states.compute(name, (k, s) -> {
      int failures = (s == null || s.lockedUntil() != null && !clock.instant().isBefore(s.lockedUntil()) ? 0 : s.failures()) + 1;
      return new State(failures, failures >= MAX_FAILURES ? clock.instant().plus(LOCKOUT) : null);
    });
    if (states.size() > 100_000) {
      states.clear(); // a flood of made-up names must not exhaust memory
    }
  }

  void succeeded(String name) {
    states.remove(name);
  }
}
