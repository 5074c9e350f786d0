package dev.turnout.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the outside conformance suites live: the folder named by the system property
 * {@code turnout.conformance.dir} (the build sets it to {@code ../shared/conformance} beside the
 * checkout). The data is never copied into this project; without it the suites are skipped.
 */
public final class ConformanceData {

  private ConformanceData() {}

  /** The suite's folder, or a skipped test (JUnit assumption) with a message saying where it was looked for. */
  public static Path require(String suite, String what) {
    String dir = System.getProperty("turnout.conformance.dir");
    Path path = dir == null ? null : Path.of(dir).resolve(suite).normalize();
    assumeTrue(path != null && Files.isDirectory(path),
        () -> "conformance data not found at " + (path == null ? "(turnout.conformance.dir not set)" : path)
            + ": skipping the " + what);
    return path;
  }
}
