package dev.turnout.agent.internal;

import dev.turnout.CatalogSource;
import dev.turnout.DecisionSource;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.internal.gate.Gate;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * Sets the agent up, from the bootstrap class path: applies the arguments, installs the engine for
 * {@code flags=}, {@code source=} and {@code decisions=}, and registers the transformation of indexed classes. Called
 * reflectively by {@code TurnoutAgent}, which catches whatever this throws.
 */
public final class Installer {

  private static boolean installed;

  private Installer() {}

  /** Installs the agent; {@code attached} when loaded into a running JVM. */
  public static synchronized void install(String arguments, Instrumentation instrumentation, boolean attached) {
    long start = System.nanoTime();
    if (installed) {
      System.err.println("Turnout agent: already installed; the arguments '" + arguments + "' are ignored");
      return;
    }
    installed = true;
    AgentLog.start();
    AgentArguments args = AgentArguments.parse(arguments);
    for (String problem : args.problems()) {
      System.err.println("Turnout agent: " + problem);
    }
    AgentLog.debug(args.debug());
    if (args.debug()) {
      Gate.debug(true); // only then: the gate's class sets the logging system up, which premain leaves alone
    }
    // The system properties make any other copy of the runtime (a class loader that does not delegate
    // dev.turnout.* to the bootstrap class path) read the same catalog in the same environment.
    if (args.environment() != null) {
      System.setProperty("turnout.env", args.environment());
    }
    DecisionSource decisions = null;
    if (args.decisions() != null) {
      try {
        decisions = DecisionSource.named(args.decisions());
        System.setProperty("turnout.decisions", args.decisions());
      } catch (RuntimeException | LinkageError e) {
        System.err.println("Turnout agent: decisions=" + args.decisions() + " ignored, the catalog decides: " + e);
      }
    }
    boolean background = false;
    if (args.source() != null || decisions != null || (args.flags() != null && configuredDecisions())) {
      // Built here, before the application starts: a store's source (which waits at most its start-up wait,
      // wait=, then serves its last-good copy), or a decision source from the application's class path
      // (-Dturnout.decisions is not one the agent chose).
      FlagEngine.Builder engine = FlagEngine.builder().decisions(decisions);
      if (args.source() != null) {
        engine.source(SourceArgument.open(args)); // a store waits at most its start-up wait (wait=, 2 s)
      } else if (args.flags() != null) {
        engine.source(fileSource(args));
      }
      Turnout.install(engine.build());
    } else if (args.flags() != null) {
      fileProperties(args); // the system properties from which Turnout creates this very engine on first use
      background = true;
    }
    String started = "Turnout agent " + (attached ? "attached" : "started") + ": "
        + (args.source() != null ? "catalog " + args.source()
            : args.flags() == null ? "class path catalog" : "catalog " + args.flags())
        + (args.environment() == null ? "" : ", environment " + args.environment())
        + (decisions == null ? "" : ", decisions from " + args.decisions());
    if (!attached) {
      // Queued before the transformer is registered, so it is the agent's first line.
      AgentLog.info(started + (background ? " (loading in the background)" : ""));
    }
    // A plain transformer: each class the JVM loads is looked up in its loader's index by name, and only
    // an indexed class is read and rewritten. Registered as able to retransform, so that gated classes
    // keep their gates when any agent retransforms them.
    GateTransformer transformer = new GateTransformer(new AgentIndex(), instrumentation);
    instrumentation.addTransformer(transformer, true);
    if (attached) {
      transformer.retransformLoaded();
      if (background) {
        Turnout.engine();
      }
      AgentLog.info(started);
      AgentLog.detail("Turnout agent: set up in " + millis(start) + " ms");
    } else {
      // premain returns now: the application starts while the catalog loads, on a thread of its own.
      AgentLog.detail("Turnout agent: premain took " + millis(start) + " ms");
      if (background) {
        loadInBackground();
      }
    }
  }

  /**
   * On a daemon thread: loads the {@code flags=} catalog. Turnout creates its engine once, under a lock, from
   * the system properties set for it: whichever comes first, this thread or the application's first check or
   * gated call, creates it, and the other waits for that same engine. So a gated call made before the catalog
   * is loaded waits for it (the time the load has left, at most {@code Turnout.FIRST_LOAD_WAIT_MILLIS}, 3 s by
   * default; past that it runs its original body until the load is done) and routes by the catalog, never by a
   * default. A catalog file that is not a regular file ({@code /dev/zero}, a FIFO) is refused at once. A load
   * that fails is logged and leaves the application running: the next use of Turnout tries again; a catalog
   * that does not validate is reported by the engine, which serves every flag's fallback until a good one
   * appears.
   */
  private static void loadInBackground() {
    Thread thread = new Thread(new Background(), "turnout-agent");
    thread.setDaemon(true);
    thread.start();
  }

  /** The background thread's work (a class, not a lambda: a lambda would set up method handles in premain). */
  private static final class Background implements Runnable {
    @Override
    public void run() {
      try {
        long start = System.nanoTime();
        Turnout.engine();
        AgentLog.detail("Turnout agent: catalog loaded in the background in " + millis(start) + " ms");
      } catch (Throwable t) { // NOPMD: the agent never stops the application
        AgentLog.error("Turnout agent: cannot load the catalog in the background; the first use of Turnout loads"
            + " it", t);
      }
    }
  }

  /** Whether {@code -Dturnout.decisions} names a decision source. */
  private static boolean configuredDecisions() {
    String name = System.getProperty("turnout.decisions");
    return name != null && !name.isBlank();
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The {@code flags=} file's source; sets the system properties other copies of the runtime read. */
  private static CatalogSource fileSource(AgentArguments args) {
    Path flags = fileProperties(args);
    return args.format() == null ? CatalogSource.file(flags) : CatalogSource.file(flags, args.format());
  }

  /**
   * Sets the system properties from which Turnout creates its engine on first use, and which other copies of
   * the runtime read ({@code turnout.flags}, {@code turnout.format}); returns the catalog's absolute path.
   */
  private static Path fileProperties(AgentArguments args) {
    Path flags = Path.of(args.flags()).toAbsolutePath();
    System.setProperty("turnout.flags", flags.toString());
    if (args.format() != null) {
      System.setProperty("turnout.format", args.format().name());
    }
    return flags;
  }
}
