package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON catalog file is edited like a YAML one: each action, in the file's own indentation, and a conflict. */
class JsonCatalogEditTest {

  static final String CATALOG = """
      {
          "flags": {
              "checkout": {
                  "description": "The new checkout",
                  "owner": "shop-team",
                  "enabled": true,
                  "default": "off",
                  "rules": [
                      { "when": { "attribute": "email", "op": "ends_with", "values": ["@example.com"] }, "serve": "on" },
                      { "serve": { "rollout": { "on": 10, "off": 90 } } }
                  ],
                  "environments": {
                      "production": { "enabled": true }
                  }
              },
              "banner": {
                  "owner": "web-team",
                  "default": "on",
                  "tags": ["ui"]
              }
          },
          "segments": {
              "beta": {
                  "keys": ["bob"]
              }
          }
      }
      """;

  @TempDir
  Path dir;
  Path file;
  ConsoleServer server;
  Browser ann;

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("flags.json");
    Files.writeString(file, CATALOG);
    Users users = new Users(dir.resolve("users.json"), 4);
    users.putUser("ann", Browser.PASSWORD.toCharArray(), Users.parseRoles("admin"));
    server = new ConsoleServer(new ConsoleConfig(file, users.file(), "127.0.0.1", 0, null, Set.of(),
        List.of("production"), null, false, false, null)).start();
    ann = Browser.notFollowingRedirects(server.port()).loggedIn("ann");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Makes the change through the console's forms; returns the file as saved. */
  String save(String... fields) throws Exception {
    Map<String, String> edit = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      edit.put(fields[i], fields[i + 1]);
    }
    HttpResponse<String> r = ann.change(edit, CatalogStore.revision(Files.readString(file)), "test " + edit.get("action"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("Saved");
    String text = Files.readString(file);
    CatalogReader.read("flags.json", text, CatalogFormat.JSON);
    return text;
  }

  static String indented(String block, int spaces) {
    return block.indent(spaces).stripTrailing();
  }

  @Test
  void theKillSwitchChangesOneValueAndThePreviewShowsTheDiff() throws Exception {
    ann.get("/flags/checkout");
    Map<String, String> form = new LinkedHashMap<>(Map.of("action", "kill", "flag", "checkout", "env", "default",
        "enabled", "false", "revision", CatalogStore.revision(CATALOG), "csrf", ann.csrf));
    HttpResponse<String> preview = ann.post("/changes/preview", form);
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("<span class=\"del\">-            \"enabled\": true,</span>",
        "<span class=\"add\">+            \"enabled\": false,</span>");
    assertThat(save("action", "kill", "flag", "checkout", "env", "default", "enabled", "false"))
        .isEqualTo(CATALOG.replaceFirst("\"enabled\": true", "\"enabled\": false"));
    assertThat(Files.readString(CatalogStore.auditFile(file))).contains("\"reason\":\"test kill\"");
  }

  @Test
  void aKillSwitchInANewEnvironmentAddsItAsTheLastMemberInTheFilesIndentation() throws Exception {
    assertThat(save("action", "kill", "flag", "banner", "env", "production", "enabled", "false")).isEqualTo(
        CATALOG.replace(indented("""
                    "tags": ["ui"]
                }""", 8), indented("""
                    "tags": ["ui"],
                    "environments": {
                        "production": {
                            "enabled": false
                        }
                    }
                }""", 8)));
  }

  @Test
  void aRampChangesTheRolloutWeightsOrAddsAPercentage() throws Exception {
    String text = save("action", "ramp", "flag", "checkout", "env", "default", "percent", "25");
    assertThat(text).isEqualTo(CATALOG.replace("{ \"on\": 10, \"off\": 90 }", "{ \"on\": 25, \"off\": 75 }"));
    assertThat(save("action", "ramp", "flag", "banner", "env", "default", "percent", "12.5")).isEqualTo(
        text.replace("\"tags\": [\"ui\"]\n", "\"tags\": [\"ui\"],\n            \"percentage\": 12.5\n"));
  }

  @Test
  void anAllowListGoesIntoAOneLineEnvironmentOnItsLine() throws Exception {
    assertThat(save("action", "allow", "flag", "checkout", "env", "production", "keys", "carol\ndave")).isEqualTo(
        CATALOG.replace("\"production\": { \"enabled\": true }",
            "\"production\": { \"enabled\": true, \"allow\": [\"carol\", \"dave\"] }"));
  }

  @Test
  void segmentMembersAreReplacedInPlace() throws Exception {
    assertThat(save("action", "segment", "segment", "beta", "keys", "bob, carol")).isEqualTo(
        CATALOG.replace("\"keys\": [\"bob\"]", "\"keys\": [\"bob\", \"carol\"]"));
  }

  @Test
  void aScheduleIsAddedThenExtended() throws Exception {
    save("action", "schedule", "flag", "banner", "env", "default", "at", "2027-01-01T09:00", "percent", "10");
    String text = save("action", "schedule", "flag", "banner", "env", "default", "at", "2027-01-08T09:00:00Z",
        "percent", "50");
    assertThat(text).contains(indented("""
                    "tags": ["ui"],
                    "schedule": [
                        {
                            "at": "2027-01-01T09:00:00Z",
                            "percentage": 10
                        },
                        {
                            "at": "2027-01-08T09:00:00Z",
                            "percentage": 50
                        }
                    ]
                }""", 8));
    Catalog c = CatalogReader.read("flags.json", text, CatalogFormat.JSON);
    assertThat(c.flags().get("banner").settings().scheduleOrEmpty()).hasSize(2);
  }

  @Test
  void theFlagsEntryIsEditedAsWrittenInTheFile() throws Exception {
    String page = ann.get("/flags/checkout").body();
    assertThat(page).contains("        \"checkout\": {\n            \"description\"");
    String block = JsonEdits.JSON.flagBlock(CATALOG, "checkout");
    assertThat(block).startsWith("        \"checkout\": {").endsWith("        }");
    assertThat(save("action", "rules", "flag", "checkout", "block", block.replace("shop-team", "pay-team") + ",\n"))
        .isEqualTo(CATALOG.replace("shop-team", "pay-team"));
  }

  @Test
  void aNewFlagIsWrittenAsJsonFromTheFormsYaml() throws Exception {
    String text = save("action", "new", "key", "search", "fields",
        "description: Search as you type\nowner: web-team\nkind: release\nenabled: false\ndefault: \"off\"");
    assertThat(text).contains(indented("""
                    "tags": ["ui"]
                },
                "search": {
                    "description": "Search as you type",
                    "owner": "web-team",
                    "kind": "release",
                    "enabled": false,
                    "default": "off"
                }
            },""", 4));
  }

  @Test
  void archivingSwitchesOffEverywhereAndTags() throws Exception {
    String text = save("action", "archive", "flag", "checkout");
    Catalog.Flag f = CatalogReader.read("flags.json", text, CatalogFormat.JSON).flags().get("checkout");
    assertThat(f.settingsFor(null).isEnabled()).isFalse();
    assertThat(f.settingsFor("production").isEnabled()).isFalse();
    assertThat(f.tags()).containsExactly("archived");
    assertThat(text).contains(indented("""
                    "environments": {
                        "production": { "enabled": false }
                    },
                    "tags": ["archived"]
                },""", 8));
  }

  @Test
  void aSaveOnAnOldRevisionIsAConflictAndWritesNothing() throws Exception {
    String base = CatalogStore.revision(CATALOG);
    String theirs = CATALOG.replace("\"owner\": \"web-team\"", "\"owner\": \"growth-team\"");
    Files.writeString(file, theirs);
    ann.get("/flags/checkout");
    HttpResponse<String> r = ann.change(Map.of("action", "kill", "flag", "checkout", "env", "default", "enabled",
        "false"), base, "late");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("Someone else changed the catalog first", "growth-team");
    assertThat(Files.readString(file)).isEqualTo(theirs);
  }

  @Test
  void aCatalogOnOneLineStaysOnOneLine() throws Exception {
    Files.writeString(file, "{\"flags\":{\"a\":{\"default\":\"on\"}}}");
    assertThat(save("action", "kill", "flag", "a", "env", "production", "enabled", "false"))
        .isEqualTo("{\"flags\":{\"a\":{\"default\":\"on\",\"environments\":{\"production\":{\"enabled\":false}}}}}");
  }

  @Test
  void anEditThatBreaksTheCatalogIsRefusedByTheReader() throws Exception {
    ann.get("/flags/checkout");
    HttpResponse<String> r = ann.change(Map.of("action", "rules", "flag", "checkout", "block",
        "        \"checkout\": { \"default\": \"nope\" }"), CatalogStore.revision(CATALOG), "broken");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Files.readString(file)).isEqualTo(CATALOG);
  }
}
