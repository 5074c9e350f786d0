package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt catalog never stops the application: it keeps serving, with the last good flags or the fallbacks. */
class CorruptCatalogIT {

  @Test
  void aCorruptEditIsRejectedWholeTheAppKeepsServingAndAFixAppliesWithinOneSecond(@TempDir Path dir)
      throws Exception {
    try (SampleFixture sample = SampleFixture.withAgent(dir, "production")) {
      long version = sample.catalogVersion();
      sample.catalog.write(sample.catalog.original()
          .replace("rollout: { on: 0, off: 100 }", "rollout: { on: 100, off: 100 }")
          .replace("op: ends_with", "op: ends_wiht"));

      Eventually.within(Eventually.ONE_SECOND, () ->
          assertThat((String) sample.http.get(null, "api/status").json().get("lastError")).contains("ends_wiht"));
      assertThat(sample.catalogVersion()).isEqualTo(version);
      assertThat(sample.http.get("ann", "tasks").body()).as("the last good catalog").contains("comments-link");
      assertThat(sample.http.get("bob", "tasks").body()).doesNotContain("comments-link");
      assertThat(sample.http.get("ann", "flags").body()).contains("id=\"catalog-error\"").contains("ends_wiht");

      sample.catalog.write("flags: { product-TASKS-103-comments: [ unclosed");
      Eventually.within(Eventually.ONE_SECOND, () ->
          assertThat((String) sample.http.get(null, "api/status").json().get("lastError")).doesNotContain("ends_wiht"));
      assertThat(sample.http.get("bob", "api/tasks").json()).containsKey("count");
      assertThat(sample.http.postJson("ann", "api/tasks", Map.of("title", "Still serving")).status()).isEqualTo(201);

      sample.catalog.write(sample.catalog.original().replace("rollout: { on: 0, off: 100 }", "rollout: { on: 100, off: 0 }"));
      Eventually.within(Eventually.ONE_SECOND, () -> assertThat(sample.http.get("bob", "tasks").body()).contains("comments-link"));
      assertThat(sample.http.get(null, "api/status").json().get("lastError")).isNull();
    }
  }

  @Test
  void startsAndServesTheOriginalTracksWithACorruptCatalog(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, "flags:\n  product-TASKS-103-comments: {enabled: true, default: on\n");
    Files.createDirectories(dir.resolve("data"));
    try (SampleProcess app = SampleProcess.withAgent(catalog, "production", dir.resolve("data"))) {
      Http http = new Http(app.base());
      Http.Reply tasks = http.get("ann", "tasks");
      assertThat(tasks.status()).isEqualTo(200);
      assertThat(tasks.body()).contains("Switch comments on for everyone").doesNotContain("comments-link");
      assertThat(http.get("bob", "api/tasks").json()).containsOnlyKeys("tasks");
      assertThat(http.postJson(null, "api/users", Map.of("name", "eve", "email", "eve@customer.org")).status())
          .isEqualTo(201);
      assertThat(app.output()).anyMatch(line -> line.contains("rejected catalog"));
    }
  }
}
