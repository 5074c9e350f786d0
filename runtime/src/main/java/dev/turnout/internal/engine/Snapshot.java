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
  /**
   * The flags by key in an open-addressing table of a power-of-two size, at most half full, probed from
   * the slot of the key's hash code: where a key that is not the flag's own string (built or read at run
   * time) is found. A key written as a literal is found in {@link #byIdentity} first.
   */
  private final CompiledFlag[] table;
  /**
   * The same flags by their interned key's reference: an open-addressing table of the same size, probed
   * from the slot of the key's identity hash and compared by {@code ==}. Every flag is in it, so a key
   * written as a literal is always found here, whatever other keys share its slot, without
   * {@code String.hashCode} or {@code equals}. Compiled, {@code String.hashCode} is a vectorized loop for a
   * hash not yet cached on recent JDKs, and inlined into every evaluation it would make the evaluation too
   * large to inline into its caller (see {@code CompiledFlag.evaluate}). When this table kept one flag per
   * slot, a hot key whose slot another flag had taken went the hash code's way on every call, 4 to 5 ns
   * more (the bench's 1,000-flag column); identity hashes are the same from run to run of the same
   * program, so it was the same key every time.
   */
  private final CompiledFlag[] byIdentity;
  private final int size;
  private final long version;
  private final Instant loadedAt;

  Snapshot(Catalog catalog, String environment, Map<String, CompiledFlag> flags, long version, Instant loadedAt) {
    this.catalog = catalog;
    this.environment = environment;
    this.table = tableOf(flags);
    this.byIdentity = identityTableOf(table);
    this.size = flags.size();
    this.version = version;
    this.loadedAt = loadedAt;
  }

  /** A snapshot without flags: every evaluation is FLAG_NOT_FOUND, so callers' fallbacks apply. */
  public static Snapshot empty(String environment) {
    return new Snapshot(null, environment, Map.of(), 0, null);
  }

  private static CompiledFlag[] tableOf(Map<String, CompiledFlag> flags) {
    int capacity = Integer.highestOneBit(Math.max(2, flags.size()) * 2 - 1) << 1; // over twice the size
    CompiledFlag[] t = new CompiledFlag[capacity];
    int mask = capacity - 1;
    for (CompiledFlag f : flags.values()) {
      int i = spread(f.key.hashCode()) & mask;
      while (t[i] != null) {
        i = (i + 1) & mask;
      }
      t[i] = f;
    }
    return t;
  }

  private static CompiledFlag[] identityTableOf(CompiledFlag[] table) {
    CompiledFlag[] t = new CompiledFlag[table.length];
    int mask = t.length - 1;
    for (CompiledFlag f : table) {
      if (f != null) {
        int i = spread(System.identityHashCode(f.key)) & mask;
        while (t[i] != null) {
          i = (i + 1) & mask;
        }
        t[i] = f;
      }
    }
    return t;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The compiled flag, or null (also for a null key). */
  public CompiledFlag flag(String key) {
    if (key == null) {
      return null;
    }
    // The usual case in straight-line code: a key written as a literal is the flag's interned key, found by
    // reference. Small enough to inline into an evaluation's caller; the rest is a call away.
    CompiledFlag f = byReference(key);
    return f != null ? f : byHash(key);
  }

  /** The flag whose key is this very string (the interned key, as a literal is), or null. */
  CompiledFlag byReference(String key) {
    CompiledFlag[] t = byIdentity;
    int mask = t.length - 1;
    int i = spread(System.identityHashCode(key)) & mask;
    CompiledFlag f;
    while ((f = t[i]) != null) {
      if (f.key == key) {
        return f;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  private CompiledFlag byHash(String key) {
    CompiledFlag[] t = table;
    int mask = t.length - 1;
    int i = spread(key.hashCode()) & mask;
    CompiledFlag f;
    while ((f = t[i]) != null) {
      if (f.key.equals(key)) {
        return f;
      }
      i = (i + 1) & mask;
    }
    return null;
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
    return size;
  }
}
