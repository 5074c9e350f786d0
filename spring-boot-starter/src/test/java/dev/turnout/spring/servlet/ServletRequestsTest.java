package dev.turnout.spring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.junit.VaryFlag;
import dev.turnout.junit.WithFlag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real Tomcat on a random port with one worker thread (and one async thread), so that consecutive requests
 * run on the same pooled thread: what one request bound must be gone for the next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
    "spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
    "turnout.web.request-attributes=tenant",
    "management.endpoints.web.exposure.include=turnout,health", "management.endpoint.health.show-components=always",
    "management.endpoint.health.show-details=always"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServletRequestsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Autowired
  MeterRegistry registry;

  private HttpResponse<String> get(String path, String user, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":pw")
          .getBytes(StandardCharsets.UTF_8)));
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String seen(String path, String user, String... headers) throws Exception {
    HttpResponse<String> r = get(path, user, headers);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static String thread(String seen) {
    return seen.substring(seen.indexOf("thread="));
  }

  @Test
  @Order(1)
  @WithFlag(value = "checkout-flow", variant = "v3")
  void aTestsPinsReachRequestsOnTheServersThreads() throws Exception {
    assertThat(seen("/seen", "bob")).startsWith("key=bob tenant=null beta=false flow=v3 ");
    assertThat(seen("/async", "bob")).startsWith("key=bob tenant=null beta=false flow=v3 ");
  }

  @Order(2)
  @VaryFlag("checkout-flow")
  void eachVariantOfAVariedTestReachesTheServer(String variant) throws Exception {
    assertThat(seen("/seen", null)).contains(" flow=" + variant + " ");
  }

  @Test
  @Order(3)
  void theAuthenticatedUserIsTheTargetingKeyAndNothingOutlivesItsRequest() throws Exception {
    String ann = seen("/seen", "ann", "X-Tenant", "acme");
    assertThat(ann).startsWith("key=ann tenant=acme beta=true flow=v1 ");
    String anonymous = seen("/seen", null);
    assertThat(thread(anonymous)).as("the same pooled thread").isEqualTo(thread(ann));
    assertThat(anonymous).as("no pin of an earlier test either").startsWith("key=null tenant=null beta=false flow=v1 ");
  }

  @Test
  @Order(4)
  void aRequestThatThrowsOrLeavesABindingOpenLeavesNothingBehind() throws Exception {
    assertThat(get("/boom", "ann").statusCode()).isEqualTo(500);
    assertThat(seen("/seen", null)).startsWith("key=null ");
    assertThat(seen("/leave-open", "ann")).startsWith("key=left-open ");
    assertThat(seen("/seen", null)).startsWith("key=null ");
  }

  @Test
  @Order(5)
  void anAsyncRequestsCallableRunsWithTheRequestsContextAndLeavesNothing() throws Exception {
    String request = seen("/seen", "ann");
    String ann = seen("/async", "ann");
    assertThat(ann).startsWith("key=ann tenant=null beta=true ");
    assertThat(thread(ann)).as("the callable runs on the async executor").isNotEqualTo(thread(request));
    String anonymous = seen("/async", null);
    assertThat(thread(anonymous)).isEqualTo(thread(ann));
    assertThat(anonymous).startsWith("key=null tenant=null beta=false ");
  }

  @Test
  @Order(6)
  void theActuatorShowsTheCatalogAndItsHealth() throws Exception {
    String turnout = seen("/actuator/turnout", null);
    assertThat(turnout).contains("\"source\":\"classpath:turnout/flags.yaml\"", "\"version\":1",
        "\"beta\":{\"enabled\":true,\"variants\":[\"on\",\"off\"],\"default\":\"off\"",
        "\"description\":\"the beta pages\"", "\"lastRefusal\":null");
    assertThat(seen("/actuator/turnout/checkout-flow", null)).contains("\"variants\":[\"v1\",\"v2\",\"v3\"]");
    assertThat(get("/actuator/turnout/no-such-flag", null).statusCode()).isEqualTo(404);
    String health = seen("/actuator/health/turnout", null);
    assertThat(health).contains("\"status\":\"UP\"", "\"catalogVersion\":1", "\"catalogAge\":\"PT");
  }

  @Test
  @Order(7)
  void theEnginesMetersAreBoundToTheApplicationsRegistry() throws Exception {
    assertThat(registry.get("turnout.catalog.version").gauge().value()).isEqualTo(1.0);
    double before = registry.get("turnout.evaluations").tag("flag", "beta").tag("variant", "on").functionCounter().count();
    seen("/seen", "ann");
    assertThat(registry.get("turnout.evaluations").tag("flag", "beta").tag("variant", "on").functionCounter().count())
        .isEqualTo(before + 1);
  }
}
