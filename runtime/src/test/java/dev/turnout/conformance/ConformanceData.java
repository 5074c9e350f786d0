package dev.turnout.conformance;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Where the outside conformance suites live: the folder named by the system property
 * {@code turnout.conformance.dir} (the build sets it to a folder beside the checkout). The data is
 * never copied into this project. Without it the suites are skipped, saying so on the console; when
 * the environment variable {@code CI} is {@code true} they fail instead, so that a CI run cannot pass
 * without having run them.
 */
public final class ConformanceData {

  private ConformanceData() {}

  /** The suite's folder, or null when it is absent (see {@link #skipped}). */
  public static Path find(String suite) {
    String dir = System.getProperty("turnout.conformance.dir");
    Path path = dir == null ? null : Path.of(dir).resolve(suite).normalize();
    return path != null && Files.isDirectory(path) ? path : null;
  }

  /**
   * One test standing for a suite whose data is absent: skipped (a JUnit assumption), after a console
   * line saying what is skipped and why; failed when the environment variable {@code CI} is {@code true}.
   */
  public static List<DynamicTest> skipped(String suite, String what) {
    return skipped(suite, what, System.getProperty("turnout.conformance.dir"), System.getenv("CI"), System.out);
  }

  static List<DynamicTest> skipped(String suite, String what, String dir, String ci, PrintStream console) {
    String why = dir == null
        ? "the system property turnout.conformance.dir is not set"
        : "its data was not found at " + Path.of(dir).resolve(suite).normalize();
    if ("true".equalsIgnoreCase(ci)) {
      String message = "the " + what + " conformance tests must run when CI=true, but " + why
          + " (set -Dturnout.conformance.dir to the folder holding the conformance data)";
      return List.of(DynamicTest.dynamicTest(what + " (data absent)", () -> Assertions.fail(message)));
    }
    String message = "skipping the " + what + " conformance tests: " + why
        + " (set -Dturnout.conformance.dir to the folder holding the conformance data; with CI=true this fails)";
    console.println("[turnout conformance] " + message);
    return List.of(DynamicTest.dynamicTest(what + " (data absent)", () -> Assumptions.abort(message)));
  }
}
