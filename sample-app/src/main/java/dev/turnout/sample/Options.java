package dev.turnout.sample;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line: {@code --port N} (default 8080, {@code 0} for any free port) and {@code --data DIR},
 * where the database lives (default: {@code data} beside the application's jar, so
 * {@code sample-app/target/data}). The system properties {@code sample.port} and {@code sample.data} set
 * the same; arguments win.
 *
 * <pre>{@code
 * Options options = Options.parse(new String[] {"--port", "0", "--data", "/tmp/tasks"});
 * }</pre>
 *
 * @param port the HTTP port
 * @param dataDirectory the database directory
 */
public record Options(int port, Path dataDirectory) {

  /** What {@code --help} prints. */
  public static final String USAGE = "usage: java -javaagent:turnout-agent.jar=flags=FLAGS.yaml[,env=NAME] "
      + "-jar turnout-sample-app.jar [--port N] [--data DIR]";

  /**
   * Reads the arguments.
   *
   * @throws IllegalArgumentException for an unknown argument or a bad value, with a message for people
   */
  public static Options parse(String[] args) {
    String port = System.getProperty("sample.port", "8080");
    String data = System.getProperty("sample.data");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--port") || arg.equals("--data")) && i + 1 < args.length) {
        if (arg.equals("--port")) {
          port = args[++i];
        } else {
          data = args[++i];
        }
      } else if (arg.startsWith("--port=")) {
        port = arg.substring("--port=".length());
      } else if (arg.startsWith("--data=")) {
        data = arg.substring("--data=".length());
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
      }
    }
    int p;
    try {
      p = Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port needs a number, not '" + port + "'", e);
    }
    if (p < 0 || p > 65_535) {
      throw new IllegalArgumentException("--port needs a number from 0 to 65535, not " + p);
    }
    return new Options(p, data == null || data.isBlank() ? defaultDataDirectory() : Path.of(data.strip()));
  }

  /** {@code data} beside the jar (or the classes directory): {@code sample-app/target/data} in a build. */
  static Path defaultDataDirectory() {
    try {
      Path code = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path parent = code.toAbsolutePath().getParent();
      if (parent != null && Files.isWritable(parent)) {
        return parent.resolve("data");
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the temporary directory
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "turnout-sample-data");
  }
}
