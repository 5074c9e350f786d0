package dev.turnout.spring.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.turnout.junit.VaryFlag;
import dev.turnout.junit.WithFlag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code @WebMvcTest}: the slice has the engine and the binding filter (MockMvc runs the request on the test's
 * thread, with the test's pins).
 */
@WebMvcTest(ServletApp.Probe.class)
@WithFlag(value = "beta", variant = "off")
class SliceTest {

  @Autowired
  MockMvc mvc;

  private String seen(String user) throws Exception {
    var request = get("/seen");
    if (user != null) {
      request.principal(() -> user); // what an authentication filter sets
    }
    return mvc.perform(request).andReturn().getResponse().getContentAsString();
  }

  @Test
  void theUserIsBoundAndTheClassPinApplies() throws Exception {
    assertThat(seen("ann")).startsWith("key=ann tenant=null beta=false flow=v1 "); // ann is allowed, but pinned off
  }

  @Test
  @WithFlag(value = "beta", variant = "on")
  @WithFlag(value = "checkout-flow", variant = "v2")
  void aMethodPinWins() throws Exception {
    assertThat(seen(null)).startsWith("key=null tenant=null beta=true flow=v2 ");
  }

  @VaryFlag(value = "checkout-flow", variants = {"v2", "v3"})
  void eachVariant(String variant) throws Exception {
    assertThat(seen("bob")).startsWith("key=bob tenant=null beta=false flow=" + variant + " ");
  }
}
