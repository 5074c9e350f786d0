package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Archiving a flag in the catalog text: off everywhere, tagged, a note; nothing else touched. */
class ArchiveEditTest {

  private static Catalog parse(String text) {
    return CatalogReader.read("flags.yaml", text, CatalogFormat.YAML);
  }

  private static List<String> changed(String before, String after) {
    List<String> a = new ArrayList<>(before.lines().toList());
    List<String> b = new ArrayList<>(after.lines().toList());
    List<String> out = new ArrayList<>();
    for (String l : b) {
      if (!a.remove(l)) {
        out.add("+" + l);
      }
    }
    a.forEach(l -> out.add("-" + l));
    return out;
  }

  @Test
  void archiveSwitchesOffTheFlagAndEveryEnvironmentThatSwitchesItOnTagsItAndSaysToRemoveTheCode() {
    String text = """
        flags:
          # Checkout, rebuilt.
          new-checkout:
            owner: shop
            tags: [web, "q3 launch"]
            percentage: 50
            environments:
              staging: { enabled: true, percentage: 100 }
              production:
                enabled: true   # opened in October
              development: { percentage: 100 }
          other:
            enabled: true
        """;
    String after = CatalogEdits.YAML.archive(text, "new-checkout");

    assertThat(changed(text, after)).containsExactlyInAnyOrder(
        "+  # archived: off everywhere; remove its code with `turnout remove new-checkout`, which also deletes this entry",
        "-    tags: [web, \"q3 launch\"]",
        "+    tags: [web, \"q3 launch\", archived]",
        "+    enabled: false",
        "-      staging: { enabled: true, percentage: 100 }",
        "+      staging: { enabled: false, percentage: 100 }",
        "-        enabled: true   # opened in October",
        "+        enabled: false   # opened in October");
    Catalog c = parse(after);
    Catalog.Flag f = c.flags().get("new-checkout");
    for (String env : new String[] {null, "staging", "production", "development", "elsewhere"}) {
      assertThat(f.settingsFor(env).isEnabled()).as(String.valueOf(env)).isFalse();
    }
    assertThat(f.tags()).containsExactly("web", "q3 launch", "archived");
    assertThat(c.flags().get("other").settingsFor(null).isEnabled()).isTrue();
    // Twice is once.
    assertThat(CatalogEdits.YAML.archive(after, "new-checkout")).isEqualTo(after);
  }

  @Test
  void aFlagWithoutTagsGetsTheTagAboveItsEnabledField() {
    String text = "flags:\n  a:\n    owner: x\n    enabled: true\n";
    assertThat(CatalogEdits.YAML.archive(text, "a")).isEqualTo("flags:\n"
        + "  # archived: off everywhere; remove its code with `turnout remove a`, which also deletes this entry\n"
        + "  a:\n    owner: x\n    tags: [archived]\n    enabled: false\n");
  }

  @Test
  void anUnknownFlagIsAClearError() {
    assertThatThrownBy(() -> CatalogEdits.YAML.archive("flags:\n  a: {}\n", "b")).isInstanceOf(EditException.class)
        .hasMessageContaining("no flag 'b'");
  }
}
