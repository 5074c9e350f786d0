package dev.turnout.sample;

import dev.turnout.Turnout;
import dev.turnout.sample.ops.ConsoleLog;

/**
 * Starts the sample task application. Run it under the Turnout agent, which reads the catalog file
 * you edit while it runs:
 *
 * <pre>{@code
 * java -javaagent:agent/target/turnout-agent-0.1.0-SNAPSHOT.jar=flags=sample-app/flags.yaml,env=development \
 *      -jar sample-app/target/turnout-sample-app-0.1.0-SNAPSHOT.jar [--port 8080] [--data DIR]
 * }</pre>
 *
 * <p>Once serving it prints {@code Turnout sample listening on http://localhost:PORT/}.
 */
public final class SampleApp {

  private SampleApp() {}

  /** Starts the application; it runs until the JVM is stopped (Ctrl+C). */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(Options.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ConsoleLog.install();
    Application app = Application.start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    String environment = Turnout.engine().environment();
    System.out.println("Turnout sample: catalog " + Turnout.engine().source().name() + ", environment "
        + (environment == null ? "(none)" : environment) + ", data in " + options.dataDirectory().toAbsolutePath());
    System.out.println("Turnout sample listening on http://localhost:" + app.port() + "/");
  }
}
