package dev.turnout.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.micrometer.TurnoutMetrics;
import dev.turnout.spring.internal.EngineSetup;
import dev.turnout.spring.internal.ServletBinding;
import dev.turnout.spring.internal.TurnoutEndpoint;
import dev.turnout.spring.internal.TurnoutHealthIndicator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TurnoutAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
      AutoConfigurations.of(TurnoutAutoConfiguration.class, TurnoutActuatorAutoConfiguration.class,
          TurnoutMetricsAutoConfiguration.class));

  private FlagEngine before;

  @BeforeEach
  void noEngineYet() {
    before = Turnout.install(null);
  }

  @AfterEach
  void restore() {
    Turnout.install(before);
  }

  @Test
  void buildsTheEngineFromTheCatalogPropertyAndInstallsItForTheContextsLifetime(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, "flags:\n  from-file: { default: on }\n");
    runner.withPropertyValues("turnout.catalog=" + catalog, "turnout.watch=false").run(context -> {
      FlagEngine engine = context.getBean(FlagEngine.class);
      assertThat(engine.source().name()).contains(catalog.getFileName().toString());
      assertThat(engine.isEnabled("from-file", EvaluationContext.anonymous())).isTrue();
      assertThat(context.getBean(EngineSetup.class).origin()).isEqualTo(EngineSetup.Origin.PROPERTIES);
      assertThat(Turnout.installed()).containsSame(engine); // gated methods and Turnout.isEnabled use it too
      assertThat(Turnout.isEnabled("from-file")).isTrue();
    });
    assertThat(Turnout.installed()).as("uninstalled with the context").isEmpty();
  }

  @Test
  void withoutPropertiesTheClassPathCatalogIsRead() {
    runner.run(context -> {
      FlagEngine engine = context.getBean(FlagEngine.class);
      assertThat(engine.flagKeys()).contains("beta", "checkout-flow");
      assertThat(engine.environment()).isNull();
    });
  }

  @Test
  void withoutTurnoutCatalogTheSystemPropertyTheAgentAndTurnoutReadIsUsed(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("features.txt");
    Files.writeString(catalog, "{\"flags\": {\"from-property\": {\"default\": \"on\"}}}");
    System.setProperty("turnout.flags", catalog.toString());
    System.setProperty("turnout.format", "json");
    try {
      runner.withPropertyValues("turnout.watch=false").run(context ->
          assertThat(context.getBean(FlagEngine.class).flagKeys()).containsExactly("from-property"));
    } finally {
      System.clearProperty("turnout.flags");
      System.clearProperty("turnout.format");
    }
  }

  @Test
  void aClassPathCatalogByName() {
    runner.withPropertyValues("turnout.catalog=classpath:other/catalog.json").run(context ->
        assertThat(context.getBean(FlagEngine.class).flagKeys()).containsExactly("json-flag"));
  }

  @Test
  void theEnvironmentIsTheActiveProfileUnlessSet() {
    runner.withPropertyValues("spring.profiles.active=staging").run(context -> {
      FlagEngine engine = context.getBean(FlagEngine.class);
      assertThat(engine.environment()).isEqualTo("staging");
      assertThat(engine.variant("greeting", EvaluationContext.anonymous())).isEqualTo("hi");
    });
    runner.withPropertyValues("spring.profiles.active=staging", "turnout.environment=production").run(context ->
        assertThat(context.getBean(FlagEngine.class).variant("greeting", EvaluationContext.anonymous()))
            .isEqualTo("hello"));
  }

  @Test
  void anEngineAlreadyInForceIsUsedNotReplaced() {
    FlagEngine existing = FlagEngine.builder().source(CatalogSource.of("mine.yaml", "flags: { mine: { default: on } }"))
        .watch(false).environment(null).build();
    Turnout.install(existing);
    runner.withPropertyValues("turnout.catalog=classpath:other/catalog.json").run(context -> {
      assertThat(context.getBean(FlagEngine.class)).isSameAs(existing);
      assertThat(context.getBean(EngineSetup.class).origin()).isEqualTo(EngineSetup.Origin.EXISTING);
    });
    assertThat(Turnout.installed()).as("left in force").containsSame(existing);
  }

  @Test
  void theApplicationsOwnEngineBeanIsTheOneEngine() {
    runner.withUserConfiguration(OwnEngine.class).run(context -> {
      assertThat(context.getBeansOfType(FlagEngine.class)).hasSize(1);
      FlagEngine own = context.getBean(FlagEngine.class);
      assertThat(own.flagKeys()).containsExactly("own");
      assertThat(context.getBean(EngineSetup.class).engine()).isSameAs(own);
      assertThat(Turnout.installed()).containsSame(own);
    });
  }

  @Test
  void badSettingsAreClearErrors() {
    runner.withPropertyValues("turnout.format=toml").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("unknown catalog format 'toml'"));
    runner.withPropertyValues("turnout.source=nosuch://x/y").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("nosuch"));
    runner.withPropertyValues("turnout.catalog=classpath:missing.yaml", "turnout.require-valid-catalog=true")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("no catalog found"));
  }

  @Test
  void aMissingCatalogStartsTheApplicationWithFallbacks() {
    runner.withPropertyValues("turnout.catalog=classpath:missing.yaml").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(FlagEngine.class).catalogVersion()).isZero();
    });
  }

  @Test
  void actuatorAndMetricsBeansWhenTheirClassesArePresent() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(TurnoutHealthIndicator.class).hasSingleBean(TurnoutMetrics.class);
      assertThat(context).doesNotHaveBean(TurnoutEndpoint.class); // not exposed: not available
    });
    runner.withPropertyValues("management.endpoints.jmx.exposure.include=turnout", "spring.jmx.enabled=true")
        .run(context -> assertThat(context).hasSingleBean(TurnoutEndpoint.class));
    runner.withPropertyValues("management.health.turnout.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(TurnoutHealthIndicator.class));
  }

  @Test
  void theRequestFilterOnlyInServletApplicationsAndOnlyWhenEnabled() {
    runner.run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TurnoutAutoConfiguration.class));
    web.run(context -> assertThat(context.getBean("turnoutBindingFilter", FilterRegistrationBean.class).getFilter())
        .isInstanceOf(ServletBinding.class));
    web.withPropertyValues("turnout.web.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean("turnoutBindingFilter"));
    web.withUserConfiguration(OwnResolver.class).run(context ->
        assertThat(context.getBean(TurnoutContextResolver.class)).isSameAs(OwnResolver.RESOLVER));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnEngine {
    @Bean
    FlagEngine myEngine() {
      return FlagEngine.builder().source(CatalogSource.of("own.yaml", "flags: { own: { default: on } }"))
          .watch(false).environment(null).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnResolver {
    static final TurnoutContextResolver RESOLVER = request -> EvaluationContext.of("fixed");

    @Bean
    TurnoutContextResolver myResolver() {
      return RESOLVER;
    }
  }
}
