package dev.turnout.internal.engine;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An engine's log: what is logged once per engine (per flag, listener, source), and logging that never throws. */
final class EngineLog {

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  /** Unknown keys logged at most this many times, so a stream of bad keys cannot fill memory. */
  private static final int MAX_LOGGED_UNKNOWN = 1000;

  private final Set<String> loggedOnce = ConcurrentHashMap.newKeySet();

  /** Logs the message the first time this engine is asked with {@code once}; a later call does nothing. */
  void once(String once, Level level, String message, Throwable t) {
    if (loggedOnce.add(once)) {
      log(level, message, t);
    }
  }

  /** {@link #once}, for unknown flag keys: at most {@value #MAX_LOGGED_UNKNOWN} of them. */
  void unknownOnce(String key, String message) {
    if (loggedOnce.size() < MAX_LOGGED_UNKNOWN && loggedOnce.add("unknown:" + key)) {
      log(Level.WARNING, message, null);
    }
  }

  /** Logs; a logging system that throws is not the caller's problem. */
  static void log(Level level, String message, Throwable t) {
    try {
      if (t == null) {
        LOG.log(level, message);
      } else {
        LOG.log(level, message, t);
      }
    } catch (Throwable ignored) { // NOPMD: logging never fails an evaluation or a reload
      // nothing else to tell
    }
  }

  /** A one-line account of a failure, with a hint for the errors a hostile catalog causes. */
  static String describe(Throwable t) {
    String hint = t instanceof StackOverflowError ? " (nested or chained too deep)"
        : t instanceof OutOfMemoryError ? " (too large)" : "";
    String message = t.getMessage();
    return t.getClass().getName() + (message == null ? "" : ": " + message) + hint;
  }

  /** Code that catches an InterruptedException it did not expect (thrown sneakily) keeps the interrupt. */
  static void keepInterrupt(Throwable t) {
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }
}
