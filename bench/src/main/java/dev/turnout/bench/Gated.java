package dev.turnout.bench;

import dev.turnout.FeatureFlag;

/**
 * Gated methods for {@link GatedBenchmark}, indexed for the agent in {@code META-INF/turnout/agent.idx}.
 * Each track returns a different value, so the benchmark's setup can tell which one ran.
 */
public class Gated {

  /** Gated by a flag that serves off to everyone. */
  @FeatureFlag(value = "bench-off", alternate = "plusTwo")
  public int offGate(int x) {
    return x + 1;
  }

  /** Gated by a flag that serves on to everyone. */
  @FeatureFlag(value = "bench-on", alternate = "plusTwo")
  public int onGate(int x) {
    return x + 1;
  }

  /** Gated by the typical flag: a rule on the bound context's {@code plan}, else a 10 % rollout. */
  @FeatureFlag(value = "typical-flag", alternate = "plusTwo")
  public int ruleGate(int x) {
    return x + 1;
  }

  /** The original track, not gated: what each gated method runs when its flag is off. */
  public int plusOne(int x) {
    return x + 1;
  }

  /** The alternate track of every gate, called directly. */
  public int plusTwo(int x) {
    return x + 2;
  }
}
