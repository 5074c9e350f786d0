package dev.turnout.bench.peer;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;

/** Turnout's engine over a catalog of the typical flag and nine others, not watched. */
final class TurnoutPeer implements Peer {

  private final FlagEngine engine = FlagEngine.builder()
      .source(CatalogSource.of("bench.yaml", Typical.turnoutYaml(10)))
      .watch(false)
      .environment(null)
      .requireValidCatalog()
      .build();

  @Override
  public String name() {
    return "turnout";
  }

  @Override
  public boolean sticky() {
    return true;
  }

  @Override
  public Object context(String key, String plan) {
    return EvaluationContext.of(key).with("plan", plan);
  }

  @Override
  public boolean isEnabled(Object context) {
    return engine.isEnabled(Typical.KEY, (EvaluationContext) context);
  }

  @Override
  public void close() {
    engine.close();
  }
}
