package dev.turnout.spring.agent;

import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.spring.internal.EngineSetup;
import dev.turnout.spring.servlet.ServletSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application {@code AgentEngineIT} starts in a JVM of its own, under the agent. */
@SpringBootApplication(proxyBeanMethods = false)
@Import(ServletSecurity.class)
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
}
