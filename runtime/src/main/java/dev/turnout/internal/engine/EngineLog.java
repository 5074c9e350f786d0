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

  /**
   * The text as it may appear inside a log line: line breaks and tabs as Java writes them in a string
   * literal (backslash n, r, t), other control characters and the Unicode line and paragraph separators as
   * a backslash-u escape, and a backslash doubled, so that a flag key from a request cannot forge or
   * split log lines.
   */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    int i = 0;
    while (i < text.length() && !escaped(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (escaped(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean escaped(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\\';
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
