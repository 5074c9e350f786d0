package dev.turnout.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.spring.TurnoutActuatorAutoConfiguration;
import dev.turnout.spring.TurnoutAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator and the endpoint over an engine whose store has revisions (as etcd has). */
class TurnoutHealthIndicatorTest {

  private static final String GOOD = "flags:\n  beta: { default: on }\n";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TurnoutAutoConfiguration.class, TurnoutActuatorAutoConfiguration.class))
      .withPropertyValues("turnout.source=memory://shop", "management.endpoints.jmx.exposure.include=turnout",
          "spring.jmx.enabled=true");

  private FlagEngine before;

  @BeforeEach
  void emptyStore() {
    MemoryStore.reset();
    before = Turnout.install(null);
  }

  @AfterEach
  void restore() {
    Turnout.install(before);
    MemoryStore.reset();
  }

  @Test
  void downWithoutACatalogUpWithOneAndBehindWhenTheStoresNewestIsRefused() {
    runner.run(context -> {
      TurnoutHealthIndicator health = context.getBean(TurnoutHealthIndicator.class);
      TurnoutEndpoint endpoint = context.getBean(TurnoutEndpoint.class);
      Health h = health.health(true);
      assertThat(h.getStatus()).isEqualTo(Status.DOWN);
      assertThat(h.getDetails()).containsEntry("reason", "no catalog in force: every flag serves its fallback")
          .containsEntry("source", "memory://shop").doesNotContainKey("behind");

      MemoryStore.publish(GOOD);
      h = health.health(true);
      assertThat(h.getStatus()).isEqualTo(Status.UP);
      assertThat(h.getDetails()).containsEntry("catalogVersion", 1L).containsEntry("revision", 1L)
          .containsEntry("behind", false).doesNotContainKey("lastError").containsKey("catalogAge");
      assertThat(endpoint.turnout()).containsEntry("lastRefusal", null).containsEntry("lastError", null);

      MemoryStore.publish("flags:\n  beta: { default: maybe }\n");
      h = health.health(true);
      assertThat(h.getStatus()).as("the last good catalog serves").isEqualTo(Status.UP);
      assertThat(h.getDetails()).containsEntry("catalogVersion", 1L).containsEntry("revision", 1L)
          .containsEntry("behind", true);
      assertThat(h.getDetails().get("lastError").toString()).contains("memory://shop", "maybe");
      Map<String, Object> turnout = endpoint.turnout();
      assertThat(turnout).containsEntry("engine", "properties");
      assertThat(turnout.get("catalog")).isEqualTo(Map.of("version", 1L, "loadedAt",
          context.getBean(FlagEngine.class).catalogLoadedAt().orElseThrow().toString(), "reloads", 1L, "refused", 1L,
          "revision", 1L, "latestRevision", 2L));
      assertThat(turnout.get("lastRefusal").toString()).contains("maybe");

      MemoryStore.publish("flags:\n  beta: { default: off }\n");
      h = health.health(true);
      assertThat(h.getDetails()).containsEntry("catalogVersion", 2L).containsEntry("revision", 3L)
          .containsEntry("behind", false).doesNotContainKey("lastError");
      turnout = endpoint.turnout();
      assertThat(turnout).containsEntry("lastError", null);
      assertThat(turnout.get("lastRefusal").toString()).as("remembered").contains("maybe");
      assertThat(endpoint.flag("beta")).containsEntry("default", "off").containsEntry("enabled", true);
      assertThat(endpoint.flag("gamma")).isNull();
    });
  }
}
