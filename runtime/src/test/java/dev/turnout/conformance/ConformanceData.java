package dev.turnout.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Where the outside conformance suites live: the folder named by the system property
 * {@code turnout.conformance.dir} (the build sets it to {@code ../shared/conformance} beside the
 * checkout). The data is never copied into this project; without it the suites are skipped.
 */
public final class ConformanceData {

  private ConformanceData() {}

  /** The suite's folder, or null when it is absent (see {@link #skipped}). */
  public static Path find(String suite) {
    String dir = System.getProperty("turnout.conformance.dir");
    Path path = dir == null ? null : Path.of(dir).resolve(suite).normalize();
    return path != null && Files.isDirectory(path) ? path : null;
  }

  /** One test that is skipped (a JUnit assumption) with a message saying where the data was looked for. */
  public static List<DynamicTest> skipped(String suite, String what) {
    String dir = System.getProperty("turnout.conformance.dir");
    String where = dir == null ? "(turnout.conformance.dir not set)" : Path.of(dir).resolve(suite).normalize().toString();
    return List.of(DynamicTest.dynamicTest(what + " (data absent)", () -> Assumptions.abort(
        "conformance data not found at " + where + ": skipping the " + what)));
  }
}
