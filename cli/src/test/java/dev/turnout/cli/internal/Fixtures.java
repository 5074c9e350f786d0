package dev.turnout.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** Copies of the fixture projects, and the command line run in one of them. */
final class Fixtures {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  static Path fixtures() {
    String dir = System.getProperty("turnout.fixtures.dir");
    return dir != null ? Path.of(dir) : Path.of("src/test/fixtures");
  }

  static Path copy(String name, Path to) throws IOException {
    Path from = fixtures().resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.toString().contains("/target/")) {
          Files.copy(p, target);
        }
      }
    }
    return to;
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
