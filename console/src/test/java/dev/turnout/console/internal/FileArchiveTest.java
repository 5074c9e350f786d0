package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archive on a catalog file, over HTTP; and a file console has no fleet page. */
class FileArchiveTest {

  @Test
  void anAdminArchivesAFlagInTheFileWithDiffReasonAndAuditRecord(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of("../sample-app/flags.yaml"), catalog);
    Users users = new Users(dir.resolve("users.json"), 4);
    users.putUser("ann", Browser.PASSWORD.toCharArray(), Users.parseRoles("admin"));
    try (ConsoleServer server = new ConsoleServer(new ConsoleConfig(catalog, users.file(), "127.0.0.1", 0, null,
        Set.of(), List.of(), null, false, false, null)).start()) {
      Browser ann = new Browser(server.port()).loggedIn("ann");
      String before = Files.readString(catalog);
      String revision = ann.revision("api-count-field");
      Map<String, String> form = new LinkedHashMap<>(Map.of("action", "archive", "flag", "api-count-field",
          "revision", revision, "csrf", ann.csrf));
      HttpResponse<String> preview = ann.post("/changes/preview", form);
      assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
      assertThat(preview.body()).contains("+    enabled: false").contains("+    tags: [archived]")
          .contains("turnout remove api-count-field").contains("This is the change to the catalog file flags.yaml:")
          .doesNotContain("etcd");
      assertThat(Files.readString(catalog)).isEqualTo(before);

      form.put("reason", "the count field is in every client now");
      HttpResponse<String> saved = ann.post("/changes/apply", form);

      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      assertThat(saved.body()).contains("is off in every environment and tagged archived");
      assertThat(ConsoleEtcdTest.changedLines(before, Files.readString(catalog))).containsExactlyInAnyOrder(
          "+  # archived: off everywhere; remove its code with `turnout remove api-count-field`, which also deletes "
              + "this entry",
          "+    tags: [archived]",
          "+    enabled: false");
      assertThat(AuditTrail.read(CatalogStore.auditFile(catalog), 1)).singleElement().satisfies(e -> {
        assertThat(e.action()).isEqualTo("Archive 'api-count-field'");
        assertThat(e.reason()).isEqualTo("the count field is in every client now");
        assertThat(e.user()).isEqualTo("ann");
      });

      HttpResponse<String> fleet = ann.get("/fleet");
      assertThat(fleet.statusCode()).isEqualTo(404);
      assertThat(fleet.body()).contains("--source etcd://HOST:PORT/KEY");
      assertThat(ann.get("/flags").body()).doesNotContain("href=\"/fleet\"");
    }
  }
}
