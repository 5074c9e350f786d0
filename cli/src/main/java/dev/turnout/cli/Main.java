package dev.turnout.cli;

import dev.turnout.cli.internal.Cli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code turnout} command: validates a flag catalog, lists flags, finds where a flag is used,
 * reports stale flags, and removes a flag from the sources.
 *
 * <pre>
 * java -jar turnout-cli.jar check src/main/resources/turnout/flags.yaml
 * java -jar turnout-cli.jar remove new-checkout --keep on
 * java -jar turnout-cli.jar publish flags.yaml --to etcd://10.0.0.1:2379/turnout/catalog --reason "..."
 * java -jar turnout-cli.jar fleet --from etcd://10.0.0.1:2379/turnout/catalog
 * </pre>
 *
 * <p>Exit status: 0 when all is well, 1 when the command found something (catalog problems, stale
 * flags, references it could not rewrite, a JVM behind, a publish that lost the race), 2 for a usage
 * error, a file that cannot be read or etcd that cannot be asked.
 */
public final class Main {

  /**
   * The etcd client's libraries log through java.util.logging (gRPC notes its transport at INFO on
   * every start); the commands report failures themselves, in one line. Held here: the logging
   * framework keeps only weak references to loggers, which would forget the level.
   */
  private static final List<Logger> QUIET = List.of(Logger.getLogger("io.grpc"), Logger.getLogger("io.netty"),
      Logger.getLogger("io.vertx"), Logger.getLogger("io.etcd"));

  private Main() {}

  /** Runs one command in the current directory and exits with its status. */
  public static void main(String[] args) {
    QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int status = Cli.execute(Path.of("").toAbsolutePath(), out, err, args);
    out.flush();
    err.flush();
    System.exit(status);
  }
}
