package dev.turnout;

import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.engine.Compiler;
import dev.turnout.internal.engine.EngineCore;
import dev.turnout.internal.gate.Registry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * serves its fallback, on reload the last good catalog stays in force. The counts are read together,
 * as one immutable value, with {@link #stats()}.
 */
public final class FlagEngine implements AutoCloseable {

  /** Evaluation, reloading, counters and listeners; gates reach it too (read reflectively, see internal Cores). */
  private final EngineCore core;

  private FlagEngine(Builder b) {
    this.core = new EngineCore(b.source, b.environment, b.clock, b.random, b.decisions, b.countEvaluations,
        b.allowRemovingFlagsInUse, b.allowRemovingFlagsInUse ? Set.of() : Registry.gatedFlags());
    core.reload();
    if (b.requireValidCatalog) {
      CatalogException error = core.lastError();
      if (error != null) {
        throw error;
      }
      if (core.catalog() == null) {
        throw new CatalogException(List.of(new CatalogProblem(b.source.name(), 0, 0, "no catalog found")));
      }
    }
    if (b.watch) {
      core.watch();
    }
  }

  /** A builder; without settings it reads the class path catalog in the active environment. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- evaluation

  /** Whether the flag is on for the context (see {@link Evaluation#isEnabled()}); false for unknown flags. */
  public boolean isEnabled(String flagKey, EvaluationContext context) {
    return core.evaluate(flagKey, context, null).isEnabled();
  }

  /** The variant served to the context, or {@code null} for an unknown flag. */
  public String variant(String flagKey, EvaluationContext context) {
    return core.evaluate(flagKey, context, null).variant();
  }

  /** Evaluates the flag for the context ({@code null}: an anonymous context). Never throws. */
  public Evaluation evaluate(String flagKey, EvaluationContext context) {
    return core.evaluate(flagKey, context, null);
  }

  // ---- catalog

  /**
   * Reads the source again and applies its catalog if it changed and validates. Called by the watch;
   * call it yourself for sources that are not watched. Never throws: whatever goes wrong, even an
   * {@link Error} such as {@link StackOverflowError} from a hostile catalog, is reported like any refused
   * catalog ({@link #lastError()}, {@link EngineStats#reloadFailureCount()}, listeners, the log) and the
   * catalog in force stays.
   *
   * @return whether a new catalog is now in force
   */
  public boolean reload() {
    return core.reload();
  }

  /** The keys of the flags in force, in catalog order. */
  public Set<String> flagKeys() {
    Catalog c = core.catalog();
    return c == null ? Set.of() : Collections.unmodifiableSet(c.flags().keySet());
  }

  /** The version of the catalog in force: 0 before any catalog, then 1, 2, ... per catalog applied. */
  public long catalogVersion() {
    return core.snapshot().version();
  }

  /** When the catalog in force was applied; empty before any catalog. */
  public Optional<Instant> catalogLoadedAt() {
    return Optional.ofNullable(core.snapshot().loadedAt());
  }

  /** The problems of the last catalog rejected, if the most recent attempt failed. */
  public Optional<CatalogException> lastError() {
    return Optional.ofNullable(core.lastError());
  }

  /** The catalog source. */
  public CatalogSource source() {
    return core.source();
  }

  /** The environment the catalog is compiled for, or {@code null} for none. */
  public String environment() {
    return core.environment();
  }

  // ---- counts

  /**
   * Counts evaluations per flag and variant from now on, if this engine does not yet. Counting costs each
   * evaluation an increment, gated methods whose flag serves everyone alike included: they still take their
   * one track without evaluating, but count each call instead of compiling down to nothing. So an engine
   * counts only once asked: by this method, by {@link Builder#countEvaluations()}
   * (from the first evaluation), or by the first call of {@link #stats()} or {@link #evaluationCount} (as
   * binding {@code TurnoutMetrics} to a registry does). Counting never stops.
   */
  public void countEvaluations() {
    core.countEvaluations();
  }

  /**
   * Every count of this engine at this moment, as one immutable value: evaluations per flag and variant
   * (counted from its first evaluation with {@link Builder#countEvaluations()}, else from the first call of
   * this method, of {@link #evaluationCount} or of {@link #countEvaluations()}: a read that starts counting
   * reads 0), errors per flag, catalogs applied and rejected.
   */
  public EngineStats stats() {
    return core.stats();
  }

  /** How many times the flag served the variant: {@code stats().evaluationCount(flagKey, variant)}, without the copy. */
  public long evaluationCount(String flagKey, String variant) {
    return core.evaluationCount(flagKey, variant);
  }

  /** {@code stats().evaluationCounts()}: flag key to variant to count, sorted by key. */
  public Map<String, Map<String, Long>> evaluationCounts() {
    return stats().evaluationCounts();
  }

  /** {@code stats().errorCount(flagKey)}, without the copy and without starting to count evaluations. */
  public long errorCount(String flagKey) {
    return core.errorCount(flagKey);
  }

  /** {@code stats().reloadCount()}, without starting to count evaluations. */
  public long reloadCount() {
    return core.reloadCount();
  }

  /** {@code stats().reloadFailureCount()}, without starting to count evaluations. */
  public long reloadFailureCount() {
    return core.reloadFailureCount();
  }

  // ---- listeners

  public void addListener(TurnoutListener listener) {
    core.addListener(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(TurnoutListener listener) {
    core.removeListener(listener);
  }

  /**
   * Stops watching the source. Evaluation keeps working on the last catalog. Returns at once, even while
   * a reload waits on its source: that reload applies nothing once it is done.
   */
  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "FlagEngine{source=" + core.source().name() + ", environment=" + core.environment() + ", version="
        + core.snapshot().version() + "}";
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
