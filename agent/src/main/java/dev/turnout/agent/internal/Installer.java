package dev.turnout.agent.internal;

import dev.turnout.CatalogSource;
import dev.turnout.DecisionSource;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.internal.gate.Gate;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

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
    if (installed) {
      System.err.println("Turnout agent: already installed; the arguments '" + arguments + "' are ignored");
      return;
    }
    installed = true;
    AgentArguments args = AgentArguments.parse(arguments);
    for (String problem : args.problems()) {
      System.err.println("Turnout agent: " + problem);
    }
    AgentLog.debug(args.debug());
    Gate.debug(args.debug());
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
    if (args.flags() != null || args.source() != null || decisions != null) {
      FlagEngine.Builder engine = FlagEngine.builder().decisions(decisions);
      if (args.source() != null) {
        engine.source(SourceArgument.open(args)); // a store waits at most its start-up wait (wait=, 2 s)
      } else if (args.flags() != null) {
        engine.source(fileSource(args));
      }
      Turnout.install(engine.build());
    }
    AgentIndex index = new AgentIndex();
    new AgentBuilder.Default()
        .disableClassFormatChanges() // bodies only: retransformation can apply it to loaded classes
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(new Failures())
        .with(new AgentBuilder.LocationStrategy.Compound(AgentBuilder.LocationStrategy.ForClassLoader.WEAK,
            new AgentBuilder.LocationStrategy.Simple(new TurnoutTypes())))
        .assureReadEdgeTo(instrumentation, Gate.class) // named modules must read the gate's module
        .ignore((type, loader, module, redefined, domain) -> loader == null)
        .type((type, loader, module, redefined, domain) -> index.contains(loader, type.getName()))
        .transform(new GateTransformer())
        .installOn(instrumentation);
    AgentLog.info("Turnout agent " + (attached ? "attached" : "started") + ": "
        + (args.source() != null ? "catalog " + args.source()
            : args.flags() == null ? "class path catalog" : "catalog " + args.flags())
        + (args.environment() == null ? "" : ", environment " + args.environment())
        + (decisions == null ? "" : ", decisions from " + args.decisions()));
  }

  /** The {@code flags=} file's source; sets the system properties other copies of the runtime read. */
  private static CatalogSource fileSource(AgentArguments args) {
    Path flags = Path.of(args.flags()).toAbsolutePath();
    System.setProperty("turnout.flags", flags.toString());
    if (args.format() == null) {
      return CatalogSource.file(flags);
    }
    System.setProperty("turnout.format", args.format().name());
    return CatalogSource.file(flags, args.format());
  }

  /** One log line per class that could not be transformed; it loads unchanged. */
  private static final class Failures extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      AgentLog.error("Turnout agent: cannot transform " + typeName + "; it runs unchanged", error);
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
        DynamicType dynamicType) {
      AgentLog.detail("Turnout agent: transformed " + type.getName() + (loaded ? " (retransformed)" : ""));
    }
  }
}
