package dev.turnout;

import dev.turnout.internal.engine.Changes;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * {@link #install} another. The engine is set up once: if that fails, the failure is logged once and an
 * engine without a catalog answers (every flag serves its fallback). A check made while the first catalog
 * loads waits for it at most {@link #FIRST_LOAD_WAIT_MILLIS}. No method here throws.
 */
public final class Turnout {

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  /**
   * How long a check (or a gated call) made before the first catalog is loaded waits for it, in
   * milliseconds: the system property {@code turnout.firstLoadWait}, default 3000. Past that it is
   * answered by an engine without a catalog (every flag serves its fallback, gated methods their
   * original body) until the load is done.
   */
  public static final long FIRST_LOAD_WAIT_MILLIS = Long.getLong("turnout.firstLoadWait", 3000L);

  /** The top of each thread's stack of bindings. */
  private static final ThreadLocal<Scope> BOUND = new ThreadLocal<>();
  private static volatile FlagEngine engine;
  /** Guarded by Turnout.class: the one creation of the default engine, once started. */
  private static Loader loader;
  private static volatile FlagEngine loadingEngine;
  private static volatile boolean waitLogged;

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
   * Binds the context to this thread until the returned scope is closed; the context bound before is
   * then current again. Bindings nest: each is a node of a per-thread stack. Closing a scope ends it and
   * every binding made after it on this thread that is still open, so a binding left open inside it
   * (forgotten, or skipped by an exception) ends with it; closing a scope that has ended already, in any
   * order, changes nothing. A {@code null} context binds the anonymous one.
   *
   * <p>Always close the scope, with try-with-resources, on the thread that bound it. A scope left open
   * leaks its context to whatever runs next on the thread: in a thread pool, the next task. Run pooled
   * tasks through {@link #wrap(Runnable, EvaluationContext)}, which binds the context for the task and
   * afterwards ends every binding the task made, closed or not:
   *
   * <pre>{@code
   * try (Turnout.Scope scope = Turnout.bind(EvaluationContext.of(userId))) {
   *   handle(request);                                 // checks here evaluate for userId
   * }
   * executor.submit(Turnout.wrap(() -> audit(order)));  // the caller's context, on a pool thread
   * }</pre>
   */
  public static Scope bind(EvaluationContext context) {
    Scope top = BOUND.get();
    while (top != null && top.ended) { // closed from another thread meanwhile
      top = top.parent;
    }
    Scope scope = new Scope(context == null ? EvaluationContext.anonymous() : context, top);
    BOUND.set(scope);
    return scope;
  }

  /** The context bound to this thread, or the anonymous context. */
  public static EvaluationContext currentContext() {
    Scope s = BOUND.get();
    while (s != null && s.ended) { // only when a scope was closed from another thread
      s = s.parent;
    }
    return s == null ? EvaluationContext.anonymous() : s.context;
  }

  /**
   * The task, run with the context bound for its duration; once it is done (or has thrown), the thread's
   * bindings are as they were before it ran, whatever the task bound and left open. For executors:
   * {@code pool.submit(Turnout.wrap(task, ctx))}.
   */
  public static Runnable wrap(Runnable task, EvaluationContext context) {
    Objects.requireNonNull(task, "task");
    return () -> {
      Scope scope = bind(context);
      try {
        task.run();
      } finally {
        scope.close();
      }
    };
  }

  /** Like {@link #wrap(Runnable, EvaluationContext)}, for a task with a result. */
  public static <T> Callable<T> wrap(Callable<T> task, EvaluationContext context) {
    Objects.requireNonNull(task, "task");
    return () -> {
      Scope scope = bind(context);
      try {
        return task.call();
      } finally {
        scope.close();
      }
    };
  }

  /** The task, run with the context bound to this thread now (see {@link #wrap(Runnable, EvaluationContext)}). */
  public static Runnable wrap(Runnable task) {
    return wrap(task, currentContext());
  }

  /** The task, run with the context bound to this thread now (see {@link #wrap(Runnable, EvaluationContext)}). */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return wrap(task, currentContext());
  }

  /**
   * A binding made by {@link #bind}: a node of its thread's stack of bindings. {@code close()} ends it and
   * every binding made after it on that thread, and throws nothing; closing it again does nothing.
   */
  public static final class Scope implements AutoCloseable {
    private final EvaluationContext context;
    /** The binding below this one on its thread's stack, or null. */
    private final Scope parent;
    private final Thread thread = Thread.currentThread();
    /** Written by close(), on any thread; read by the binding thread. */
    private volatile boolean ended;

    private Scope(EvaluationContext context, Scope parent) {
      this.context = context;
      this.parent = parent;
    }

    /**
     * Ends this binding and every one made after it on its thread; the binding before it is current
     * again. Closed on another thread than the one that bound it, it ends this binding alone.
     */
    @Override
    public void close() {
      if (ended) {
        return;
      }
      if (Thread.currentThread() != thread) {
        ended = true; // the binding thread skips it from now on
        return;
      }
      Scope top = BOUND.get();
      for (Scope s = top; s != null && s != this; s = s.parent) {
        s.ended = true; // left open within this one
      }
      ended = true;
      Scope below = parent;
      while (below != null && below.ended) {
        below = below.parent;
      }
      if (below == null) {
        BOUND.remove();
      } else {
        BOUND.set(below);
      }
    }
  }

  // ---- the engine

  /** The JVM-wide engine, created on first use (see the class comment); never null, never throws. */
  public static FlagEngine engine() {
    FlagEngine e = engine;
    return e != null ? e : awaitDefault();
  }

  /**
   * The JVM-wide engine if one is in force already (installed, or the default one created), without
   * creating it; empty before that. Lets a framework that builds an engine of its own use the one already
   * there (the agent's, say) instead of replacing it.
   */
  public static Optional<FlagEngine> installed() {
    return Optional.ofNullable(engine);
  }

  /**
   * Makes {@code next} the JVM-wide engine, for programmatic checks and gated methods alike.
   *
   * @return the previous engine, or {@code null}; it is not closed
   */
  public static synchronized FlagEngine install(FlagEngine next) {
    FlagEngine previous = engine;
    engine = next;
    if (next == null && loader != null && loader.created != null) {
      loader = null; // the next use creates the default engine again
    }
    Changes.changed(); // gates linked to the previous engine link again
    return previous;
  }

  /**
   * The default engine once it is created, waiting at most {@link #FIRST_LOAD_WAIT_MILLIS} for its first
   * catalog load (run once, on a thread of its own); after that the {@link #loading} engine, whose every
   * flag serves its fallback, answers until the load is done.
   */
  private static FlagEngine awaitDefault() {
    Loader l;
    synchronized (Turnout.class) {
      if (engine != null) {
        return engine;
      }
      l = loader;
      if (l == null) {
        l = new Loader();
        loader = l;
        if (!l.start()) {
          l.run(); // no thread to be had: load here
        }
      }
    }
    FlagEngine e = l.await(FIRST_LOAD_WAIT_MILLIS);
    if (e != null) {
      return e;
    }
    FlagEngine installed = engine;
    if (installed != null) {
      return installed;
    }
    if (!waitLogged) {
      waitLogged = true;
      log(Level.WARNING, "Turnout: the flag catalog is still loading after " + FIRST_LOAD_WAIT_MILLIS + " ms; every"
          + " flag serves its fallback (gated methods their original body) until it is loaded", null);
    }
    return loading();
  }

  /** The engine that answers while the first catalog loads: no catalog, every flag serves its fallback. */
  private static FlagEngine loading() {
    FlagEngine e = loadingEngine;
    if (e == null) {
      synchronized (Turnout.class) {
        e = loadingEngine;
        if (e == null) {
          e = empty("the flag catalog, still loading");
          loadingEngine = e;
        }
      }
    }
    return e;
  }

  /** An engine without a catalog, reading nothing (its source has none), watching nothing. */
  private static FlagEngine empty(String name) {
    return FlagEngine.builder().source(new CatalogSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Content read() {
        return null;
      }
    }).environment(null).decisions(null).watch(false).build();
  }

  /** Creates the default engine once, on a thread of its own so that callers wait a bounded time. */
  private static final class Loader implements Runnable {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile FlagEngine created;

    boolean start() {
      try {
        Thread t = new Thread(this, "turnout-first-load");
        t.setDaemon(true);
        t.start();
        return true;
      } catch (Throwable e) { // NOPMD: without a thread, the caller loads
        return false;
      }
    }

    @Override
    public void run() {
      FlagEngine e = null;
      try {
        e = createDefault();
      } catch (Throwable t) { // NOPMD: set up once; a failure is logged once and a fallback engine installed
        log(Level.ERROR, "Turnout: cannot set up the flag engine; every flag serves its fallback: " + t, t);
      }
      if (e == null) {
        try {
          e = empty("no catalog (the flag engine could not be set up)");
        } catch (Throwable t) { // NOPMD: the loading engine then answers for good
          e = loading();
        }
      }
      synchronized (Turnout.class) {
        if (engine == null) {
          engine = e;
        } else if (engine != e) {
          e.close(); // installed meanwhile by the application or the agent: that one stays
        }
      }
      created = engine;
      done.countDown();
      Changes.changed(); // gates linked to the loading engine link again
    }

    FlagEngine await(long millis) {
      try {
        if (done.await(millis, TimeUnit.MILLISECONDS)) {
          return created;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  private static FlagEngine createDefault() {
    FlagEngine.Builder builder = FlagEngine.builder();
    String file = System.getProperty("turnout.flags");
    if (file != null && !file.isBlank()) {
      String format = System.getProperty("turnout.format");
      builder.source(format == null || format.isBlank()
          ? CatalogSource.file(Path.of(file.strip()))
          : CatalogSource.file(Path.of(file.strip()), CatalogFormat.forOption(format.strip())));
    }
    builder.decisions(configuredDecisions());
    return builder.build();
  }

  /** The decision source named by {@code turnout.decisions}, or null: none, or none by that name (logged). */
  private static DecisionSource configuredDecisions() {
    String name = System.getProperty("turnout.decisions");
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return DecisionSource.named(name.strip());
    } catch (Throwable e) { // NOPMD: a decision source that cannot be set up leaves the catalog to decide
      log(Level.ERROR, "Turnout: cannot set up the decision source '" + name.strip() + "' (turnout.decisions); the"
          + " catalog decides every flag: " + e, null);
      return null;
    }
  }

  private static void log(Level level, String message, Throwable t) {
    try {
      if (t == null) {
        LOG.log(level, message);
      } else {
        LOG.log(level, message, t);
      }
    } catch (Throwable ignored) { // NOPMD: logging never fails a check
      // nothing else to tell
    }
  }
}
