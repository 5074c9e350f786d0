package dev.turnout.testsupport;

import java.time.Duration;

/** Repeats an assertion until it holds or a deadline passes: how tests wait for a catalog edit to apply. */
public final class Eventually {

  /** The bound Turnout promises: an edit of a watched catalog file is in force within a second. */
  public static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private Eventually() {}

  /** An assertion that may throw {@link AssertionError} (or fail otherwise) until it holds. */
  @FunctionalInterface
  public interface Check {
    /** Runs the assertion once. */
    void run() throws Exception;
  }

  /** Runs {@code check} until it passes; after {@code within}, the last failure is thrown. */
  public static void within(Duration within, Check check) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }
}
