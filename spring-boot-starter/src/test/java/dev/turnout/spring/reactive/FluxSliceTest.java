package dev.turnout.spring.reactive;

import dev.turnout.junit.WithFlag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code @WebFluxTest}: the slice has the engine and the binding filter, and the test's pins apply. */
@WebFluxTest(ReactiveApp.Probe.class)
@WithFlag(value = "checkout-flow", variant = "v2")
class FluxSliceTest {

  @Autowired
  WebTestClient client;

  @Test
  void thePinAppliesAfterAThreadHop() {
    client.get().uri("/hop").exchange().expectStatus().isOk().expectBody(String.class)
        .value(body -> org.assertj.core.api.Assertions.assertThat(body).startsWith("key=null beta=false flow=v2 "));
  }
}
