package dev.turnout.internal.engine;

import dev.turnout.internal.catalog.Catalog;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What compiled matchers of one snapshot share beyond the catalog: the random source of random
 * stickiness, one slot per flag for conditions on other flags (filled once every flag is compiled), and
 * each segment's compiled matcher.
 */
final class Links {

  /** For compiling outside a snapshot: no flags to refer to, a real random source. */
  static final Links NONE = new Links(Compiler.DEFAULT_RANDOM, false);

  final RandomGenerator random;
  private final Map<String, CompiledFlag[]> slots = new HashMap<>();
  /**
   * Each segment compiled once per snapshot, shared by every condition naming it, so that compiling is
   * linear in the catalog however often a segment is named (null for {@link #NONE}, which outlives catalogs).
   */
  private final Map<Catalog.Segment, Matcher> segments;

  Links(RandomGenerator random) {
    this(random, true);
  }

  private Links(RandomGenerator random, boolean shareSegments) {
    this.random = random;
    this.segments = shareSegments ? new IdentityHashMap<>() : null;
  }

  /** The compiled segment, compiled by {@code compile} the first time it is asked for. */
  Matcher segment(Catalog.Segment segment, Supplier<Matcher> compile) {
    if (segments == null) {
      return compile.get();
    }
    synchronized (segments) {
      Matcher m = segments.get(segment);
      if (m != null) {
        return m;
      }
    }
    Matcher m = compile.get(); // not under the lock: a segment's segments are compiled on the way
    synchronized (segments) {
      Matcher known = segments.putIfAbsent(segment, m);
      return known != null ? known : m;
    }
  }

  /** The slot the flag {@code key} is put in once compiled (stays empty when there is no such flag). */
  synchronized CompiledFlag[] slot(String key) {
    return slots.computeIfAbsent(key, k -> new CompiledFlag[1]);
  }

  /** Fills the slots from the compiled flags. */
  synchronized void fill(Map<String, CompiledFlag> flags) {
    slots.forEach((key, slot) -> slot[0] = flags.get(key));
  }
}
