package dev.turnout.spring;

import dev.turnout.spring.internal.EngineSetup;
import dev.turnout.spring.internal.TurnoutEndpoint;
import dev.turnout.spring.internal.TurnoutHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Boot Actuator: the {@code turnout} endpoint ({@code /actuator/turnout} once exposed with
 * {@code management.endpoints.web.exposure.include}) and the {@code turnout} health indicator.
 */
@AutoConfiguration(after = TurnoutAutoConfiguration.class)
@ConditionalOnBean(EngineSetup.class)
public class TurnoutActuatorAutoConfiguration {

  /** Created by Spring. */
  public TurnoutActuatorAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  @ConditionalOnAvailableEndpoint(TurnoutEndpoint.class)
  static class Endpoint {

    @Bean
    @ConditionalOnMissingBean
    TurnoutEndpoint turnoutEndpoint(EngineSetup setup) {
      return new TurnoutEndpoint(setup);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("turnout")
  static class Health {

    @Bean
    @ConditionalOnMissingBean(name = "turnoutHealthIndicator")
    TurnoutHealthIndicator turnoutHealthIndicator(EngineSetup setup) {
      return new TurnoutHealthIndicator(setup);
    }
  }
}
