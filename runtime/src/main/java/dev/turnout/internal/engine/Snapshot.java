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
   * The same flags by their interned key's reference, in a table twice as large (at most a quarter full):
   * each flag sits at one of two slots picked by its key's identity hash (cuckoo hashing), so a lookup
   * compares two slots by {@code ==} at most, in straight-line code, and a key written as a literal is found
   * there without {@code String.hashCode} or {@code equals}. Compiled, {@code String.hashCode} is a vectorized
   * loop for a hash not yet cached on recent JDKs, and inlined into every evaluation it would make the
   * evaluation too large to inline into its caller (see {@code CompiledFlag.evaluate}). A flag that finds
   * no place after {@value #MAX_MOVES} moves (rare at this load) is left to {@link #table}.
   *
   * <p>Why two slots: with one slot per flag, the first to claim it, a hot key whose slot another flag
   * had taken went the hash code's way on every call, 4 to 5 ns more (the bench's 1,000-flag column was the
   * slowest in every run). With linear probing, a hot key that sat further along its run made the JIT
   * compile the probe loop into the evaluation differently, about 4 ns more in one JVM of two.
   */
  private final CompiledFlag[] byIdentity;
  /** {@code 32 - log2(byIdentity.length)}: the shift that takes a key's second slot from the top bits. */
  private final int identityShift;
  private final int size;
  private final long version;
  private final Instant loadedAt;

  Snapshot(Catalog catalog, String environment, Map<String, CompiledFlag> flags, long version, Instant loadedAt) {
    this.catalog = catalog;
    this.environment = environment;
    this.table = tableOf(flags);
    this.byIdentity = new CompiledFlag[table.length * 2];
    this.identityShift = Integer.numberOfLeadingZeros(byIdentity.length) + 1;
    for (CompiledFlag f : table) {
      if (f != null) {
        placeByIdentity(f);
      }
    }
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

  /** How many flags one insertion into {@link #byIdentity} may move before it gives the flag up. */
  private static final int MAX_MOVES = 64;

  /** Puts the flag at one of its two slots, moving the flags in its way to their other slot. */
  private void placeByIdentity(CompiledFlag flag) {
    CompiledFlag[] t = byIdentity;
    int h = System.identityHashCode(flag.key);
    int slot = firstSlot(h, t.length);
    int second = secondSlot(h, identityShift);
    if (t[slot] != null && t[second] == null) {
      t[second] = flag;
      return;
    }
    CompiledFlag moving = flag; // into its first slot, free or not
    for (int moves = 0; moves < MAX_MOVES; moves++) {
      CompiledFlag there = t[slot];
      t[slot] = moving;
      if (there == null) {
        return;
      }
      moving = there;
      int hm = System.identityHashCode(moving.key);
      int a = firstSlot(hm, t.length);
      slot = slot == a ? secondSlot(hm, identityShift) : a; // the flag moved out goes to its other slot
    }
    // `moving` has no place here; table finds it by its hash code.
  }

  private static int firstSlot(int identityHash, int length) {
    return spread(identityHash) & (length - 1);
  }

  private static int secondSlot(int identityHash, int shift) {
    return (identityHash * 0x9E3779B9) >>> shift;
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
    int h = System.identityHashCode(key);
    CompiledFlag f = t[firstSlot(h, t.length)];
    if (f != null && f.key == key) {
      return f;
    }
    f = t[secondSlot(h, identityShift)];
    return f != null && f.key == key ? f : null;
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
