package dev.turnout.sample;

import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.sample.data.DataDirectoryInUseException;
import java.net.BindException;

/**
 * Starts the sample task application. Run it under the Turnout agent, which reads the catalog file
 * you edit while it runs:
 *
 * <pre>{@code
 * java -Xshare:off -javaagent:agent/target/turnout-agent-0.1.0-SNAPSHOT.jar=flags=sample-app/flags.yaml,env=development \
 *      -jar sample-app/target/turnout-sample-app-0.1.0-SNAPSHOT.jar [--port 8080] [--data DIR]
 * }</pre>
 *
 * <p>Without {@code env=} the environment is {@code development}. Once serving it prints
 * {@code Turnout sample listening on http://localhost:PORT/}.
 */
public final class SampleApp {

  /** The environment when neither the agent's {@code env=} nor {@code turnout.env} names one. */
  static final String DEFAULT_ENVIRONMENT = "development";

  private SampleApp() {}

  /**
   * Makes {@link #DEFAULT_ENVIRONMENT} the active environment when none was given: the engine the agent
   * (or the first use of {@link Turnout}) created is replaced by one on the same catalog in that
   * environment. Gated methods follow {@link Turnout#install} at their next call.
   */
  static void defaultEnvironment() {
    if (isBlank(System.getProperty("turnout.env")) && isBlank(System.getenv("TURNOUT_ENV"))) {
      // An engine not created yet is created in it, so one engine (one version counter) reads the catalog.
      System.setProperty("turnout.env", DEFAULT_ENVIRONMENT);
    }
    FlagEngine engine = Turnout.engine();
    if (engine.environment() == null) {
      Turnout.install(FlagEngine.builder().source(engine.source()).environment(DEFAULT_ENVIRONMENT).build());
      engine.close();
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Says why the application cannot start, in one line, and exits with status 1. */
  private static void exit(String why) {
    System.err.println("Turnout sample: cannot start: " + why);
    System.exit(1);
  }

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
    defaultEnvironment();
    Application app;
    try {
      app = Application.start(options);
    } catch (DataDirectoryInUseException e) {
      exit(e.getMessage());
      return;
    } catch (BindException e) {
      exit("port " + options.port() + " is in use, by another running copy of the sample or another program: "
          + "start this one with --port N (--port 0: any free port)");
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    String environment = Turnout.engine().environment();
    System.out.println("Turnout sample: catalog " + Turnout.engine().source().name() + ", environment "
        + (environment == null ? "(none)" : environment) + ", data in " + options.dataDirectory().toAbsolutePath());
    System.out.println("Turnout sample listening on http://localhost:" + app.port() + "/");
  }
}
