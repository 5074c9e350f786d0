package dev.turnout.agent.it.app;

import dev.turnout.FeatureFlag;

/** Loaded by the application's own class loaders (see {@link Loaders}). */
public class LoaderShapes {

  @FeatureFlag(value = "shapes", alternate = "trackAlternate")
  public String track() {
    return "original";
  }

  public String trackAlternate() {
    return "alternate";
  }
}
