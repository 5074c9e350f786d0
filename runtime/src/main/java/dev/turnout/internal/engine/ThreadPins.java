package dev.turnout.internal.engine;

import dev.turnout.Evaluation;
import dev.turnout.internal.catalog.Catalog;
import java.util.Map;

/**
 * The state behind pins (see {@code dev.turnout.internal.ext.Pins}, the extension modules' way to open
 * them): the scopes open on each thread, and whether any is open at all. It lives beside the evaluation
 * that reads it, so that the engine depends on nothing in {@code internal.ext}. Not an API.
 *
 * <p>Without any open scope, evaluation pays one volatile read for this.
 */
public final class ThreadPins {

  private static final String POOL_WORKER = "java.util.concurrent.ForkJoinWorkerThread";
  private static final StackWalker WALKER = StackWalker.getInstance();

  private static final InheritableThreadLocal<Scope> CURRENT = new InheritableThreadLocal<>() {
    @Override
    protected Scope childValue(Scope parent) {
      return parent == null || createdByPool() ? null : parent;
    }
  };

  private static final Object LOCK = new Object();
  /** Guarded by LOCK. */
  private static int open;
  private static volatile boolean active;

  private ThreadPins() {}

  /** Whether any scope is open in any thread: the only cost pins add to an evaluation without them. */
  public static boolean active() {
    return active;
  }

  /** Makes the new scope this thread's innermost one (it nests in the one current so far). */
  public static <S extends Scope> S open(S scope) {
    Scope opened = scope;
    opened.parent = CURRENT.get();
    CURRENT.set(opened);
    synchronized (LOCK) {
      if (open++ == 0) {
        active = true;
        Changes.changed(); // gates folded to a constant evaluate per call from now on
      }
    }
    return scope;
  }

  /** The innermost scope open on this thread (or inherited by it), or null: none. */
  public static Scope current() {
    return CURRENT.get();
  }

  /** Makes {@code scope} this thread's pins until the returned handle is run (on this thread). */
  public static Runnable adopt(Scope scope) {
    Scope before = CURRENT.get();
    CURRENT.set(scope);
    return () -> {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    };
  }

  /**
   * The evaluation a pin serves for the flag on this thread, or null when no open scope pins it.
   *
   * @param catalog the catalog in force (null: none), for the variant's value and whether it counts as on
   * @param environment the engine's environment, for the flag's {@code off} variant
   */
  public static Evaluation evaluation(String key, Catalog catalog, String environment) {
    for (Scope s = CURRENT.get(); s != null; s = s.parent) {
      if (s.closed) {
        continue;
      }
      String variant = s.variants.get(key);
      if (variant != null) {
        return served(key, variant, false, catalog, environment);
      }
      if (s.all != null) {
        return served(key, s.all, true, catalog, environment);
      }
    }
    return null;
  }

  private static Evaluation served(String key, String pinned, boolean everyFlag, Catalog catalog, String environment) {
    Catalog.Flag flag = catalog == null ? null : catalog.flags().get(key);
    if (flag == null) {
      Object value = Catalog.ON.equals(pinned) ? Boolean.TRUE : Catalog.OFF.equals(pinned) ? Boolean.FALSE : pinned;
      return Evaluation.of(key, pinned, value, Evaluation.Reason.TARGETING_MATCH, -1, !Catalog.OFF.equals(pinned));
    }
    String off = flag.offVariant(environment);
    String variant = pinned;
    if (everyFlag && !flag.isBoolean()) {
      // "Every flag on" serves a multivariate flag's first variant that is not its off variant.
      variant = off;
      if (Catalog.ON.equals(pinned)) {
        for (String v : flag.variants().keySet()) {
          if (!v.equals(off)) {
            variant = v;
            break;
          }
        }
      }
    }
    Object value = flag.variants().containsKey(variant) ? flag.variants().get(variant) : variant;
    boolean enabled = flag.isBoolean() ? Catalog.ON.equals(variant) : !variant.equals(off);
    return Evaluation.of(key, variant, value, Evaluation.Reason.TARGETING_MATCH, -1, enabled);
  }

  /** Whether the thread being created is a ForkJoinPool's worker: its constructor is on the creator's stack. */
  private static boolean createdByPool() {
    return WALKER.walk(frames -> frames.limit(32)
        .anyMatch(f -> POOL_WORKER.equals(f.getClassName()) && "<init>".equals(f.getMethodName())));
  }

  /** An open set of pins; {@link #close()} ends it. Opened by {@link #open}. */
  public abstract static class Scope implements AutoCloseable {
    private final Map<String, String> variants;
    private final String all;
    /** Set once, by {@link ThreadPins#open}, before any other thread can see this scope. */
    private Scope parent;
    /** Read by threads that inherited this scope: once closed, it pins nothing for them either. */
    private volatile boolean closed;

    /** A scope pinning {@code variants} by key, and every other flag to {@code all} (on, off; null: none). */
    protected Scope(Map<String, String> variants, String all) {
      this.variants = Map.copyOf(variants);
      this.all = all;
    }

    /** The flags this scope pins, by key. */
    public Map<String, String> variants() {
      return variants;
    }

    /** What every other flag is pinned to ({@code on}, {@code off}), or null. */
    public String all() {
      return all;
    }

    /** Ends the scope; on the thread that opened it, the enclosing scope is current again. Idempotent. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (CURRENT.get() == this) {
        Scope outer = parent;
        while (outer != null && outer.closed) {
          outer = outer.parent;
        }
        if (outer == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(outer);
        }
      }
      synchronized (LOCK) {
        if (--open == 0) {
          active = false;
          Changes.changed(); // gates may fold constants again
        }
      }
    }

    @Override
    public String toString() {
      return "Pins" + variants + (all == null ? "" : " (every other flag " + all + ")");
    }
  }
}
