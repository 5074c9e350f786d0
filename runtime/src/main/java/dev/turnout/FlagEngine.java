package dev.turnout;

import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.internal.engine.CatalogDiff;
import dev.turnout.internal.engine.CompiledFlag;
import dev.turnout.internal.engine.Compiler;
import dev.turnout.internal.engine.Outcome;
import dev.turnout.internal.engine.Snapshot;
import dev.turnout.internal.ext.EngineCatalog;
import dev.turnout.internal.ext.Pins;
import dev.turnout.internal.gate.EngineAccess;
import dev.turnout.internal.gate.Registry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * A flag engine: a catalog source, the compiled snapshot in force, counters and listeners. Most
 * applications use the one behind {@link Turnout}; build your own for tests or to run several catalogs.
 *
 * <pre>{@code
 * try (FlagEngine engine = FlagEngine.builder()
 *     .source(CatalogSource.file(Path.of("flags.yaml")))
 *     .environment("production")
 *     .build()) {
 *   boolean on = engine.isEnabled("new-checkout", EvaluationContext.of("user-42"));
 * }
 * }</pre>
 *
 * <p>Evaluation reads one immutable snapshot, allocates nothing for a known flag (without a
 * {@link DecisionSource}), and never throws: an
 * internal error serves the flag's {@code off} variant with reason {@code ERROR}, is counted, and is
 * logged once per flag. A catalog that does not validate is rejected whole: at start every flag then
 * serves its fallback, on reload the last good catalog stays in force.
 */
public final class FlagEngine implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  /** Unknown keys logged at most this many times, so a stream of bad keys cannot fill memory. */
  private static final int MAX_LOGGED_UNKNOWN = 1000;

  private final CatalogSource source;
  private final String environment;
  private final Clock clock;
  private final RandomGenerator random;
  /** Decides variants in place of the catalog's rules; null (the usual case) for none. */
  private final DecisionSource decisions;
  private final Object reloadLock = new Object();
  private final CopyOnWriteArrayList<TurnoutListener> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Set<String> loggedOnce = ConcurrentHashMap.newKeySet();
  private final LongAdder reloads = new LongAdder();
  private final LongAdder reloadFailures = new LongAdder();
  /** The flags gated methods linked to in this engine (their gates route by them). */
  private final Set<String> gatedKeys = ConcurrentHashMap.newKeySet();
  /** The flags of the gates the processor registered (META-INF/turnout/registry.json on the class path). */
  private final Set<String> registeredKeys;
  /** Whether a reload may remove flags the running code uses (see Builder#allowRemovingFlagsInUse). */
  private final boolean allowRemovingFlagsInUse;

  private volatile Snapshot snapshot;
  /** Whether a listener hears evaluations (overrides onEvaluation). */
  private volatile boolean hasListeners;
  /** Whether evaluations are counted per variant: from the first read of a count, or asked for. */
  private volatile boolean counting;
  /** {@code hasListeners || counting}: the one read an evaluation pays for both. Guarded by observerLock. */
  private volatile boolean observed;
  private final Object observerLock = new Object();
  private volatile CatalogException lastError;
  /** Read without the reload lock, so that close() never waits behind a reload stuck in its source. */
  private volatile boolean closed;
  /** Guarded by reloadLock: the last text read, good or bad, so each version is handled once. */
  private String lastText;
  /** Guarded by reloadLock: the revision of lastText as read, and its problems (null when it was applied). */
  private long lastRevision;
  private List<CatalogProblem> lastProblems;
  private boolean missing;
  private final CatalogSource.Watch watch;

  static {
    // The agent's gates fold a flag that serves one outcome to everyone into a constant; they read the
    // compiled flag through this, and EngineAccess.changed() below tells them when to look again.
    EngineAccess.register(new EngineAccess.Reader() {
      @Override
      public CompiledFlag flag(FlagEngine engine, String key) {
        return engine.snapshot.flag(key);
      }

      @Override
      public boolean exposes(FlagEngine engine) {
        // A pinned test, and a decision source, must reach every gate.
        return engine.hasListeners || engine.decisions != null || Pins.active();
      }

      @Override
      public boolean counts(FlagEngine engine) {
        return engine.counting;
      }

      @Override
      public Evaluation evaluate(FlagEngine engine, CompiledFlag flag, EvaluationContext context) {
        return engine.serve(flag, context, null);
      }

      @Override
      public Evaluation evaluate(FlagEngine engine, String key, EvaluationContext context, EngineAccess.Route route) {
        return engine.evaluate(key, context, route);
      }

      @Override
      public void gated(FlagEngine engine, String key) {
        engine.gatedKeys.add(key);
      }
    });
    EngineCatalog.register(engine -> engine.snapshot.catalog());
  }

  private FlagEngine(Builder b) {
    this.source = b.source;
    this.environment = b.environment;
    this.clock = b.clock;
    this.random = b.random;
    this.decisions = b.decisions;
    this.counting = b.countEvaluations;
    this.observed = b.countEvaluations;
    this.snapshot = Snapshot.empty(environment);
    this.allowRemovingFlagsInUse = b.allowRemovingFlagsInUse;
    this.registeredKeys = b.allowRemovingFlagsInUse ? Set.of() : Registry.gatedFlags();
    reload();
    if (b.requireValidCatalog) {
      CatalogException error = lastError;
      if (error != null) {
        throw error;
      }
      if (snapshot.catalog() == null) {
        throw new CatalogException(List.of(new CatalogProblem(source.name(), 0, 0, "no catalog found")));
      }
    }
    this.watch = b.watch ? startWatch() : CatalogSource.Watch.NONE;
  }

  /** The source's watch; none (logged) when the source cannot start one: reload() still works. */
  private CatalogSource.Watch startWatch() {
    try {
      CatalogSource.Watch w = source.watch(this::reloadQuietly);
      return w == null ? CatalogSource.Watch.NONE : w;
    } catch (Throwable t) { // NOPMD: a source's failure never stops the application
      log(Level.ERROR, "Turnout: cannot watch the catalog " + source.name() + "; it is read again only when reload()"
          + " is called", t);
      return CatalogSource.Watch.NONE;
    }
  }

  /** A builder; without settings it reads the class path catalog in the active environment. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- evaluation

  /** Whether the flag is on for the context (see {@link Evaluation#isEnabled()}); false for unknown flags. */
  public boolean isEnabled(String flagKey, EvaluationContext context) {
    return evaluate(flagKey, context).isEnabled();
  }

  /** The variant served to the context, or {@code null} for an unknown flag. */
  public String variant(String flagKey, EvaluationContext context) {
    return evaluate(flagKey, context).variant();
  }

  /** Evaluates the flag for the context ({@code null}: an anonymous context). Never throws. */
  public Evaluation evaluate(String flagKey, EvaluationContext context) {
    return evaluate(flagKey, context, null);
  }

  /** An evaluation; a gate's {@code route} (null for other callers) makes listeners hear it through onGate. */
  private Evaluation evaluate(String flagKey, EvaluationContext context, EngineAccess.Route route) {
    EvaluationContext ctx = context == null ? EvaluationContext.anonymous() : context;
    if (!Pins.active() && decisions == null) {
      // The usual case, kept small so that it inlines into the caller: no pins, no decision source.
      CompiledFlag flag = snapshot.flag(flagKey);
      if (flag != null) {
        return serve(flag, ctx, route);
      }
    }
    return evaluateFully(flagKey == null ? "" : flagKey, ctx, route);
  }

  /** The catalog's outcome for a known flag: counted when counting, heard by listeners. */
  private Evaluation serve(CompiledFlag flag, EvaluationContext ctx, EngineAccess.Route route) {
    Outcome outcome;
    try {
      outcome = flag.evaluate(ctx, clock);
    } catch (Throwable t) { // NOPMD: evaluation never throws into application code
      outcome = flag.error;
      failed(flag.key(), t);
    }
    if (observed) {
      observe(outcome, ctx, route);
    }
    return outcome.evaluation;
  }

  private void observe(Outcome outcome, EvaluationContext ctx, EngineAccess.Route route) {
    if (counting) {
      outcome.count();
    }
    if (hasListeners) {
      exposed(outcome.evaluation, ctx, route);
    }
  }

  /** Evaluation with pins, a decision source, or an unknown flag; never throws. */
  private Evaluation evaluateFully(String key, EvaluationContext ctx, EngineAccess.Route route) {
    try {
      return evaluateSlowly(key, ctx, route);
    } catch (Throwable t) { // NOPMD: evaluation never throws into application code
      CompiledFlag flag = snapshot.flag(key);
      failed(key, t);
      return flag == null ? Evaluation.notFound(key) : flag.error.evaluation;
    }
  }

  private Evaluation evaluateSlowly(String key, EvaluationContext ctx, EngineAccess.Route route) {
    if (Pins.active()) {
      Evaluation pinned = Pins.evaluation(key, snapshot.catalog(), environment);
      if (pinned != null) {
        return pinned(pinned, ctx, route);
      }
    }
    CompiledFlag flag = snapshot.flag(key);
    if (flag == null) {
      return unknown(key, ctx, route);
    }
    if (decisions != null) {
      Evaluation decided = decided(key, ctx);
      if (decided != null) {
        return pinned(decided, ctx, route);
      }
    }
    return serve(flag, ctx, route);
  }

  /**
   * The evaluation the decision source decides, or null to let the catalog decide: when it answers null,
   * throws, or names a variant the flag does not have (those two are counted as errors, logged once).
   */
  private Evaluation decided(String key, EvaluationContext ctx) {
    Catalog catalog = snapshot.catalog();
    Catalog.Flag flag = catalog == null ? null : catalog.flags().get(key);
    if (flag == null) {
      return null; // a reload removed the flag since the caller looked
    }
    DecisionSource.Decision decision;
    try {
      decision = decisions.decide(key, flag.isBoolean(), flag.variants().keySet(), ctx);
    } catch (Throwable t) { // NOPMD: evaluation never throws into application code
      decisionFailed(key, "threw; the catalog decides", t);
      return null;
    }
    if (decision == null) {
      return null;
    }
    String variant = decision.variant();
    if (!flag.variants().containsKey(variant)) {
      decisionFailed(key, "served '" + variant + "', which is not one of its variants " + flag.variants().keySet()
          + "; the catalog decides", null);
      return null;
    }
    boolean enabled = flag.enables(variant, decision.reason(), environment);
    return Evaluation.of(key, variant, flag.variants().get(variant), decision.reason(), -1, enabled);
  }

  private void decisionFailed(String key, String what, Throwable t) {
    errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    if (loggedOnce.add("decision:" + key)) {
      String message = "Turnout: the decision source " + decisions.getClass().getName() + " for flag '" + key
          + "' " + what + " (logged once per flag, counted in errorCount)";
      log(Level.ERROR, message, t);
    }
  }

  /** A variant a test pinned on this thread, or a decision source decided: counted and exposed like any other. */
  private Evaluation pinned(Evaluation e, EvaluationContext ctx, EngineAccess.Route route) {
    if (counting) {
      counter(e.flagKey(), e.variant()).increment();
    }
    if (hasListeners) {
      exposed(e, ctx, route);
    }
    return e;
  }

  private Evaluation unknown(String key, EvaluationContext ctx, EngineAccess.Route route) {
    Evaluation e = Evaluation.notFound(key);
    if (loggedOnce.size() < MAX_LOGGED_UNKNOWN && loggedOnce.add("unknown:" + key)) {
      log(Level.WARNING, "Turnout: flag '" + key + "' " + (snapshot.catalog() == null
          ? "evaluated before any catalog was loaded from " : "is not in the catalog ") + source.name()
          + ": the caller's fallback applies", null);
    }
    if (hasListeners) {
      exposed(e, ctx, route);
    }
    return e;
  }

  private void failed(String key, Throwable t) {
    errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    if (loggedOnce.add("error:" + key)) {
      log(Level.ERROR, "Turnout: evaluating flag '" + key + "' failed; serving its off variant "
          + "(logged once per flag, counted in errorCount)", t);
    }
  }

  /** Tells the listeners: through onEvaluation, or onGate for a gate's evaluation (its route not null). */
  private void exposed(Evaluation e, EvaluationContext ctx, EngineAccess.Route route) {
    GatedCall call = null;
    if (route != null) {
      try {
        call = route.call(e);
      } catch (Throwable ex) { // NOPMD: the listeners hear the evaluation without the gate
        if (loggedOnce.add("gate:" + e.flagKey())) {
          log(Level.ERROR, "Turnout: cannot name the gate of flag '" + e.flagKey() + "' for listeners (logged once)", ex);
        }
      }
    }
    for (TurnoutListener l : listeners) {
      try {
        if (call == null) {
          l.onEvaluation(e, ctx);
        } else {
          l.onGate(call, e, ctx);
        }
      } catch (Throwable ex) { // NOPMD: a listener's failure never reaches the caller
        listenerFailed(l, ex);
      }
    }
  }

  // ---- catalog

  /**
   * Reads the source again and applies its catalog if it changed and validates. Called by the watch;
   * call it yourself for sources that are not watched. Never throws: whatever goes wrong, even an
   * {@link Error} such as {@link StackOverflowError} from a hostile catalog, is reported like any refused
   * catalog ({@link #lastError()}, {@link #reloadFailureCount()}, listeners, the log) and the catalog in
   * force stays.
   *
   * @return whether a new catalog is now in force
   */
  public boolean reload() {
    if (closed) {
      return false;
    }
    synchronized (reloadLock) {
      if (closed) {
        return false;
      }
      try {
        return reloadLocked();
      } catch (Throwable t) { // NOPMD: the reload path survives anything (reported, the last good catalog stays)
        keepInterrupt(t);
        rejectedSafely(new CatalogException(List.of(new CatalogProblem(source.name(), 0, 0,
            "cannot reload the catalog: " + describe(t)))), t);
        return false;
      }
    }
  }

  /** The reload, with the lock held; what it throws is reported by {@link #reload()}. */
  private boolean reloadLocked() {
    CatalogSource.Content content;
    try {
      content = source.read();
      if (closed) {
        return false; // closed while the source was being read
      }
    } catch (Throwable t) { // NOPMD: a source's failure is a refused catalog, whatever it throws
      keepInterrupt(t);
      String text = "cannot read catalog: " + describe(t);
      if (!text.equals(lastText)) {
        lastText = text;
        rejected(new CatalogException(List.of(new CatalogProblem(source.name(), 0, 0, text))), t);
      }
      return false;
    }
    if (content == null) {
      if (!missing) {
        missing = true;
        lastText = null;
        if (snapshot.catalog() == null) {
          log(Level.ERROR, "Turnout: no flag catalog at " + source.name()
              + ": every flag serves its fallback until one appears", null);
        } else {
          log(Level.WARNING, "Turnout: the flag catalog " + source.name() + " is gone: keeping the last good catalog"
              + " (version " + snapshot.version() + ")", null);
        }
      }
      return false;
    }
    missing = false;
    if (content.text().equals(lastText)) {
      if (content.revision() != lastRevision) {
        lastRevision = content.revision();
        tellSource(content, lastProblems);
      }
      return false;
    }
    lastText = content.text();
    lastRevision = content.revision();
    Catalog catalog;
    Snapshot next;
    CatalogChange change;
    Snapshot previous = snapshot;
    try {
      catalog = CatalogReader.read(content.name(), content.text(), content.format());
      next = Compiler.compile(catalog, environment, previous.version() + 1, clock.instant(), this::counter, random);
      change = CatalogDiff.diff(previous.catalog(), catalog, next.version());
      refuseRemovalOfFlagsInUse(content, previous, catalog);
    } catch (CatalogException e) {
      refused(content, e, null);
      return false;
    } catch (Throwable t) { // NOPMD: a catalog that breaks the reader or compiler is refused like any bad one
      keepInterrupt(t);
      refused(content, new CatalogException(List.of(new CatalogProblem(content.name(), 0, 0,
          "cannot compile catalog: " + describe(t)))), t);
      return false;
    }
    lastProblems = null;
    snapshot = next;
    EngineAccess.changed();
    lastError = null;
    reloads.increment();
    log(Level.INFO, "Turnout: catalog " + content.name() + " version " + next.version() + " in force (" + next.size()
        + " flags" + (environment == null ? "" : ", environment " + environment) + "): added " + change.added().size()
        + ", removed " + change.removed().size() + ", modified " + change.modified().size(), null);
    tellSource(content, null);
    for (TurnoutListener l : listeners) {
      try {
        l.onCatalogChange(change);
      } catch (Throwable ex) { // NOPMD: a listener's failure goes no further
        listenerFailed(l, ex);
      }
    }
    return true;
  }

  private void refused(CatalogSource.Content content, CatalogException e, Throwable cause) {
    rejected(e, cause);
    lastProblems = e.problems();
    tellSource(content, lastProblems);
  }

  /**
   * Refuses a catalog that would remove flags the running code uses: those of gated methods (linked in
   * this JVM, or registered by the annotation processor) and those counted as evaluated. A removal like
   * that is most often a catalog cut short (a write caught half way, a truncated copy) that still parses;
   * removing such flags deliberately is done in two steps (docs/reliability.md) or allowed by the builder.
   */
  private void refuseRemovalOfFlagsInUse(CatalogSource.Content content, Snapshot previous, Catalog next) {
    Catalog before = previous.catalog();
    if (allowRemovingFlagsInUse || before == null) {
      return; // the first catalog removes nothing
    }
    Set<String> gone = new java.util.TreeSet<>();
    Map<String, Catalog.Flag> now = next.flags();
    for (String key : before.flags().keySet()) {
      if (!now.containsKey(key) && inUse(key)) {
        gone.add(key);
      }
    }
    if (gone.isEmpty()) {
      return;
    }
    String listed = gone.size() <= 10 ? String.join(", ", gone)
        : String.join(", ", new java.util.ArrayList<>(gone).subList(0, 10)) + " and " + (gone.size() - 10) + " more";
    throw new CatalogException(List.of(new CatalogProblem(content.name(), 0, 0, "removes " + gone.size()
        + (gone.size() == 1 ? " flag" : " flags") + " the running code uses (" + listed + "): refused as a"
        + " catalog cut short, such as a file read half written; to remove a flag still in use, switch it off and"
        + " remove it once no running code uses it, or allow it with turnout.allowRemovingFlagsInUse=true")));
  }

  /** Whether code in this JVM uses the flag: a gate linked to it or registered for it, or a counted evaluation. */
  private boolean inUse(String key) {
    if (gatedKeys.contains(key) || registeredKeys.contains(key)) {
      return true;
    }
    Map<String, LongAdder> byVariant = counters.get(key);
    if (byVariant != null) {
      for (LongAdder n : byVariant.values()) {
        if (n.sum() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Tells the source the content is in force ({@code problems} null) or was refused; never throws. */
  private void tellSource(CatalogSource.Content content, List<CatalogProblem> problems) {
    try {
      if (problems == null) {
        source.applied(content);
      } else {
        source.refused(content, problems);
      }
    } catch (Throwable t) { // NOPMD: a source's failure goes no further
      keepInterrupt(t);
      if (loggedOnce.add("source:" + source.getClass().getName())) {
        log(Level.ERROR, "Turnout: the catalog source " + source.name() + " threw when told of its content "
            + "(logged once)", t);
      }
    }
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (Throwable t) { // NOPMD: reload() throws nothing; this keeps the watch alive if it ever did
      log(Level.ERROR, "Turnout: reloading " + source.name() + " failed", t);
    }
  }

  /** {@link #rejected}, for the last resort: a failure while reporting is logged, never thrown. */
  private void rejectedSafely(CatalogException e, Throwable cause) {
    try {
      rejected(e, cause);
    } catch (Throwable again) { // NOPMD: nothing leaves reload()
      log(Level.ERROR, "Turnout: reloading " + source.name() + " failed", again);
    }
  }

  private void rejected(CatalogException e, Throwable cause) {
    lastError = e;
    reloadFailures.increment();
    String message = "Turnout: rejected catalog " + source.name() + "; " + (snapshot.catalog() == null
        ? "every flag serves its fallback" : "keeping version " + snapshot.version()) + ". " + e.getMessage();
    // An Error's stack trace is logged (at DEBUG: it may be thousands of frames deep); a bad catalog needs none.
    log(Level.ERROR, message, null);
    if (cause != null) {
      log(Level.DEBUG, "Turnout: why " + source.name() + " was rejected", cause);
    }
    for (TurnoutListener l : listeners) {
      try {
        l.onCatalogError(e);
      } catch (Throwable ex) { // NOPMD: a listener's failure goes no further
        listenerFailed(l, ex);
      }
    }
  }

  private void listenerFailed(TurnoutListener l, Throwable ex) {
    keepInterrupt(ex);
    if (loggedOnce.add("listener:" + l.getClass().getName())) {
      log(Level.ERROR, "Turnout: listener " + l.getClass().getName() + " threw (logged once)", ex);
    }
  }

  /** A one-line account of a failure, with a hint for the errors a hostile catalog causes. */
  private static String describe(Throwable t) {
    String hint = t instanceof StackOverflowError ? " (nested or chained too deep)"
        : t instanceof OutOfMemoryError ? " (too large)" : "";
    String message = t.getMessage();
    return t.getClass().getName() + (message == null ? "" : ": " + message) + hint;
  }

  /** Code that catches an InterruptedException it did not expect (thrown sneakily) keeps the interrupt. */
  private static void keepInterrupt(Throwable t) {
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  /** Logs; a logging system that throws is not the caller's problem. */
  private static void log(Level level, String message, Throwable t) {
    try {
      if (t == null) {
        LOG.log(level, message);
      } else {
        LOG.log(level, message, t);
      }
    } catch (Throwable ignored) { // NOPMD: logging never fails an evaluation or a reload
      // nothing else to tell
    }
  }

  private LongAdder counter(String flag, String variant) {
    // Sized for the usual two variants: one map per flag adds up over thousands of flags.
    return counters.computeIfAbsent(flag, k -> new ConcurrentHashMap<>(2)).computeIfAbsent(variant, k -> new LongAdder());
  }

  // ---- state

  /** The keys of the flags in force, in catalog order. */
  public Set<String> flagKeys() {
    Catalog c = snapshot.catalog();
    return c == null ? Set.of() : Collections.unmodifiableSet(c.flags().keySet());
  }

  /** The version of the catalog in force: 0 before any catalog, then 1, 2, ... per catalog applied. */
  public long catalogVersion() {
    return snapshot.version();
  }

  /** When the catalog in force was applied; empty before any catalog. */
  public Optional<Instant> catalogLoadedAt() {
    return Optional.ofNullable(snapshot.loadedAt());
  }

  /** The problems of the last catalog rejected, if the most recent attempt failed. */
  public Optional<CatalogException> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** The catalog source. */
  public CatalogSource source() {
    return source;
  }

  /** The environment the catalog is compiled for, or {@code null} for none. */
  public String environment() {
    return environment;
  }

  /**
   * Counts evaluations per flag and variant from now on, if this engine does not yet. Counting costs each
   * evaluation an increment, and keeps gated methods whose flag serves everyone alike from compiling down
   * to a constant, so an engine counts only once asked: by this method, by {@link Builder#countEvaluations()}
   * (from the first evaluation), or by the first read of {@link #evaluationCount} or
   * {@link #evaluationCounts()} (as binding {@code TurnoutMetrics} to a registry does). Counting never stops.
   */
  public void countEvaluations() {
    if (counting) {
      return;
    }
    synchronized (observerLock) {
      if (counting) {
        return;
      }
      counting = true;
      observed = true;
    }
    EngineAccess.changed(); // folded gates count from now on
  }

  /**
   * How many times the flag served the variant since this engine started counting: from its first
   * evaluation with {@link Builder#countEvaluations()}, else from the first call of this method, of
   * {@link #evaluationCounts()} or of {@link #countEvaluations()} (a read that starts counting answers 0).
   */
  public long evaluationCount(String flagKey, String variant) {
    countEvaluations();
    Map<String, LongAdder> byVariant = counters.get(flagKey);
    LongAdder n = byVariant == null ? null : byVariant.get(variant);
    return n == null ? 0 : n.sum();
  }

  /**
   * Every counter: flag key to variant to count, sorted by key; every variant of the catalog's flags is
   * there, at 0 when never served. Counts start as {@link #evaluationCount} says.
   */
  public Map<String, Map<String, Long>> evaluationCounts() {
    countEvaluations();
    Map<String, Map<String, Long>> out = new TreeMap<>();
    counters.forEach((flag, byVariant) -> {
      Map<String, Long> m = new LinkedHashMap<>();
      byVariant.forEach((variant, n) -> m.put(variant, n.sum()));
      out.put(flag, Collections.unmodifiableMap(m));
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * How many evaluations of the flag failed inside Turnout (and served the off variant), or in its
   * {@link Builder#decisions decision source} (and the catalog decided).
   */
  public long errorCount(String flagKey) {
    LongAdder n = errors.get(flagKey);
    return n == null ? 0 : n.sum();
  }

  /** How many catalogs were applied (the first load included). */
  public long reloadCount() {
    return reloads.sum();
  }

  /** How many catalogs were rejected. */
  public long reloadFailureCount() {
    return reloadFailures.sum();
  }

  // ---- listeners

  public void addListener(TurnoutListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    listenersChanged();
  }

  public void removeListener(TurnoutListener listener) {
    listeners.remove(listener);
    listenersChanged();
  }

  private void listenersChanged() {
    synchronized (observerLock) {
      hasListeners = listeners.stream().anyMatch(FlagEngine::hearsEvaluations);
      observed = hasListeners || counting;
    }
    EngineAccess.changed();
  }

  /**
   * Whether the listener overrides {@code onEvaluation} or {@code onGate}: only such listeners make every
   * evaluation reach the listeners (and keep gates from folding constant flags); catalog-only listeners
   * cost nothing.
   */
  private static boolean hearsEvaluations(TurnoutListener l) {
    try {
      Class<?> type = l.getClass();
      return type.getMethod("onEvaluation", Evaluation.class, EvaluationContext.class).getDeclaringClass()
          != TurnoutListener.class
          || type.getMethod("onGate", GatedCall.class, Evaluation.class, EvaluationContext.class).getDeclaringClass()
          != TurnoutListener.class;
    } catch (NoSuchMethodException | SecurityException e) {
      return true;
    }
  }

  /**
   * Stops watching the source. Evaluation keeps working on the last catalog. Returns at once, even while
   * a reload waits on its source: that reload applies nothing once it is done.
   */
  @Override
  public void close() {
    closed = true;
    try {
      watch.close();
    } catch (Throwable t) { // NOPMD: closing never throws
      log(Level.ERROR, "Turnout: closing the watch of " + source.name() + " failed", t);
    }
  }

  @Override
  public String toString() {
    return "FlagEngine{source=" + source.name() + ", environment=" + environment + ", version=" + snapshot.version() + "}";
  }

  /**
   * Settings for a {@link FlagEngine}.
   *
   * <pre>{@code
   * FlagEngine engine = FlagEngine.builder()
   *     .source(CatalogSource.of("test.yaml", "flags: { dark-mode: { enabled: true, default: on } }"))
   *     .clock(Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC))
   *     .requireValidCatalog()
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private CatalogSource source = CatalogSource.classpath();
    private String environment = activeEnvironment();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = Compiler.DEFAULT_RANDOM;
    private boolean watch = true;
    private boolean requireValidCatalog;
    private boolean countEvaluations;
    private boolean allowRemovingFlagsInUse = Boolean.getBoolean("turnout.allowRemovingFlagsInUse");
    private DecisionSource decisions;

    private Builder() {}

    /** Where the catalog comes from (default: {@link CatalogSource#classpath()}). */
    public Builder source(CatalogSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The environment whose overrides apply ({@code null} for none). Default: the system property
     * {@code turnout.env}, else the environment variable {@code TURNOUT_ENV}, else none.
     */
    public Builder environment(String environment) {
      this.environment = environment == null || environment.isBlank() ? null : environment;
      return this;
    }

    /** The clock for schedules, rule windows and {@code attribute: now} (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The random source of rules that draw at random instead of hashing a key: Unleash's {@code random}
     * stickiness and {@code gradualRolloutRandom} strategy (default: {@link java.util.concurrent.ThreadLocalRandom}). Tests
     * pass a seeded or scripted one. Called from evaluating threads concurrently.
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Whether to watch the source for changes (default: true). */
    public Builder watch(boolean watch) {
      this.watch = watch;
      return this;
    }

    /**
     * Another flag system that decides the variants of the catalog's flags (default: none, the catalog's
     * rules decide). See {@link DecisionSource}.
     */
    public Builder decisions(DecisionSource decisions) {
      this.decisions = decisions;
      return this;
    }

    /**
     * Counts evaluations per variant from the first one (default: from the first read of a count, see
     * {@link FlagEngine#countEvaluations()}).
     */
    public Builder countEvaluations() {
      this.countEvaluations = true;
      return this;
    }

    /**
     * Lets a reload remove flags the running code uses (default: the system property
     * {@code turnout.allowRemovingFlagsInUse}, else false). By default a catalog that no longer has a flag of
     * a gated method (linked in this JVM, or listed in a {@code META-INF/turnout/registry.json} the
     * annotation processor wrote), or a flag counted as evaluated, is refused: such a catalog is most often
     * one cut short, a file read while it was being written. Removing a flag in use deliberately is done in
     * two steps: switch it off, and remove it once no running code uses it.
     */
    public Builder allowRemovingFlagsInUse() {
      this.allowRemovingFlagsInUse = true;
      return this;
    }

    /** Makes {@link #build()} throw a {@link CatalogException} when the first catalog is missing or invalid. */
    public Builder requireValidCatalog() {
      this.requireValidCatalog = true;
      return this;
    }

    /** Loads the catalog and starts watching it. */
    public FlagEngine build() {
      return new FlagEngine(this);
    }

    /** The system property {@code turnout.env}, else the environment variable {@code TURNOUT_ENV}, else null. */
    static String activeEnvironment() {
      String env = System.getProperty("turnout.env");
      if (env == null || env.isBlank()) {
        env = System.getenv("TURNOUT_ENV");
      }
      return env == null || env.isBlank() ? null : env.strip();
    }
  }
}
