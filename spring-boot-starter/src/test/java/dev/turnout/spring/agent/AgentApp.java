package dev.turnout.spring.agent;

import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.spring.internal.EngineSetup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application {@code AgentEngineIT} starts in a JVM of its own, under the agent. */
@SpringBootApplication(proxyBeanMethods = false)
public class AgentApp {

  /** Starts, then prints which engine the starter took, for the test to read. */
  public static void main(String[] args) {
    ConfigurableApplicationContext context = SpringApplication.run(AgentApp.class, args);
    EngineSetup setup = context.getBean(EngineSetup.class);
    System.out.println("TURNOUT origin=" + setup.origin() + " bootstrap=" + (Turnout.class.getClassLoader() == null)
        + " same=" + (context.getBean(FlagEngine.class) == Turnout.engine()) + " port="
        + context.getEnvironment().getProperty("local.server.port") + " source=" + setup.engine().source().name());
  }

  @RestController
  static class Probe {

    @GetMapping("/seen")
    String seen() {
      EvaluationContext c = Turnout.currentContext();
      return "key=" + c.targetingKey() + " beta=" + Turnout.isEnabled("beta") + " flow="
          + Turnout.variant("checkout-flow");
    }
  }

  @Bean
  SecurityFilterChain chain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).httpBasic(Customizer.withDefaults())
        .csrf(c -> c.disable()).build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(User.withUsername("ann").password("{noop}pw").roles("USER").build());
  }
}
