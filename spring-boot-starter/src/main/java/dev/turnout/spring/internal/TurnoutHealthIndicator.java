package dev.turnout.spring.internal;

import dev.turnout.FlagEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code turnout} health: DOWN while no catalog is in force (every flag serves its fallback), UP once one
 * is. Details: the source, the catalog version and age, the last error when the newest catalog read was
 * refused, and, for a store with revisions (etcd), whether this instance is behind the store's newest
 * revision.
 */
public final class TurnoutHealthIndicator extends AbstractHealthIndicator {

  private final EngineSetup setup;
  private final Clock clock;

  public TurnoutHealthIndicator(EngineSetup setup) {
    this(setup, Clock.systemUTC());
  }

  TurnoutHealthIndicator(EngineSetup setup, Clock clock) {
    super("Turnout health check failed");
    this.setup = setup;
    this.clock = clock;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    FlagEngine engine = setup.engine();
    Instant loaded = engine.catalogLoadedAt().orElse(null);
    if (loaded == null) {
      builder.down().withDetail("reason", "no catalog in force: every flag serves its fallback");
    } else {
      builder.up().withDetail("catalogVersion", engine.catalogVersion())
          .withDetail("catalogAge", Duration.between(loaded, clock.instant()).withNanos(0).toString());
    }
    builder.withDetail("source", engine.source().name());
    engine.lastError().ifPresent(e -> builder.withDetail("lastError",
        e.problems().stream().map(Object::toString).toList()));
    TrackingSource tracking = setup.tracking();
    if (tracking != null && tracking.latestRead() > 0) {
      builder.withDetail("revision", tracking.applied())
          .withDetail("behind", tracking.applied() < tracking.latestRead());
    }
  }
}
