package dev.turnout.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {

  @Test
  void readsQueryAndFormParametersDecodedAndStripped() {
    Request r = new Request("POST", "/tasks", "from=query&title=ignored",
        Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=UTF-8")),
        "title=+Buy+milk+%26+bread+&variant=compact".getBytes(StandardCharsets.UTF_8), null, null);
    assertThat(r.param("from")).isEqualTo("query");
    assertThat(r.param("title")).as("the query wins, as it is read first").isEqualTo("ignored");
    assertThat(r.param("variant")).isEqualTo("compact");
    assertThat(r.param("missing")).isEmpty();
  }

  @Test
  void readsTopLevelScalarsOfAJsonBody() {
    Request r = new Request("POST", "/api/tasks", null, Map.of("content-type", List.of("application/json")),
        "{\"title\":\"Write docs\",\"n\":3,\"nested\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8), null, null);
    assertThat(r.param("title")).isEqualTo("Write docs");
    assertThat(r.param("n")).isEqualTo("3");
    assertThat(r.param("nested")).isEmpty();
    assertThat(r.isApi()).isTrue();
  }

  @Test
  void aBodyThatIsNotJsonGivesNoParameters() {
    Request r = new Request("POST", "/api/tasks", null, Map.of("Content-Type", List.of("application/json")),
        "{not json".getBytes(StandardCharsets.UTF_8), null, null);
    assertThat(r.param("title")).isEmpty();
  }

  @Test
  void findsCookiesAndHeadersCaseInsensitively() {
    Request r = new Request("GET", "/", null, Map.of("COOKIE", List.of("theme=dark; user=ann ; x=1")),
        new byte[0], null, null);
    assertThat(r.cookie("user")).contains("ann");
    assertThat(r.cookie("nobody")).isEmpty();
    assertThat(r.header("cookie")).isPresent();
  }
}
