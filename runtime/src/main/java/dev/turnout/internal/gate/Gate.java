package dev.turnout.internal.gate;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.GatedCall;
import dev.turnout.Turnout;
import dev.turnout.internal.engine.Changes;
import dev.turnout.internal.engine.CompiledFlag;
import dev.turnout.internal.engine.Cores;
import dev.turnout.internal.engine.EngineCore;
import dev.turnout.internal.engine.Outcome;
import java.lang.System.Logger.Level;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.SwitchPoint;

/**
 * The bootstrap methods of the {@code invokedynamic} instruction the agent puts at the start of every
 * gated method. The call site answers which track the call takes: {@code 0} for the original body,
 * {@code i} for the {@code i}-th method (the alternate of a boolean flag is method 1). Its type is
 * {@code ()int}, or {@code (K)int} where {@code K} is the type of the {@code @TargetingKey} parameter.
 *
 * <p>A flag that serves one outcome to every context (switched off, or unconditionally on) links to
 * that constant, guarded by a {@link SwitchPoint} that {@link Changes#changed()} invalidates: the
 * JIT then compiles the gate down to nothing and keeps only the branch taken, until the catalog, the
 * engine in force, its listeners or its counting change (a counting engine counts each call). Other
 * flags link to an evaluation per call of the compiled flag found when linking (no lookup by key).
 * While pins, a decision source or listeners that hear evaluations are about, every call goes through
 * the engine's full {@code evaluate}. Nothing here throws into the application: a failure serves the
 * original track and is logged once per gated method.
 */
public final class Gate {

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  private static volatile boolean debug;

  private Gate() {}

  /** Bootstrap for a boolean gate: the alternate (1) when the flag is enabled, else the original (0). */
  public static CallSite alternate(MethodHandles.Lookup caller, String method, MethodType type, String flagKey) {
    return link(caller, method, type, flagKey, null);
  }

  /** Bootstrap for a multivariate gate: method {@code i + 1} for {@code variants[i]}, else the original (0). */
  public static CallSite variants(MethodHandles.Lookup caller, String method, MethodType type, String flagKey,
      String... variants) {
    return link(caller, method, type, flagKey, variants.clone());
  }

  /** Whether links are logged at INFO (the agent's {@code log=debug}) rather than DEBUG. */
  public static void debug(boolean on) {
    debug = on;
  }

  private static CallSite link(MethodHandles.Lookup caller, String method, MethodType type, String flagKey,
      String[] variants) {
    String where = caller.lookupClass().getName() + "." + method;
    try {
      return new Site(caller.lookupClass(), method, type, flagKey, variants);
    } catch (Throwable t) { // NOPMD: a gate that cannot link runs the original body
      LOG.log(Level.ERROR, "Turnout: cannot link the gate of " + where + "; it runs its original body", t);
      return new ConstantCallSite(MethodHandles.dropArguments(MethodHandles.constant(int.class, 0), 0,
          type.parameterList()));
    }
  }

  static void logLink(String message) {
    LOG.log(debug ? Level.INFO : Level.DEBUG, message);
  }

  /** One gated method's call site. */
  static final class Site extends MutableCallSite implements EngineCore.Route {

    private static final MethodHandle EVALUATE;
    private static final MethodHandle EVALUATE_FLAG;
    private static final MethodHandle RELINK;
    private static final MethodHandle SERVED;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        EVALUATE = lookup.findVirtual(Site.class, "evaluate", MethodType.methodType(int.class, Object.class));
        EVALUATE_FLAG = lookup.findVirtual(Site.class, "evaluate",
            MethodType.methodType(int.class, EngineCore.class, CompiledFlag.class, Object.class));
        RELINK = lookup.findVirtual(Site.class, "relink", MethodType.methodType(int.class, Object.class));
        SERVED = lookup.findStatic(Site.class, "served",
            MethodType.methodType(int.class, Outcome.class, int.class));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Class<?> owner;
    private final String method;
    private final String where;
    private final String flagKey;
    /** The mapped variants of a multivariate flag; null for a boolean flag with an alternate. */
    private final String[] variants;
    private final MethodHandle evaluate;
    private final MethodHandle relink;
    private volatile boolean failed;
    /** The call of each track, as listeners hear it: built on the first call a listener hears. */
    private volatile GatedCall[] calls;

    Site(Class<?> owner, String method, MethodType type, String flagKey, String[] variants)
        throws ReflectiveOperationException {
      super(type);
      if (type.returnType() != int.class || type.parameterCount() > 1) {
        throw new IllegalArgumentException("gate call site type " + type);
      }
      this.owner = owner;
      this.method = method;
      this.where = owner.getName() + "." + method;
      this.flagKey = flagKey;
      this.variants = variants;
      this.evaluate = adapt(EVALUATE.bindTo(this), type);
      this.relink = adapt(RELINK.bindTo(this), type);
      setTarget(relink);
    }

    /**
     * Adapts a {@code (Object)int} handle to the site's type. A primitive targeting key becomes its
     * string form here ({@code String.valueOf}), so it is never boxed.
     */
    private static MethodHandle adapt(MethodHandle handle, MethodType type) throws ReflectiveOperationException {
      if (type.parameterCount() == 0) {
        return MethodHandles.insertArguments(handle, 0, (Object) null);
      }
      Class<?> key = type.parameterType(0);
      if (!key.isPrimitive()) {
        return handle.asType(type);
      }
      Class<?> overload = key == byte.class || key == short.class ? int.class : key;
      MethodHandle valueOf = MethodHandles.publicLookup()
          .findStatic(String.class, "valueOf", MethodType.methodType(String.class, overload))
          .asType(MethodType.methodType(Object.class, key));
      return MethodHandles.filterArguments(handle, 0, valueOf);
    }

    /** The first call, and the first after a change: links the site, then answers this call in full. */
    int relink(Object key) {
      try {
        setTarget(link());
      } catch (Throwable t) { // NOPMD: keep answering through full evaluations
        setTarget(evaluate);
        failed(t);
      }
      return evaluate(key);
    }

    private MethodHandle link() throws ReflectiveOperationException {
      // The switch point is read before the engine state: a change after this read invalidates it, and
      // Turnout.install of another engine is such a change.
      SwitchPoint switchPoint = Changes.switchPoint();
      EngineCore engine = Cores.of(Turnout.engine());
      engine.gated(flagKey);
      CompiledFlag flag = engine.flag(flagKey);
      if (engine.exposes()) {
        logLink("Turnout: gate " + where + " linked to evaluate flag '" + flagKey + "' per call");
        return switchPoint.guardWithTest(evaluate, relink);
      }
      Outcome constant = flag == null ? null : flag.constant;
      if (flag != null && constant == null) {
        logLink("Turnout: gate " + where + " linked to evaluate flag '" + flagKey + "' per call");
        MethodHandle compiled = adapt(MethodHandles.insertArguments(EVALUATE_FLAG.bindTo(this), 0, engine, flag), type());
        return switchPoint.guardWithTest(compiled, relink);
      }
      MethodType type = type();
      int route = constant == null ? 0 : routeOf(constant.evaluation);
      MethodHandle fixed;
      if (constant == null) {
        fixed = MethodHandles.constant(int.class, 0); // unknown flag: the original body, as documented
      } else if (engine.counts()) {
        fixed = MethodHandles.insertArguments(SERVED, 0, constant, route); // counted per call
      } else {
        fixed = MethodHandles.constant(int.class, route);
      }
      fixed = MethodHandles.dropArguments(fixed, 0, type.parameterList());
      logLink("Turnout: gate " + where + " linked to the constant track " + route + " of flag '" + flagKey + "'");
      return switchPoint.guardWithTest(fixed, relink);
    }

    int evaluate(Object key) {
      try {
        EvaluationContext context = Turnout.currentContext();
        if (key != null) {
          // Allocates a context per call when the key differs from the bound one; see the agent README.
          context = context.withTargetingKey(key.toString());
        }
        return routeOf(Cores.of(Turnout.engine()).evaluate(flagKey, context, this));
      } catch (Throwable t) { // NOPMD: the original body runs
        failed(t);
        return 0;
      }
    }

    /** An evaluation of the flag the site linked to, for an engine that exposes nothing. */
    int evaluate(EngineCore engine, CompiledFlag flag, Object key) {
      try {
        EvaluationContext context = Turnout.currentContext();
        if (key != null) {
          context = context.withTargetingKey(key.toString());
        }
        return routeOf(engine.serve(flag, context));
      } catch (Throwable t) { // NOPMD: the original body runs
        failed(t);
        return 0;
      }
    }

    @Override
    public GatedCall call(Evaluation evaluation) {
      GatedCall[] c = calls;
      if (c == null) {
        c = Registry.calls(owner, method, flagKey, variants);
        calls = c;
      }
      return c[routeOf(evaluation)];
    }

    private int routeOf(Evaluation evaluation) {
      if (variants == null) {
        return evaluation.isEnabled() ? 1 : 0;
      }
      String served = evaluation.variant();
      for (int i = 0; i < variants.length; i++) {
        if (variants[i].equals(served)) {
          return i + 1;
        }
      }
      return 0;
    }

    private void failed(Throwable t) {
      if (!failed) {
        failed = true;
        LOG.log(Level.ERROR, "Turnout: the gate of " + where + " failed; this call runs the original body"
            + " (logged once per method): " + t);
        LOG.log(Level.DEBUG, "Turnout: the gate of " + where + " failed", t);
      }
    }

    private static int served(Outcome outcome, int route) {
      outcome.count();
      return route;
    }
  }
}
