package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.etcd.EtcdCatalogSource;
import dev.turnout.etcd.EtcdExtension;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.admin.AuditLog;
import dev.turnout.etcd.admin.AuditRecord;
import dev.turnout.etcd.admin.Publisher;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.testsupport.Eventually;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console with {@code --source etcd://...} against a real etcd on loopback: saves published through the etcd
 * Publisher (compare-and-swap plus audit record), a conflict between two saves, the etcd audit trail, the fleet page
 * with a real engine reporting, archive, and a viewer refused. Skipped when etcd is missing (failed with
 * TURNOUT_REQUIRE_ETCD=true).
 */
class ConsoleEtcdTest {

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  private static final String PASSWORD = Browser.PASSWORD;
  private static final String KEY = "/turnout/console-test/catalog";

  @TempDir
  static Path dir;
  static EtcdTarget target;
  static ConsoleServer server;

  @BeforeAll
  static void start() throws IOException {
    target = EtcdTarget.parse("etcd://" + etcd.hostPort() + KEY);
    new Publisher(etcd.client(), target).publish(Publisher.Request.of("flags.yaml",
        Files.readString(Path.of("../sample-app/flags.yaml"))).author("setup").reason("the sample's catalog"));
    Users users = new Users(dir.resolve("users.json"), 4); // the lowest cost: the tests log in often
    users.putUser("ann", PASSWORD.toCharArray(), Users.parseRoles("admin"));
    users.putUser("ed", PASSWORD.toCharArray(), Users.parseRoles("editor"));
    users.putUser("vic", PASSWORD.toCharArray(), Users.parseRoles("viewer"));
    ConsoleCommand.Options o = ConsoleCommand.Options.parse(new java.util.ArrayList<>(List.of(
        "--source", "etcd://" + etcd.hostPort() + KEY, "--users", users.file().toString(), "--port", "0",
        "--env", "production")));
    server = ConsoleCommand.start(o, System.err);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String stored() throws Exception {
    return kv().getValue().toString(StandardCharsets.UTF_8);
  }

  static KeyValue kv() throws Exception {
    return etcd.client().getKVClient().get(ByteSequence.from(KEY, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS)
        .getKvs().get(0);
  }

  /** The lines of {@code after} that {@code before} does not have, and the other way round (counting repeats). */
  static List<String> changedLines(String before, String after) {
    List<String> a = new java.util.ArrayList<>(before.lines().toList());
    List<String> out = new java.util.ArrayList<>();
    for (String l : after.lines().toList()) {
      if (!a.remove(l)) {
        out.add("+" + l);
      }
    }
    a.forEach(l -> out.add("-" + l));
    return out;
  }

  @Test
  void aKillSwitchIsPublishedThroughThePublisherWithItsAuditRecordAndOnlyItsLineChanges() throws Exception {
    Browser ed = browser().loggedIn("ed");
    String before = stored();
    String revision = ed.revision("disable-registration");
    assertThat(revision).isEqualTo(Long.toString(kv().getModRevision()));

    HttpResponse<String> r = ed.change(Map.of("action", "kill", "flag", "disable-registration", "env", "default",
        "enabled", "true"), revision, "spam wave: refuse sign-ups");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("Saved").contains("apply the change within about a second");
    String after = stored();
    assertThat(changedLines(before, after)).containsExactlyInAnyOrder("+    enabled: true", "-    enabled: false");
    AuditRecord newest = AuditLog.read(etcd.client(), target, 1).get(0);
    assertThat(newest.author()).isEqualTo("ed");
    assertThat(newest.reason()).isEqualTo("Switch on 'disable-registration': spam wave: refuse sign-ups");
    assertThat(newest.revision()).isEqualTo(kv().getModRevision());
    assertThat(newest.previousRevision()).isEqualTo(Long.parseLong(revision));
    assertThat(newest.changed()).containsExactly("disable-registration");

    HttpResponse<String> audit = ed.get("/audit?flag=disable-registration");
    assertThat(audit.body()).contains("spam wave: refuse sign-ups").contains("<strong>ed</strong>")
        .contains("revision " + newest.revision()).contains("+    enabled: true");
  }

  @Test
  void theSecondOfTwoSavesOnOneRevisionGetsAConflictShowingTheFirstAndNothingOfItIsPublished() throws Exception {
    Browser ann = browser().loggedIn("ann");
    Browser ed = browser().loggedIn("ed");
    String revision = ann.revision("api-count-field");
    assertThat(ed.revision("api-count-field")).isEqualTo(revision);

    HttpResponse<String> first = ann.change(Map.of("action", "allow", "flag", "api-count-field", "env", "production",
        "keys", "alice"), revision, "alice tries it");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String published = stored();

    // ed previewed on the same revision: the preview already conflicts; so does a direct apply.
    Map<String, String> form = new LinkedHashMap<>(Map.of("action", "allow", "flag", "api-count-field", "env",
        "production", "keys", "zed-tester", "revision", revision, "csrf", ed.csrf, "reason", "zed-tester tries it"));
    HttpResponse<String> second = ed.post("/changes/apply", form);

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains("Someone else changed the catalog first").contains("alice");
    assertThat(stored()).isEqualTo(published).doesNotContain("zed-tester");
    assertThat(AuditLog.read(etcd.client(), target, 10)).extracting(AuditRecord::reason)
        .noneMatch(reason -> reason.contains("zed-tester"));
  }

  @Test
  void anEditThatTheRuntimesReaderRefusesIsNotPublished() throws Exception {
    Browser ann = browser().loggedIn("ann");
    String before = stored();
    long revision = kv().getModRevision();
    HttpResponse<String> r = ann.change(Map.of("action", "rules", "flag", "log-level", "block",
        "  log-level:\n    default: loud\n    variants: { quiet: WARNING }\n"), Long.toString(revision), "typo");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("This change would break the catalog");
    assertThat(stored()).isEqualTo(before);
    assertThat(kv().getModRevision()).isEqualTo(revision);
  }

  @Test
  void aViewerIsRefusedAndNothingIsPublished() throws Exception {
    Browser vic = browser().loggedIn("vic");
    long revision = kv().getModRevision();
    Map<String, String> form = new LinkedHashMap<>(Map.of("action", "kill", "flag", "log-level", "env", "default",
        "enabled", "false", "revision", Long.toString(revision), "csrf", vic.csrf, "reason", "why not"));
    for (String route : List.of("/changes/preview", "/changes/apply")) {
      HttpResponse<String> r = vic.post(route, form);
      assertThat(r.statusCode()).as(route).isEqualTo(403);
    }
    form.put("action", "archive");
    assertThat(vic.post("/changes/apply", form).statusCode()).isEqualTo(403);
    assertThat(kv().getModRevision()).isEqualTo(revision);
    assertThat(vic.get("/fleet").statusCode()).isEqualTo(200);
  }

  @Test
  void theFleetPageListsARealEngineUpToDateThenRefusingABrokenCatalog() throws Exception {
    Browser ann = browser().loggedIn("ann");
    String key = "/turnout/console-test/fleet";
    EtcdTarget fleetTarget = EtcdTarget.parse("etcd://" + etcd.hostPort() + key);
    long good = new Publisher(etcd.client(), fleetTarget).publish(Publisher.Request.of("flags.yaml",
        "flags:\n  a:\n    default: on\n").reason("fleet test")).revision();
    ConsoleCommand.Options o = ConsoleCommand.Options.parse(new java.util.ArrayList<>(List.of(
        "--source", "etcd://" + etcd.hostPort() + key, "--users", dir.resolve("users.json").toString(), "--port", "0")));
    try (ConsoleServer fleetConsole = ConsoleCommand.start(o, System.err);
        FlagEngine engine = FlagEngine.builder().source(EtcdCatalogSource.builder(fleetTarget).app("billing-service")
            .noCache().build()).watch(true).build()) {
      Browser b = new Browser(fleetConsole.port()).loggedIn("ann");
      Eventually.within(Duration.ofSeconds(20), () -> assertThat(b.page("/fleet")).as("the engine reports revision " + good)
          .contains("billing-service").contains("up to date"));
      String up = b.page("/fleet");
      assertThat(up).contains("is at revision <strong>" + good + "</strong>").contains("1 up to date")
          .contains("Read from etcd at");
      assertThat(engine.evaluate("a", EvaluationContext.anonymous()).isEnabled()).isTrue();

      // Written around the Publisher (which would refuse it): the engine refuses it and says so.
      etcd.client().getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
          ByteSequence.from("flags:\n  a:\n    default: on\n    enabeld: false\n", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
      Eventually.within(Duration.ofSeconds(20), () -> assertThat(b.page("/fleet")).as("the engine reports the refusal")
          .contains("refused"));
      String refused = b.page("/fleet");
      assertThat(refused).contains("1 refused").contains("enabeld").contains("billing-service")
          .contains("1 publish");
      assertThat(engine.evaluate("a", EvaluationContext.anonymous()).isEnabled()).isTrue();
    }
    assertThat(ann.get("/flags").body()).contains("<a href=\"/fleet\">Fleet</a>");
  }

  @Test
  void archiveSwitchesAFlagOffEverywhereTagsItAndARunningEngineGoesOff() throws Exception {
    Browser ann = browser().loggedIn("ann");
    try (FlagEngine engine = FlagEngine.builder().source(EtcdCatalogSource.builder(target).reports(false).noCache()
        .build()).environment("development").watch(true).build()) {
      EvaluationContext insider = EvaluationContext.of("u1").with("email", "a@example.com");
      assertThat(engine.evaluate("product-TASKS-103-comments", insider).isEnabled()).isTrue();
      String revision = ann.revision("product-TASKS-103-comments");
      Map<String, String> form = new LinkedHashMap<>(Map.of("action", "archive", "flag", "product-TASKS-103-comments",
          "revision", revision, "csrf", ann.csrf));
      HttpResponse<String> preview = ann.post("/changes/preview", form);
      assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
      assertThat(preview.body()).contains("Archive").contains("turnout remove product-TASKS-103-comments")
          .contains("+    tags: [archived]").contains("+    enabled: false")
          .contains("This is the change to the catalog at the etcd key " + KEY + ":")
          .doesNotContain("catalog file");
      form.put("reason", "shipped to everyone in October");
      HttpResponse<String> saved = ann.post("/changes/apply", form);
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

      String text = stored();
      assertThat(text).containsPattern("\\n    enabled: false +# false: nobody has comments \\(shipped dark\\)")
          .contains("    tags: [archived]")
          .contains("  # archived: off everywhere; remove its code with `turnout remove product-TASKS-103-comments`");
      Eventually.within(Duration.ofSeconds(20), () -> assertThat(engine.evaluate("product-TASKS-103-comments", insider)
          .isEnabled()).as("the engine applies the archive").isFalse());
      assertThat(ann.get("/flags?tag=archived").body()).contains("product-TASKS-103-comments")
          .doesNotContain("/flags/api-count-field\"");
    }
  }

  @Test
  void aJsonCatalogInEtcdIsEditedInJsonAndOnlyItsValueChanges() throws Exception {
    String key = "/turnout/console-test/json";
    EtcdTarget jsonTarget = EtcdTarget.parse("etcd://" + etcd.hostPort() + key);
    new Publisher(etcd.client(), jsonTarget).publish(Publisher.Request.of("flags.json", JsonCatalogEditTest.CATALOG)
        .author("setup").reason("a JSON catalog"));
    ConsoleCommand.Options o = ConsoleCommand.Options.parse(new java.util.ArrayList<>(List.of(
        "--source", "etcd://" + etcd.hostPort() + key, "--users", dir.resolve("users.json").toString(), "--port", "0")));
    try (ConsoleServer jsonConsole = ConsoleCommand.start(o, System.err)) {
      Browser ed = new Browser(jsonConsole.port()).loggedIn("ed");
      String revision = ed.revision("checkout");
      Map<String, String> form = new LinkedHashMap<>(Map.of("action", "kill", "flag", "checkout", "env", "default",
          "enabled", "false", "revision", revision, "csrf", ed.csrf));
      HttpResponse<String> preview = ed.post("/changes/preview", form);
      assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
      assertThat(preview.body()).contains("This is the change to the catalog at the etcd key " + key + ":")
          .contains("+            \"enabled\": false,");

      HttpResponse<String> saved = ed.change(Map.of("action", "kill", "flag", "checkout", "env", "default",
          "enabled", "false"), revision, "checkout errors");

      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      assertThat(saved.body()).contains("Saved");
      KeyValue stored = etcd.client().getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8))
          .get(10, TimeUnit.SECONDS).getKvs().get(0);
      String text = stored.getValue().toString(StandardCharsets.UTF_8);
      assertThat(text).isEqualTo(JsonCatalogEditTest.CATALOG.replaceFirst("\"enabled\": true", "\"enabled\": false"));
      assertThat(CatalogReader.read("flags.json", text, CatalogFormat.JSON).flags().get("checkout").settingsFor(null)
          .isEnabled()).isFalse();
      AuditRecord newest = AuditLog.read(etcd.client(), jsonTarget, 1).get(0);
      assertThat(newest.author()).isEqualTo("ed");
      assertThat(newest.revision()).isEqualTo(stored.getModRevision());
      assertThat(newest.previousRevision()).isEqualTo(Long.parseLong(revision));
      assertThat(newest.changed()).containsExactly("checkout");
    }
  }

  /** A browser of its own against the console. */
  static Browser browser() {
    return new Browser(server.port());
  }
}
