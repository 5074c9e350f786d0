package dev.turnout.spring.reactive;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A WebFlux application with basic-auth users; its handlers look at Turnout from other threads. */
@SpringBootApplication(proxyBeanMethods = false)
public class ReactiveApp {

  static String seen() {
    EvaluationContext c = Turnout.currentContext();
    return "key=" + c.targetingKey() + " beta=" + Turnout.isEnabled("beta") + " flow=" + Turnout.variant("checkout-flow")
        + " thread=" + Thread.currentThread().getName();
  }

  @RestController
  static class Probe {

    /** Evaluated on the event loop thread that serves the request. */
    @GetMapping("/here")
    String here() {
      return seen();
    }

    /** Evaluated after a hop to Reactor's one "single" thread, shared by every request. */
    @GetMapping("/hop")
    Mono<String> hop() {
      return Mono.just("").publishOn(Schedulers.single()).map(x -> seen());
    }

    @GetMapping("/boom")
    Mono<String> boom() {
      return Mono.just("").publishOn(Schedulers.single()).map(x -> {
        throw new IllegalStateException("boom");
      });
    }
  }
}
