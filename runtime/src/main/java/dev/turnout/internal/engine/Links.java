package dev.turnout.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What compiled matchers of one snapshot share beyond the catalog: the random source of random
 * stickiness, and one slot per flag for conditions on other flags, filled once every flag is compiled.
 */
final class Links {

  /** For compiling outside a snapshot: no flags to refer to, a real random source. */
  static final Links NONE = new Links(Compiler.DEFAULT_RANDOM);

  final RandomGenerator random;
  private final Map<String, CompiledFlag[]> slots = new HashMap<>();

  Links(RandomGenerator random) {
    this.random = random;
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
