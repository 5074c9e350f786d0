package dev.turnout.spring;

import dev.turnout.FlagEngine;
import dev.turnout.micrometer.TurnoutMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer: the engine's meters (turnout-micrometer's {@link TurnoutMetrics}, a {@code MeterBinder}
 * that Spring Boot binds to every registry). Binding starts the engine's evaluation counting.
 */
@AutoConfiguration(after = TurnoutAutoConfiguration.class)
@ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder", "dev.turnout.micrometer.TurnoutMetrics"})
@ConditionalOnBean(FlagEngine.class)
public class TurnoutMetricsAutoConfiguration {

  /** Created by Spring. */
  public TurnoutMetricsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  TurnoutMetrics turnoutMetrics(FlagEngine engine) {
    return new TurnoutMetrics(engine);
  }
}
