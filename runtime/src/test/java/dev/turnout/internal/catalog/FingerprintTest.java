package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fingerprints are equal exactly when the definitions' plain data is. */
class FingerprintTest {

  private static Node yaml(String text) {
    return TreeReaderTest.read(text, CatalogFormat.YAML).node();
  }

  private static Node json(String text) {
    return TreeReaderTest.read(text, CatalogFormat.JSON).node();
  }

  @Test
  void layoutCommentsSyntaxAndKeyOrderDoNotCount() {
    Node block = yaml("""
        # a comment
        rules:
          - when: { attribute: plan, op: in, values: [pro, enterprise] }
            serve: on
        percentage: 10
        """);
    Node reordered = yaml("""
        percentage: 10   # moved up
        rules:
        - serve: on
          when:
            values:
              - pro
              - enterprise
            op: in
            attribute: plan
        """);
    Node asJson = json("""
        {"percentage": 10, "rules": [{"when": {"attribute": "plan", "op": "in", "values": ["pro", "enterprise"]},
          "serve": true}]}
        """);
    assertThat(block.toPlain()).isEqualTo(reordered.toPlain()).isEqualTo(asJson.toPlain());
    assertThat(Fingerprint.of(block)).isEqualTo(Fingerprint.of(reordered)).isEqualTo(Fingerprint.of(asJson));
  }

  @Test
  void everyDifferenceInPlainDataCounts() {
    String[] variants = {
        "a: 10", "a: 10.0", "a: '10'", "a: 11", "a: true", "a: false", "a: null", "a: [10]", "a: {b: 10}",
        "b: 10", "a: [1, 2]", "a: [2, 1]", "a: [[1], 2]", "a: [1, [2]]", "a: ''", "a: []", "a: {}",
        "a: x\nb: y", "a: {x: y}", "a: [x, y]", "a: 0.0", "a: 12.5", "a: 12.50001",
    };
    Map<Fingerprint, Object> seen = new LinkedHashMap<>();
    for (String v : variants) {
      Node node = yaml(v);
      Object plain = node.toPlain();
      Object before = seen.put(Fingerprint.of(node), plain);
      assertThat(before).as("%s against %s", plain, before).isNull();
    }
    assertThat(seen).hasSize(variants.length);
  }

  @Test
  void nearlyIdenticalDefinitionsAllDiffer() {
    java.util.Set<Fingerprint> seen = new java.util.HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      seen.add(Fingerprint.of(yaml("percentage: " + (i % 101) + "\nrules: [{serve: v" + (i / 101) + "}]\n")));
    }
    assertThat(seen).hasSize(20_000);
  }

  @Test
  void theSameTextReadTwiceHasTheSameFingerprint() {
    String text = "{\"a\": {\"b\": [1, 2.5, \"x\", null, true]}}";
    assertThat(Fingerprint.of(json(text))).isEqualTo(Fingerprint.of(json(text)));
  }

  @Test
  void namedPartsCountWhateverTheirOrder() {
    Node flag = json("{\"targeting\": {\"$ref\": \"x\"}}");
    Map<String, Node> one = new LinkedHashMap<>();
    one.put("x", json("{\"in\": [1, 2]}"));
    one.put("y", json("{\"in\": [3]}"));
    Map<String, Node> reordered = new LinkedHashMap<>();
    reordered.put("y", json("{\"in\": [3]}"));
    reordered.put("x", json("{\"in\": [1, 2]}"));
    Map<String, Node> changed = new LinkedHashMap<>();
    changed.put("x", json("{\"in\": [1, 2]}"));
    changed.put("y", json("{\"in\": [4]}"));
    assertThat(Fingerprint.of(flag, one)).isEqualTo(Fingerprint.of(flag, reordered))
        .isNotEqualTo(Fingerprint.of(flag, changed)).isNotEqualTo(Fingerprint.of(flag));
  }
}
