package dev.turnout.cli.internal;

import dev.turnout.testsupport.MavenBuild;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Copies of the fixture projects, and the command line run in one of them. */
final class Fixtures {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  static Path fixtures() {
    String dir = System.getProperty("turnout.fixtures.dir");
    return dir != null ? Path.of(dir) : Path.of("src/test/fixtures");
  }

  /** A copy of the fixture project {@code name}, without its build output. */
  static Path copy(String name, Path to) throws IOException {
    return MavenBuild.copyProject(fixtures().resolve(name), to,
        path -> !path.equals("target") && !path.startsWith("target/") && !path.contains("/target/"));
  }

  record Run(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  static Run run(Path dir, String... args) {
    return run(dir, FileSet.ATOMIC, args);
  }

  /** As {@link #run(Path, String...)}, remove moving files into place with {@code mover}. */
  static Run run(Path dir, FileSet.Mover mover, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Cli.execute(dir, new PrintWriter(out), new PrintWriter(err), CLOCK, mover, args);
    return new Run(status, out.toString(), err.toString());
  }
}
