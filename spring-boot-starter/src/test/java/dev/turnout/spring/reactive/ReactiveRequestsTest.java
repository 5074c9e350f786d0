package dev.turnout.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.junit.WithFlag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real Reactor Netty server: the binding follows a request across threads, and leaves each thread after it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.web-application-type=reactive")
class ReactiveRequestsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":pw")
          .getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String seen(String path, String user) throws Exception {
    HttpResponse<String> r = get(path, user);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void theUserIsBoundOnEveryThreadTheRequestRunsOnAndOnNoneAfterIt() throws Exception {
    assertThat(seen("/here", "ann")).startsWith("key=ann beta=true flow=v1 thread=");
    String hop = seen("/hop", "ann");
    assertThat(hop).startsWith("key=ann beta=true flow=v1 thread=single-");
    assertThat(get("/boom", "ann").statusCode()).isEqualTo(500);
    String after = seen("/hop", null);
    assertThat(after.substring(after.indexOf("thread="))).as("the same thread").isEqualTo(hop.substring(hop.indexOf("thread=")));
    assertThat(after).startsWith("key=null beta=false ");
    assertThat(seen("/here", "bob")).startsWith("key=bob beta=false ");
  }

  @Test
  @WithFlag(value = "checkout-flow", variant = "v3")
  void aTestsPinsReachTheServersThreads() throws Exception {
    assertThat(seen("/here", "bob")).startsWith("key=bob beta=false flow=v3 ");
    assertThat(seen("/hop", null)).startsWith("key=null beta=false flow=v3 ");
  }
}
