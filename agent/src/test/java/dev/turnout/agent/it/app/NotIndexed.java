package dev.turnout.agent.it.app;

import dev.turnout.FeatureFlag;

/** Gated, but not in the index: the agent leaves it alone. */
public class NotIndexed {

  @FeatureFlag(value = "shapes", alternate = "valueAlternate")
  public String value() {
    return "original";
  }

  public String valueAlternate() {
    return "alternate";
  }
}
