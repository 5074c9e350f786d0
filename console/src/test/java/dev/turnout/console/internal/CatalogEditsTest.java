package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogEditsTest {

  static final String SAMPLE = read();

  private static String read() {
    try {
      return Files.readString(Path.of("../sample-app/flags.yaml"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Catalog parse(String text) {
    return CatalogReader.read("flags.yaml", text, CatalogFormat.YAML);
  }

  /** The lines of {@code after} that are not in {@code before}, and the reverse: only what the edit meant. */
  private static List<String> changed(String before, String after) {
    List<String> a = new ArrayList<>(before.lines().toList());
    List<String> b = new ArrayList<>(after.lines().toList());
    List<String> out = new ArrayList<>();
    for (String l : b) {
      if (!a.remove(l)) {
        out.add("+" + l);
      }
    }
    for (String l : a) {
      out.add("-" + l);
    }
    return out;
  }

  @Test
  void theKillSwitchReplacesOnlyTheValueAndKeepsItsComment() {
    String after = CatalogEdits.YAML.setEnabled(SAMPLE, "product-TASKS-103-comments", "default", false);
    assertThat(parse(after).flags().get("product-TASKS-103-comments").settings().isEnabled()).isFalse();
    assertThat(changed(SAMPLE, after)).containsExactly(
        "+    enabled: false                   # false: nobody has comments (shipped dark)",
        "-    enabled: true                   # false: nobody has comments (shipped dark)");
  }

  @Test
  void enabledIsAddedBeforeDefaultWhenTheFlagHasNone() {
    String after = CatalogEdits.YAML.setEnabled(SAMPLE, "log-level", "default", false);
    assertThat(parse(after).flags().get("log-level").settings().isEnabled()).isFalse();
    assertThat(changed(SAMPLE, after)).containsExactly("+    enabled: false");
    assertThat(after).contains("    enabled: false\n    default: normal");
  }

  @Test
  void anEnvironmentWrittenOnOneLineGetsTheFieldInPlace() {
    String after = CatalogEdits.YAML.setEnabled(SAMPLE, "product-TASKS-103-comments", "development", false);
    Catalog.Flag f = parse(after).flags().get("product-TASKS-103-comments");
    assertThat(f.settingsFor("development").isEnabled()).isFalse();
    assertThat(f.settingsFor(null).isEnabled()).isTrue();
    assertThat(after).contains("development: { enabled: false, default: on, rules: [] }     # on a developer's machine");
  }

  @Test
  void aNewEnvironmentIsAddedToTheFlag() {
    String after = CatalogEdits.YAML.setEnabled(SAMPLE, "disable-registration", "production", true);
    Catalog.Flag f = parse(after).flags().get("disable-registration");
    assertThat(f.settingsFor("production").isEnabled()).isTrue();
    assertThat(f.settingsFor(null).isEnabled()).isFalse();
    assertThat(changed(SAMPLE, after)).containsExactly("+    environments: { production: { enabled: true } }");
  }

  @Test
  void aRampSetsTheOnOffRolloutOfTheRules() {
    String after = CatalogEdits.YAML.setPercentage(SAMPLE, "product-TASKS-103-comments", "default", "25");
    assertThat(after).contains("- serve: { rollout: { on: 25, off: 75 } }    # then a percentage");
    assertThat(changed(SAMPLE, after)).hasSize(2);
    parse(after);
  }

  @Test
  void aRampWithoutARolloutSetsThePercentage() {
    String after = CatalogEdits.YAML.setPercentage(SAMPLE, "api-count-field", "default", "12.5");
    assertThat(parse(after).flags().get("api-count-field").settings().percentage()).isEqualTo(12_500);
  }

  @Test
  void segmentMembersAreReplacedKeepingTheComment() {
    String after = CatalogEdits.YAML.setSegmentKeys(SAMPLE, "beta-testers", List.of("bob", "carol", "dave o'neil"));
    assertThat(parse(after).segments().get("beta-testers").keys()).containsExactlyInAnyOrder("bob", "carol", "dave o'neil");
    assertThat(after).contains("keys: [bob, carol, \"dave o'neil\"]                      # add user names here");
  }

  @Test
  void keysThatYamlWouldReadAsSomethingElseAreQuoted() {
    assertThat(CatalogEdits.flowList(List.of("on", "123", "a b", "x]"))).isEqualTo("[\"on\", \"123\", \"a b\", \"x]\"]");
    String after = CatalogEdits.YAML.setAllow(SAMPLE, "api-count-field", "default", List.of("on", "123"));
    assertThat(parse(after).flags().get("api-count-field").settings().allow()).containsExactly("on", "123");
  }

  @Test
  void aScheduleStepIsAppended() {
    String once = CatalogEdits.YAML.addScheduleStep(SAMPLE, "api-count-field", "default", "2030-01-01T09:00:00Z", "10");
    String twice = CatalogEdits.YAML.addScheduleStep(once, "api-count-field", "default", "2030-02-01T09:00:00Z", "50");
    assertThat(parse(twice).flags().get("api-count-field").settings().schedule())
        .extracting(Catalog.ScheduleStep::percentage).containsExactly(10_000, 50_000);
  }

  @Test
  void aNewFlagGoesAfterTheLastOneAndTheRestStays() {
    String after = CatalogEdits.YAML.addFlag(SAMPLE, "new-search", "description: A new search\nowner: web-team\ndefault: off");
    Catalog c = parse(after);
    assertThat(c.flags().get("new-search").owner()).isEqualTo("web-team");
    assertThat(changed(SAMPLE, after)).containsExactly("+  new-search:", "+    description: A new search",
        "+    owner: web-team", "+    default: off", "+");
    assertThat(after).endsWith("segments:\n  beta-testers:\n    keys: [bob]                      # add user names here to give them the beta API\n");
  }

  @Test
  void theFlagBlockRoundTripsAndCanBeReplaced() {
    String block = CatalogEdits.YAML.flagBlock(SAMPLE, "disable-registration");
    assertThat(block).startsWith("  disable-registration:\n").endsWith("    default: on\n");
    assertThat(CatalogEdits.YAML.replaceFlagBlock(SAMPLE, "disable-registration", block)).isEqualTo(SAMPLE);
    String after = CatalogEdits.YAML.replaceFlagBlock(SAMPLE, "disable-registration", block.replace("ops-team", "sre-team"));
    assertThat(parse(after).flags().get("disable-registration").owner()).isEqualTo("sre-team");
  }

  @Test
  void unknownFlagsAndBadValuesAreRefusedClearly() {
    assertThatThrownBy(() -> CatalogEdits.YAML.setEnabled(SAMPLE, "nope", "default", true)).isInstanceOf(EditException.class)
        .hasMessageContaining("no flag 'nope'");
    assertThatThrownBy(() -> Edit.percent("101")).hasMessageContaining("from 0 to 100");
    assertThatThrownBy(() -> CatalogEdits.YAML.addFlag(SAMPLE, "log-level", "default: off"))
        .hasMessageContaining("already a flag 'log-level'");
  }
}
