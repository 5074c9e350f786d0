package dev.turnout.spring.internal;

import dev.turnout.internal.ext.Pins;

/**
 * The pins ({@code @WithFlag}, {@code @VaryFlag}) of the Spring test running now, for the requests its
 * application serves on other threads: a server's worker threads exist before the test opens its pins, so
 * they inherit none. Set by {@link TurnoutTestExecutionListener} in Spring tests only; outside them it stays
 * null and a request pays one volatile read for it.
 */
final class TestPins {

  private static final Runnable NOTHING = () -> { };
  private static volatile Pins.Scope running;

  private TestPins() {}

  static void running(Pins.Scope scope) {
    running = scope;
  }

  /** The running test's pins, or null. */
  static Pins.Scope running() {
    return running;
  }

  /**
   * Makes the running test's pins this thread's until the returned handle runs; nothing when no test runs,
   * or when this thread has pins of its own (the test's own thread, as with MockMvc).
   */
  static Runnable adopt() {
    Pins.Scope scope = running;
    if (scope == null || Pins.current() != null) {
      return NOTHING;
    }
    return Pins.adopt(scope);
  }
}
