package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without {@code env=} the sample runs in {@code development}, where everyone has comments. */
class DefaultEnvironmentIT {

  @Test
  void withoutEnvTheEnvironmentIsDevelopment(@TempDir Path dir) throws Exception {
    CatalogFile catalog = SampleFixture.copyOfSample(dir);
    try (SampleProcess app = SampleProcess.withAgent(catalog.path(), null, Files.createDirectories(dir.resolve("data")))) {
      Http http = new Http(app.base());
      assertThat(http.get(null, "api/status").json()).containsEntry("environment", "development");
      assertThat(http.get("bob", "tasks").body()).as("development: everyone has comments").contains("comments-link");
      assertThat(http.get("bob", "tasks/1/comments").status()).isEqualTo(200);
    }
  }
}
