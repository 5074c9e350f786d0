package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the agent every gated method runs its original body, even when the catalog switches every
 * flag on for everyone: the application then behaves as it did before any flag existed.
 */
class WithoutAgentIT {

  private static final String ALL_ON = String.join("\n",
      "package: dev.turnout.sample",
      "flags:",
      "  product-TASKS-103-comments: { default: on }",
      "  api-count-field: { default: on }",
      "  disable-registration: { default: on }",
      "  log-level: { variants: { quiet: WARNING, normal: INFO, debug: FINE }, default: debug }",
      "  task-form-experiment: { variants: [classic, compact, guided], default: guided }",
      "");

  @Test
  void everyGatedMethodTakesItsOriginalTrack(@TempDir Path dir) throws Exception {
    try (SampleFixture sample = SampleFixture.withoutAgent(dir, "production", ALL_ON)) {
      Http http = sample.http;
      assertThat(http.get(null, "api/flags").json().get("catalogVersion")).as("the catalog is read").isEqualTo(1);

      assertThat(http.get("ann", "tasks").body()).contains("Plan the next release").doesNotContain("comments-link");
      assertThat(http.get("ann", "tasks/1/comments").status()).isEqualTo(404);
      assertThat(http.get("ann", "api/tasks/1/comments").status()).isEqualTo(404);
      assertThat(http.get("bob", "api/tasks").json()).containsOnlyKeys("tasks");
      assertThat(http.postJson(null, "api/users", Map.of("name", "eve", "email", "eve@customer.org")).status())
          .isEqualTo(201);
      assertThat(http.get("ann", "tasks/new").body()).contains("data-variant=\"classic\"");
      assertThat(http.get(null, "api/status").json()).containsEntry("logLevel", "INFO");
    }
    assertThat(tables(dir.resolve("data"))).as("the comments table ships dark").contains("USERS", "TASKS", "COMMENTS");
  }

  private static List<String> tables(Path data) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("tasks").toAbsolutePath(), "sa", "");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
