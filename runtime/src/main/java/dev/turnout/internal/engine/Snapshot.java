package dev.turnout.internal.engine;

import dev.turnout.internal.catalog.Catalog;
import java.time.Instant;
import java.util.Map;

/**
 * An immutable compiled catalog for one environment. Evaluation reads one snapshot; a reload builds a
 * new one and swaps it in whole.
 */
public final class Snapshot {

  private final Catalog catalog;
  private final String environment;
  private final Map<String, CompiledFlag> flags;
  private final long version;
  private final Instant loadedAt;

  Snapshot(Catalog catalog, String environment, Map<String, CompiledFlag> flags, long version, Instant loadedAt) {
    this.catalog = catalog;
    this.environment = environment;
    this.flags = flags;
    this.version = version;
    this.loadedAt = loadedAt;
  }

  /** A snapshot without flags: every evaluation is FLAG_NOT_FOUND, so callers' fallbacks apply. */
  public static Snapshot empty(String environment) {
    return new Snapshot(null, environment, Map.of(), 0, null);
  }

  /** The compiled flag, or null. */
  public CompiledFlag flag(String key) {
    return flags.get(key);
  }

  /** The catalog this was compiled from, or null for the empty snapshot. */
  public Catalog catalog() {
    return catalog;
  }

  public String environment() {
    return environment;
  }

  /** 0 for the empty snapshot, then 1, 2, ... for each catalog loaded. */
  public long version() {
    return version;
  }

  /** When the catalog was loaded, or null for the empty snapshot. */
  public Instant loadedAt() {
    return loadedAt;
  }

  public int size() {
    return flags.size();
  }
}
