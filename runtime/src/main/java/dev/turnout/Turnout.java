package dev.turnout;

import dev.turnout.internal.gate.EngineAccess;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * The application's entry point to flags: programmatic checks, the context bound to the current
 * thread, and the JVM-wide {@link FlagEngine} that gated methods use too.
 *
 * <pre>{@code
 * try (var scope = Turnout.bind(EvaluationContext.of("user-42").with("plan", "pro"))) {
 *   if (Turnout.isEnabled(Flags.NEW_CHECKOUT)) { ... }       // evaluated for user-42
 *   String v = Turnout.variant("checkout-flow");
 * }
 * Evaluation e = Turnout.evaluate("log-level", ctx);           // variant, value, reason
 * }</pre>
 *
 * <p>The engine is created on first use: its catalog is the file named by the system property
 * {@code turnout.flags} if set (read as {@code turnout.format}, one of yaml, json, unleash or flagd,
 * when that is set; else by its name and shape), else {@code turnout/flags.yaml} (or {@code .json}) on the class path;
 * the environment is {@code turnout.env} or {@code TURNOUT_ENV}; with {@code turnout.decisions=NAME}, the
 * {@link DecisionSource} of that name decides the variants. The agent, or the application, may
 * {@link #install} another. No method here throws.
 */
public final class Turnout {

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  private static final ThreadLocal<EvaluationContext> BOUND = new ThreadLocal<>();
  private static volatile FlagEngine engine;

  private Turnout() {}

  // ---- checks

  /** Whether the flag is on for the bound context (see {@link Evaluation#isEnabled()}). */
  public static boolean isEnabled(String flagKey) {
    return evaluate(flagKey, currentContext()).isEnabled();
  }

  /** Whether the flag is on for the given context. */
  public static boolean isEnabled(String flagKey, EvaluationContext context) {
    return evaluate(flagKey, context).isEnabled();
  }

  /** The variant served to the bound context, or {@code null} for an unknown flag. */
  public static String variant(String flagKey) {
    return evaluate(flagKey, currentContext()).variant();
  }

  /** The variant served to the given context, or {@code null} for an unknown flag. */
  public static String variant(String flagKey, EvaluationContext context) {
    return evaluate(flagKey, context).variant();
  }

  /** The full evaluation for the bound context. */
  public static Evaluation evaluate(String flagKey) {
    return evaluate(flagKey, currentContext());
  }

  /** The full evaluation for the given context. */
  public static Evaluation evaluate(String flagKey, EvaluationContext context) {
    return engine().evaluate(flagKey, context);
  }

  // ---- context

  /**
   * Binds the context to this thread until the returned scope is closed; the previous binding is
   * then restored. Bindings nest.
   */
  public static Scope bind(EvaluationContext context) {
    EvaluationContext previous = BOUND.get();
    BOUND.set(context);
    return new Scope(previous);
  }

  /** The context bound to this thread, or the anonymous context. */
  public static EvaluationContext currentContext() {
    EvaluationContext bound = BOUND.get();
    return bound == null ? EvaluationContext.anonymous() : bound;
  }

  /** A binding made by {@link #bind}; {@code close()} restores the previous one and throws nothing. */
  public static final class Scope implements AutoCloseable {
    private final EvaluationContext previous;
    private boolean closed;

    private Scope(EvaluationContext previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (previous == null) {
          BOUND.remove();
        } else {
          BOUND.set(previous);
        }
      }
    }
  }

  // ---- the engine

  /** The JVM-wide engine, created on first use (see the class comment). */
  public static FlagEngine engine() {
    FlagEngine e = engine;
    return e != null ? e : createDefault();
  }

  /**
   * Makes {@code next} the JVM-wide engine, for programmatic checks and gated methods alike.
   *
   * @return the previous engine, or {@code null}; it is not closed
   */
  public static synchronized FlagEngine install(FlagEngine next) {
    FlagEngine previous = engine;
    engine = next;
    EngineAccess.changed(); // gates linked to the previous engine link again
    return previous;
  }

  private static synchronized FlagEngine createDefault() {
    if (engine == null) {
      FlagEngine.Builder builder = FlagEngine.builder();
      try {
        String file = System.getProperty("turnout.flags");
        if (file != null && !file.isBlank()) {
          String format = System.getProperty("turnout.format");
          builder.source(format == null || format.isBlank()
              ? CatalogSource.file(Path.of(file.strip()))
              : CatalogSource.file(Path.of(file.strip()), CatalogFormat.forOption(format.strip())));
        }
        builder.decisions(configuredDecisions());
        engine = builder.build();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "Turnout: cannot set up the flag engine; every flag serves its fallback", e);
        engine = FlagEngine.builder().source(CatalogSource.of("none.yaml", "flags: {}")).watch(false).build();
      }
    }
    return engine;
  }

  /** The decision source named by {@code turnout.decisions}, or null: none, or none by that name (logged). */
  private static DecisionSource configuredDecisions() {
    String name = System.getProperty("turnout.decisions");
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return DecisionSource.named(name.strip());
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.ERROR, "Turnout: cannot set up the decision source ''{0}'' (turnout.decisions); the catalog "
          + "decides every flag: {1}", name.strip(), e.toString());
      return null;
    }
  }
}
