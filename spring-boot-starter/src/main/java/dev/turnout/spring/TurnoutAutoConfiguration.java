package dev.turnout.spring;

import dev.turnout.FlagEngine;
import dev.turnout.spring.internal.DefaultContextResolver;
import dev.turnout.spring.internal.EngineSetup;
import dev.turnout.spring.internal.MvcAsync;
import dev.turnout.spring.internal.ReactiveBinding;
import dev.turnout.spring.internal.ServletBinding;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import reactor.core.publisher.Hooks;

/**
 * Sets Turnout up in a Spring Boot application: the flag engine (the agent's when the agent is present, else
 * one built from the {@code turnout.*} properties, see {@link TurnoutProperties}), a {@link FlagEngine} bean,
 * and the evaluation context bound to every web request (servlet or WebFlux) through a
 * {@link TurnoutContextResolver}, which an application may replace with a bean of its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(TurnoutProperties.class)
public class TurnoutAutoConfiguration {

  /** The bean name of the engine this configuration declares. */
  static final String ENGINE_BEAN = "turnoutEngine";

  /** Created by Spring. */
  public TurnoutAutoConfiguration() {}

  /** The engine and where it came from: the application's FlagEngine bean, the agent's, or a new one. */
  @Bean
  @ConditionalOnMissingBean
  EngineSetup turnoutEngineSetup(TurnoutProperties properties, Environment environment, ListableBeanFactory beans) {
    for (String name : beans.getBeanNamesForType(FlagEngine.class, true, false)) {
      if (!ENGINE_BEAN.equals(name)) {
        return EngineSetup.ofBean(beans.getBean(name, FlagEngine.class));
      }
    }
    return EngineSetup.create(properties, environment, TurnoutAutoConfiguration.class.getClassLoader());
  }

  /** The engine; closed with the context only when built from the properties. */
  @Bean(name = ENGINE_BEAN, destroyMethod = "")
  @ConditionalOnMissingBean
  FlagEngine turnoutEngine(EngineSetup setup) {
    return setup.engine();
  }

  @Bean
  @ConditionalOnMissingBean
  TurnoutContextResolver turnoutContextResolver(TurnoutProperties properties) {
    return new DefaultContextResolver(properties.getWeb().getRequestAttributes());
  }

  /** The binding of servlet requests, after Spring Security's filters (which set the user). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass({FilterRegistrationBean.class, org.springframework.web.filter.OncePerRequestFilter.class})
  @ConditionalOnBooleanProperty(name = "turnout.web.enabled", matchIfMissing = true)
  static class Servlet {

    /** Runs after every filter of the usual order, Spring Security's (-100) included. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    @Bean
    @ConditionalOnMissingBean(name = "turnoutBindingFilter")
    FilterRegistrationBean<ServletBinding> turnoutBindingFilter(TurnoutContextResolver resolver) {
      FilterRegistrationBean<ServletBinding> registration = new FilterRegistrationBean<>(new ServletBinding(resolver));
      registration.setOrder(ORDER);
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
      registration.setName("turnoutBindingFilter");
      return registration;
    }

    /** Spring MVC's async requests: the binding on the threads that run a handler's Callable. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
    static class Mvc {

      @Bean
      WebMvcConfigurer turnoutAsyncBinding() {
        return MvcAsync.configurer();
      }
    }
  }

  /** The binding of WebFlux requests, carried across threads by Reactor's context propagation. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = {"org.springframework.web.server.WebFilter", "io.micrometer.context.ContextRegistry"})
  @ConditionalOnBooleanProperty(name = "turnout.web.enabled", matchIfMissing = true)
  static class Reactive {

    /**
     * Also turns Reactor's automatic context propagation on (as {@code spring.reactor.context-propagation=auto}
     * does), so that the binding is restored around every operator of a request, on whichever thread.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveBinding turnoutReactiveBinding(TurnoutContextResolver resolver) {
      Hooks.enableAutomaticContextPropagation();
      return new ReactiveBinding(resolver);
    }
  }
}
