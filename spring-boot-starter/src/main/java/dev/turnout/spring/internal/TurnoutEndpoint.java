package dev.turnout.spring.internal;

import dev.turnout.FlagEngine;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.ext.EngineCatalog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/turnout}: the engine's catalog (source, version, when it was applied, environment), its
 * flags and their state in that environment, the last catalog refused and the last error, and
 * {@code /actuator/turnout/{flag}} for one flag. Reading it changes nothing (it starts no counting).
 */
@Endpoint(id = "turnout")
public final class TurnoutEndpoint {

  private final EngineSetup setup;

  public TurnoutEndpoint(EngineSetup setup) {
    this.setup = setup;
  }

  @ReadOperation
  public Map<String, Object> turnout() {
    FlagEngine engine = setup.engine();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("engine", setup.origin().name().toLowerCase(java.util.Locale.ROOT));
    out.put("source", engine.source().name());
    out.put("environment", engine.environment());
    Map<String, Object> catalog = new LinkedHashMap<>();
    catalog.put("version", engine.catalogVersion());
    catalog.put("loadedAt", engine.catalogLoadedAt().map(Instant::toString).orElse(null));
    catalog.put("reloads", engine.reloadCount());
    catalog.put("refused", engine.reloadFailureCount());
    TrackingSource tracking = setup.tracking();
    if (tracking != null && tracking.latestRead() > 0) {
      catalog.put("revision", tracking.applied());
      catalog.put("latestRevision", tracking.latestRead());
    }
    out.put("catalog", catalog);
    out.put("lastError", engine.lastError().map(e -> e.problems().stream().map(Object::toString).toList())
        .orElse(null));
    Refusals.Refusal refusal = setup.refusals().last();
    out.put("lastRefusal", refusal == null ? null : Map.of("at", refusal.at().toString(), "problems",
        refusal.problems()));
    Map<String, Object> flags = new LinkedHashMap<>();
    Catalog c = EngineCatalog.of(engine);
    if (c != null) {
      c.flags().forEach((key, flag) -> flags.put(key, describe(flag, engine.environment())));
    }
    out.put("flags", flags);
    return out;
  }

  /** One flag, or null (404) when the catalog in force has no such flag. */
  @ReadOperation
  public Map<String, Object> flag(@Selector String key) {
    Catalog c = EngineCatalog.of(setup.engine());
    Catalog.Flag flag = c == null ? null : c.flags().get(key);
    return flag == null ? null : describe(flag, setup.engine().environment());
  }

  private static Map<String, Object> describe(Catalog.Flag flag, String environment) {
    Catalog.Settings settings = flag.settingsFor(environment);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("enabled", settings.isEnabled());
    out.put("variants", List.copyOf(flag.variants().keySet()));
    out.put("default", flag.defaultVariant(environment));
    out.put("off", flag.offVariant(environment));
    out.put("rules", settings.rulesOrEmpty().size());
    if (settings.percentage() != null) {
      out.put("percentage", settings.percentage() / 1000.0);
    }
    if (!settings.allowOrEmpty().isEmpty()) {
      out.put("allow", settings.allowOrEmpty().size());
    }
    if (flag.description() != null) {
      out.put("description", flag.description());
    }
    if (flag.owner() != null) {
      out.put("owner", flag.owner());
    }
    if (flag.expires() != null) {
      out.put("expires", flag.expires().toString());
    }
    return out;
  }
}
