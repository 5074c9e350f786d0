package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.Eventually;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The release flag {@code api-count-field}: the JSON task list has a {@code count} for the beta segment only. */
class ApiCountFieldIT extends SharedSample {

  @Test
  void theBetaSegmentGetsTheCountAndJoiningItShowsWithinOneSecond() throws Exception {
    Map<String, Object> bob = sample.http.get("bob", "api/tasks").json();
    assertThat(bob).containsOnlyKeys("tasks", "count");
    assertThat(bob.get("count")).isEqualTo(((List<?>) bob.get("tasks")).size()).isEqualTo(3);
    assertThat(sample.http.get("dee", "api/tasks").json()).containsOnlyKeys("tasks");

    assertThat(sample.http.postJson("dee", "api/tasks", Map.of("title", "Count me")).status()).isEqualTo(201);
    sample.catalog.replace("keys: [bob]", "keys: [bob, dee]");

    Eventually.within(Eventually.ONE_SECOND, () ->
        assertThat(sample.http.get("dee", "api/tasks").json()).containsEntry("count", 4));
    assertThat(sample.http.get("cho", "api/tasks").json()).containsOnlyKeys("tasks");
    assertThat(sample.http.get(null, "api/tasks").status()).as("the API needs a user").isEqualTo(401);
  }
}
