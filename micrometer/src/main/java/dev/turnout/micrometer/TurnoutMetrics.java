package dev.turnout.micrometer;

import dev.turnout.CatalogChange;
import dev.turnout.FlagEngine;
import dev.turnout.TurnoutListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Binds a {@link FlagEngine}'s counters to Micrometer.
 *
 * <pre>{@code
 * new TurnoutMetrics(Turnout.engine()).bindTo(registry);          // or a Spring @Bean of type MeterBinder
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code turnout.evaluations}</td><td>function counter</td><td>{@code flag}, {@code variant}</td>
 *       <td>times the flag served the variant</td></tr>
 *   <tr><td>{@code turnout.errors}</td><td>function counter</td><td>{@code flag}</td>
 *       <td>evaluations that failed inside Turnout</td></tr>
 *   <tr><td>{@code turnout.reloads}</td><td>function counter</td><td></td><td>catalogs applied</td></tr>
 *   <tr><td>{@code turnout.reload.failures}</td><td>function counter</td><td></td><td>catalogs rejected</td></tr>
 *   <tr><td>{@code turnout.catalog.age}</td><td>time gauge</td><td></td>
 *       <td>time since the catalog in force was applied; NaN before any</td></tr>
 *   <tr><td>{@code turnout.catalog.version}</td><td>gauge</td><td></td><td>the catalog version in force</td></tr>
 * </table>
 *
 * <p>Every flag and variant of the catalog has its meters from the start (at zero); flags and variants
 * that a later catalog adds get theirs when it is applied. Binding starts the engine's evaluation counting
 * ({@link FlagEngine#countEvaluations()}), so {@code turnout.evaluations} counts from the bind. Meters read
 * the engine's counters when the registry publishes, so evaluation costs one counter increment and nothing
 * more. {@link #close()} stops following catalog changes.
 */
public final class TurnoutMetrics implements MeterBinder, AutoCloseable {

  private final FlagEngine engine;
  private final Tags tags;
  private final Clock clock;
  private final CopyOnWriteArrayList<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final Map<MeterRegistry, Set<String>> registered = new ConcurrentHashMap<>();
  private final TurnoutListener listener = new TurnoutListener() {
    @Override
    public void onCatalogChange(CatalogChange change) {
      registries.forEach(TurnoutMetrics.this::registerFlags);
    }
  };
  private volatile boolean listening;

  /** Meters for the engine, without extra tags. */
  public TurnoutMetrics(FlagEngine engine) {
    this(engine, Tags.empty(), Clock.systemUTC());
  }

  /** Meters for the engine, each with the given tags too (an engine name, say). */
  public TurnoutMetrics(FlagEngine engine, Iterable<Tag> tags) {
    this(engine, tags, Clock.systemUTC());
  }

  /** As {@link #TurnoutMetrics(FlagEngine, Iterable)}, with the clock the catalog's age is measured by. */
  public TurnoutMetrics(FlagEngine engine, Iterable<Tag> tags, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tags = Tags.of(tags);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("turnout.reloads", engine, FlagEngine::reloadCount)
        .description("Flag catalogs applied (the first load included)").tags(tags).register(registry);
    FunctionCounter.builder("turnout.reload.failures", engine, FlagEngine::reloadFailureCount)
        .description("Flag catalogs rejected").tags(tags).register(registry);
    TimeGauge.builder("turnout.catalog.age", this, TimeUnit.MILLISECONDS, TurnoutMetrics::ageMillis)
        .description("Time since the flag catalog in force was applied").tags(tags).register(registry);
    Gauge.builder("turnout.catalog.version", engine, FlagEngine::catalogVersion)
        .description("Version of the flag catalog in force (0: none)").tags(tags).register(registry);
    engine.countEvaluations();
    registries.addIfAbsent(registry);
    synchronized (this) {
      if (!listening) {
        listening = true;
        engine.addListener(listener);
      }
    }
    registerFlags(registry);
  }

  private double ageMillis() {
    Instant loaded = engine.catalogLoadedAt().orElse(null);
    return loaded == null ? Double.NaN : Math.max(0, clock.millis() - loaded.toEpochMilli());
  }

  /**
   * Registers the meters of every flag and variant the engine counts that this registry lacks. Each meter
   * then reads its one count (not a whole {@code stats()} copy per meter and scrape).
   */
  private void registerFlags(MeterRegistry registry) {
    Set<String> done = registered.computeIfAbsent(registry, r -> ConcurrentHashMap.newKeySet());
    engine.stats().evaluationCounts().forEach((flag, byVariant) -> {
      if (done.add(flag)) {
        FunctionCounter.builder("turnout.errors", engine, e -> e.errorCount(flag))
            .description("Evaluations of the flag that failed inside Turnout").tags(tags).tag("flag", flag)
            .register(registry);
      }
      for (String variant : byVariant.keySet()) {
        if (done.add(flag + '\u0000' + variant)) {
          FunctionCounter.builder("turnout.evaluations", engine, e -> e.evaluationCount(flag, variant))
              .description("Evaluations of the flag that served the variant").tags(tags).tag("flag", flag)
              .tag("variant", variant).register(registry);
        }
      }
    });
  }

  /** Stops registering meters for flags that later catalogs add; the meters registered stay. */
  @Override
  public synchronized void close() {
    if (listening) {
      listening = false;
      engine.removeListener(listener);
    }
  }
}
