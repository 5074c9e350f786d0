package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import dev.turnout.cli.api.CatalogFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogEditorTest {

  private static String remove(String name, String text, String key) {
    CatalogFile file = new CatalogFile(Path.of(name), name, text, CatalogFormat.forName(name));
    return CatalogEditor.removeFlag(file, file.parse().flags().get(key));
  }

  private static final String YAML = """
      # catalog
      flags:
        # first
        a:
          default: on   # on for all

        # second
        b:
          default: off

      segments:
        s: { keys: [x] }
      """;

  @Test
  void yamlLosesTheBlockAndItsCommentsAndKeepsTheRest() {
    assertThat(remove("f.yaml", YAML, "a")).isEqualTo("""
        # catalog
        flags:
          # second
          b:
            default: off

        segments:
          s: { keys: [x] }
        """);
    assertThat(remove("f.yaml", YAML, "b")).isEqualTo("""
        # catalog
        flags:
          # first
          a:
            default: on   # on for all

        segments:
          s: { keys: [x] }
        """);
  }

  @Test
  void theLastFlagLeavesAnEmptyMap() {
    assertThat(remove("f.yaml", "flags:\n  a:\n    default: on\n", "a")).isEqualTo("flags: {}\n");
  }

  @Test
  void jsonLosesTheMemberAndItsComma() {
    String json = "{\n  \"flags\": {\n    \"a\": {\"default\": \"on\"},\n    \"b\": {\"default\": \"off\"}\n  }\n}\n";
    assertThat(remove("f.json", json, "a")).isEqualTo("{\n  \"flags\": {\n    \"b\": {\"default\": \"off\"}\n  }\n}\n");
    assertThat(remove("f.json", json, "b")).isEqualTo("{\n  \"flags\": {\n    \"a\": {\"default\": \"on\"}\n  }\n}\n");
  }
}
