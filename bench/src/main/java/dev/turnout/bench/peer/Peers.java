package dev.turnout.bench.peer;

import java.util.List;

/** The systems compared, by the names the benchmarks take as a parameter. */
public final class Peers {

  /** Every system, Turnout first, then the baselines, then the peers. */
  public static final List<String> NAMES = List.of(
      "turnout", "static-final-boolean", "hand-written",
      "togglz", "ff4j", "launchdarkly", "unleash", "openfeature-flagd");

  private Peers() {}

  /** A started system; close it when done. */
  public static Peer create(String name) throws Exception {
    return switch (name) {
      case "turnout" -> new TurnoutPeer();
      case "static-final-boolean" -> new StaticFinal();
      case "hand-written" -> new HandWritten();
      case "togglz" -> new TogglzPeer();
      case "ff4j" -> new Ff4jPeer();
      case "launchdarkly" -> new LaunchDarklyPeer();
      case "unleash" -> new UnleashPeer();
      case "openfeature-flagd" -> new FlagdPeer();
      default -> throw new IllegalArgumentException("unknown system '" + name + "' (known: " + NAMES + ")");
    };
  }
}
