package dev.turnout.bench.peer;

import io.getunleash.DefaultUnleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import java.util.Optional;

/**
 * Unleash's Java client bootstrapped from a client-features document, with polling and metrics off, so
 * it never calls its server (the API address is a closed local port). The flag is a {@code default}
 * strategy constrained to {@code plan IN [pro, enterprise]}, then a {@code flexibleRollout} at 10 % with
 * {@code userId} stickiness.
 */
final class UnleashPeer implements Peer {

  private final DefaultUnleash unleash;

  UnleashPeer() {
    String features = Typical.unleashFeatures();
    UnleashConfig config = UnleashConfig.builder()
        .appName("turnout-bench")
        .instanceId("bench")
        .unleashAPI("http://127.0.0.1:9/api/")
        .toggleBootstrapProvider(() -> Optional.of(features))
        .disablePolling()
        .disableMetrics()
        .synchronousFetchOnInitialisation(false)
        .build();
    unleash = new DefaultUnleash(config);
  }

  @Override
  public String name() {
    return "unleash";
  }

  @Override
  public boolean sticky() {
    return true;
  }

  @Override
  public Object context(String key, String plan) {
    return UnleashContext.builder().userId(key).addProperty("plan", plan).build();
  }

  @Override
  public boolean isEnabled(Object context) {
    return unleash.isEnabled(Typical.KEY, (UnleashContext) context);
  }

  @Override
  public void close() {
    unleash.shutdown();
  }
}
