package dev.turnout.spring.internal;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import dev.turnout.DecisionSource;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.spring.TurnoutProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;

/**
 * The application's one flag engine and where it came from. Under the agent, or when the JVM-wide engine is
 * set up already, that engine is used as it is; otherwise one is built from the {@code turnout.*} properties
 * and installed as the JVM-wide engine ({@link Turnout#install}), so that programmatic checks, gated methods
 * and the beans here all see the same catalog. An engine built here is uninstalled and closed with the
 * application context.
 */
public final class EngineSetup implements DisposableBean {

  private static final Log LOG = LogFactory.getLog(EngineSetup.class);

  /** How the engine came to be, as the actuator endpoint reports it. */
  public enum Origin {
    /** The agent's engine (the runtime is loaded from the agent jar on the bootstrap class path). */
    AGENT,
    /** The JVM-wide engine already in force when the application context started. */
    EXISTING,
    /** Built from the {@code turnout.*} properties and installed by this application context. */
    PROPERTIES,
    /** The application's own {@code FlagEngine} bean, installed by this application context. */
    BEAN
  }

  private final FlagEngine engine;
  private final Origin origin;
  private final TrackingSource tracking;
  private final Refusals refusals = new Refusals(Clock.systemUTC());

  private EngineSetup(FlagEngine engine, Origin origin, TrackingSource tracking) {
    this.engine = engine;
    this.origin = origin;
    this.tracking = tracking;
    engine.addListener(refusals);
  }

  /**
   * The application's own engine bean, installed as the JVM-wide engine (it replaces the agent's, if any);
   * the application closes it.
   */
  public static EngineSetup ofBean(FlagEngine engine) {
    Turnout.install(engine);
    return new EngineSetup(engine, Origin.BEAN, null);
  }

  /** The engine for the application: the agent's, the one in force, or one built from the properties. */
  public static EngineSetup create(TurnoutProperties properties, Environment environment, ClassLoader loader) {
    if (agentPresent()) {
      warnIgnored(properties, "the agent's arguments set the engine up");
      return new EngineSetup(Turnout.engine(), Origin.AGENT, null);
    }
    FlagEngine existing = Turnout.installed().orElse(null);
    if (existing != null) {
      warnIgnored(properties, "the JVM-wide engine was set up before the application context started");
      return new EngineSetup(existing, Origin.EXISTING, null);
    }
    TrackingSource source = new TrackingSource(source(properties, loader));
    FlagEngine.Builder builder = FlagEngine.builder().source(source).watch(properties.isWatch())
        .environment(environment(properties, environment));
    if (properties.isRequireValidCatalog()) {
      builder.requireValidCatalog();
    }
    if (properties.isAllowRemovingFlagsInUse()) {
      builder.allowRemovingFlagsInUse();
    }
    if (hasText(properties.getDecisions())) {
      builder.decisions(DecisionSource.named(properties.getDecisions().strip()));
    }
    FlagEngine built = builder.build();
    Turnout.install(built);
    return new EngineSetup(built, Origin.PROPERTIES, source);
  }

  /**
   * Whether this copy of the runtime was loaded from the bootstrap class path, where the agent puts it; then
   * the agent set the engine up (or sets it up on first use) from its own arguments.
   */
  static boolean agentPresent() {
    return Turnout.class.getClassLoader() == null;
  }

  private static CatalogSource source(TurnoutProperties p, ClassLoader loader) {
    CatalogFormat format = hasText(p.getFormat()) ? CatalogFormat.forOption(p.getFormat()) : null;
    if (hasText(p.getSource())) {
      if (hasText(p.getCatalog())) {
        LOG.warn("Turnout: turnout.catalog (" + p.getCatalog() + ") is ignored: turnout.source (" + p.getSource()
            + ") takes precedence");
      }
      java.util.Map<String, String> options = new java.util.LinkedHashMap<>(p.getSourceOptions());
      if (format != null) {
        options.putIfAbsent("format", format.name().toLowerCase(java.util.Locale.ROOT));
      }
      return CatalogSource.open(p.getSource().strip(), options);
    }
    String catalog = hasText(p.getCatalog()) ? p.getCatalog().strip() : System.getProperty("turnout.flags");
    if (!hasText(catalog)) {
      return CatalogSource.classpath(loader);
    }
    catalog = catalog.strip();
    if (catalog.startsWith("classpath:")) {
      String resource = catalog.substring("classpath:".length());
      while (resource.startsWith("/")) {
        resource = resource.substring(1);
      }
      return new ResourceCatalogSource(loader, resource, format);
    }
    if (format == null && !hasText(p.getCatalog()) && hasText(System.getProperty("turnout.format"))) {
      format = CatalogFormat.forOption(System.getProperty("turnout.format"));
    }
    Path path = Path.of(catalog.startsWith("file:") ? catalog.substring("file:".length()) : catalog);
    return format == null ? CatalogSource.file(path) : CatalogSource.file(path, format);
  }

  /** turnout.environment, else -Dturnout.env or TURNOUT_ENV, else the first active profile, else none. */
  static String environment(TurnoutProperties p, Environment environment) {
    if (hasText(p.getEnvironment())) {
      return p.getEnvironment().strip();
    }
    String env = System.getProperty("turnout.env");
    if (!hasText(env)) {
      env = System.getenv("TURNOUT_ENV");
    }
    if (hasText(env)) {
      return env.strip();
    }
    String[] profiles = environment.getActiveProfiles();
    return profiles.length == 0 ? null : profiles[0];
  }

  private static void warnIgnored(TurnoutProperties p, String why) {
    List<String> ignored = new ArrayList<>();
    if (hasText(p.getCatalog())) {
      ignored.add("turnout.catalog");
    }
    if (hasText(p.getSource())) {
      ignored.add("turnout.source");
    }
    if (hasText(p.getEnvironment())) {
      ignored.add("turnout.environment");
    }
    if (hasText(p.getDecisions())) {
      ignored.add("turnout.decisions");
    }
    if (!ignored.isEmpty()) {
      LOG.warn("Turnout: " + String.join(", ", ignored) + " ignored: " + why + " (one engine per JVM)");
    }
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }

  public FlagEngine engine() {
    return engine;
  }

  public Origin origin() {
    return origin;
  }

  /** The revisions the source handed out, or null when the engine was not built here. */
  TrackingSource tracking() {
    return tracking;
  }

  Refusals refusals() {
    return refusals;
  }

  /** Uninstalls and closes an engine built here; leaves any other as it is. */
  @Override
  public void destroy() {
    engine.removeListener(refusals);
    if (origin == Origin.PROPERTIES || origin == Origin.BEAN) {
      if (Turnout.installed().orElse(null) == engine) {
        Turnout.install(null);
      }
    }
    if (origin == Origin.PROPERTIES) {
      engine.close();
    }
  }
}
