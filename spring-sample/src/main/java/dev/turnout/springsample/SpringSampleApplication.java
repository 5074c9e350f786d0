package dev.turnout.springsample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The bookshop: books and reviews in an embedded database, orders placed through a transactional
 * service, logins for a few in-memory users. Run it under the agent so its gates follow the catalog:
 *
 * <pre>{@code
 * java -javaagent:turnout-agent.jar=flags=flags.yaml -jar turnout-spring-sample.jar
 * }</pre>
 */
@SpringBootApplication
public class SpringSampleApplication {

  /** Starts the application; Spring Boot's own arguments ({@code --server.port=0}) apply. */
  public static void main(String[] args) {
    SpringApplication.run(SpringSampleApplication.class, args);
  }
}
