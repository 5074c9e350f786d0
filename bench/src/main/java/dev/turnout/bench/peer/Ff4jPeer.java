package dev.turnout.bench.peer;

import java.util.Map;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.core.FeatureStore;
import org.ff4j.core.FlippingExecutionContext;
import org.ff4j.strategy.AbstractFlipStrategy;
import org.ff4j.strategy.PonderationStrategy;

/**
 * FF4J with its in-memory feature store. FF4J has no sticky percentage: its {@link PonderationStrategy}
 * draws a random number per call. The typical flag is a strategy written for the benchmark (the plan
 * rule, else the ponderation), so this row measures FF4J's overhead, not a comparable rollout.
 */
final class Ff4jPeer implements Peer {

  /** The plan rule, then FF4J's built-in (random) ponderation. */
  static final class PlanOrPonderation extends AbstractFlipStrategy {

    private static final long serialVersionUID = 1L;

    private final PonderationStrategy ponderation = new PonderationStrategy(Typical.PERCENT / 100.0);

    @Override
    public void init(String featureName, Map<String, String> initParam) {
      super.init(featureName, initParam);
    }

    @Override
    public boolean evaluate(String featureName, FeatureStore store, FlippingExecutionContext context) {
      Object plan = context == null ? null : context.getValue("plan", false);
      if ("pro".equals(plan) || "enterprise".equals(plan)) {
        return true;
      }
      return ponderation.evaluate(featureName, store, context);
    }
  }

  private final FF4j ff4j = new FF4j();

  Ff4jPeer() {
    Feature feature = new Feature(Typical.KEY, true);
    feature.setFlippingStrategy(new PlanOrPonderation());
    ff4j.createFeature(feature);
  }

  @Override
  public String name() {
    return "ff4j";
  }

  @Override
  public boolean sticky() {
    return false;
  }

  @Override
  public Object context(String key, String plan) {
    FlippingExecutionContext context = new FlippingExecutionContext();
    context.putString("key", key);
    context.putString("plan", plan);
    return context;
  }

  @Override
  public boolean isEnabled(Object context) {
    return ff4j.check(Typical.KEY, (FlippingExecutionContext) context);
  }
}
