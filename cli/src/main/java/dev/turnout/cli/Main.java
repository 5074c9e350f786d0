package dev.turnout.cli;

import dev.turnout.cli.internal.Cli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code turnout} command: validates a flag catalog, lists flags, finds where a flag is used,
 * reports stale flags, and removes a flag from the sources.
 *
 * <pre>
 * java -jar turnout-cli.jar check src/main/resources/turnout/flags.yaml
 * java -jar turnout-cli.jar remove new-checkout --keep on
 * </pre>
 *
 * <p>Exit status: 0 when all is well, 1 when the command found something (catalog problems, stale
 * flags, references it could not rewrite), 2 for a usage error or a file that cannot be read.
 */
public final class Main {

  private Main() {}

  /** Runs one command in the current directory and exits with its status. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int status = Cli.execute(Path.of("").toAbsolutePath(), out, err, args);
    out.flush();
    err.flush();
    System.exit(status);
  }
}
