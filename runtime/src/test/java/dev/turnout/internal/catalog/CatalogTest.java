package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import dev.turnout.EvaluationContext;
import dev.turnout.internal.catalog.Catalog.Clause;
import dev.turnout.internal.catalog.Catalog.Computed;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.Rollout;
import dev.turnout.internal.catalog.Catalog.Settings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The validated model: order, metadata, variants, settings per environment. */
class CatalogTest {

  static Catalog yaml(String text) {
    return CatalogReader.read("flags.yaml", text, CatalogFormat.YAML);
  }

  @Test
  void flagsSegmentsVariantsAndRulesKeepTheOrderOfTheFile() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      keys.add("flag-" + Integer.toString(i * 7919 % 1000, 36) + "-" + i);
    }
    Collections.shuffle(keys, new Random(5));
    StringBuilder text = new StringBuilder("flags:\n");
    keys.forEach(k -> text.append("  ").append(k).append(": {}\n"));
    text.append("""
          zz-multi:
            variants: [gamma, alpha, beta]
            rules:
              - when: { segment: s2 }
                serve: beta
              - when: { segment: s1 }
                serve: alpha
        segments:
          s2: { keys: [b] }
          s1: { keys: [a] }
          s0: { keys: [c] }
        """);
    Catalog c = yaml(text.toString());
    List<String> expected = new ArrayList<>(keys);
    expected.add("zz-multi");
    assertThat(c.flags().keySet()).containsExactlyElementsOf(expected);
    assertThat(c.segments().keySet()).containsExactly("s2", "s1", "s0");
    Flag multi = c.flags().get("zz-multi");
    assertThat(multi.variants().keySet()).containsExactly("gamma", "alpha", "beta");
    assertThat(multi.settings().rules()).extracting(r -> ((Catalog.Fixed) r.serve()).variant()).containsExactly("beta", "alpha");
    assertThat(multi.settings().rules()).extracting(Catalog.Rule::line).containsExactly(text.toString().lines().toList()
        .indexOf("      - when: { segment: s2 }") + 1, text.toString().lines().toList().indexOf("      - when: { segment: s1 }") + 1);
  }

  @Test
  void metadata() {
    Catalog c = yaml("""
        package: com.example.tasks
        flags:
          product-TASKS-103-comments:
            description: Comments on tasks
            owner: tasks-team
            ticket: TASKS-103
            created: 2026-11-01
            expires: 2027-02-01
            kind: release
            tags: [ui, 2026]
        """);
    assertThat(c.packageName()).isEqualTo("com.example.tasks");
    assertThat(c.source()).isEqualTo("flags.yaml");
    Flag f = c.flags().get("product-TASKS-103-comments");
    assertThat(f.key()).isEqualTo("product-TASKS-103-comments");
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.column()).isEqualTo(3);
    assertThat(f.description()).isEqualTo("Comments on tasks");
    assertThat(f.owner()).isEqualTo("tasks-team");
    assertThat(f.ticket()).isEqualTo("TASKS-103");
    assertThat(f.created()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(f.expires()).isEqualTo(LocalDate.of(2027, 2, 1));
    assertThat(f.kind()).isEqualTo("release");
    assertThat(f.tags()).containsExactly("ui", "2026");
  }

  @Test
  void variantsOfEachForm() {
    Catalog c = yaml("""
        flags:
          boolean: {}
          names: { variants: [v1, v2] }
          values: { variants: { quiet: 30, loud: "x", flag: true, cfg: { a: [1] } } }
        """);
    Flag b = c.flags().get("boolean");
    assertThat(b.isBoolean()).isTrue();
    assertThat(b.variants()).containsExactly(Map.entry("on", true), Map.entry("off", false));
    assertThat(b.defaultVariant(null)).isEqualTo("off");
    assertThat(b.offVariant(null)).isEqualTo("off");
    Flag n = c.flags().get("names");
    assertThat(n.isBoolean()).isFalse();
    assertThat(n.variants()).containsExactly(Map.entry("v1", "v1"), Map.entry("v2", "v2"));
    assertThat(n.defaultVariant(null)).isEqualTo("v1");
    assertThat(n.offVariant(null)).isEqualTo("v1");
    Flag v = c.flags().get("values");
    assertThat(v.variants()).containsExactly(Map.entry("quiet", 30L), Map.entry("loud", "x"), Map.entry("flag", true),
        Map.entry("cfg", Map.of("a", List.of(1L))));
  }

  @Test
  void environmentsReplaceOnlyTheFieldsTheySet() {
    Catalog c = yaml("""
        flags:
          f:
            enabled: true
            variants: [on, off, x]
            default: x
            off: off
            allow: [a]
            percentage: 5
            rules:
              - serve: x
            schedule:
              - { at: 2026-12-01T00:00:00Z, percentage: 10 }
            environments:
              empty: {}
              all:
                enabled: false
                default: on
                off: x
                allow: [b]
                percentage: 50
                rules: []
                schedule: []
        """);
    Flag f = c.flags().get("f");
    Settings base = f.settingsFor(null);
    assertThat(f.settingsFor("empty")).isEqualTo(base);
    assertThat(f.settingsFor("not-declared")).isEqualTo(base);
    assertThat(base.isEnabled()).isTrue();
    assertThat(base.allow()).containsExactly("a");
    assertThat(base.percentage()).isEqualTo(5_000);
    assertThat(base.schedule()).containsExactly(new Catalog.ScheduleStep(Instant.parse("2026-12-01T00:00:00Z"), 10_000));
    Settings all = f.settingsFor("all");
    assertThat(all.isEnabled()).isFalse();
    assertThat(all.defaultVariant()).isEqualTo("on");
    assertThat(all.off()).isEqualTo("x");
    assertThat(all.allow()).containsExactly("b");
    assertThat(all.percentage()).isEqualTo(50_000);
    assertThat(all.rules()).isEmpty();
    assertThat(all.schedule()).isEmpty();
    assertThat(f.defaultVariant("all")).isEqualTo("on");
    assertThat(f.offVariant("all")).isEqualTo("x");
    assertThat(f.defaultVariant(null)).isEqualTo("x");
    assertThat(f.offVariant(null)).isEqualTo("off");
  }

  @Test
  void rolloutsAndClauses() {
    Catalog c = yaml("""
        flags:
          f:
            variants: [v1, v2, v3]
            rules:
              - when: { attribute: n, op: gte, values: [2, 2.5] }
                serve: { rollout: { v3: 0.001, v1: 49.999, v2: 50 }, by: accountId, salt: s }
              - when: { attribute: plan, op: in, values: [pro, 10, true] }
                serve: { rollout: { v1: 100 }, by: key }
        """);
    List<Catalog.Rule> rules = c.flags().get("f").settings().rules();
    Rollout first = (Rollout) rules.get(0).serve();
    assertThat(first.variants()).containsExactly("v3", "v1", "v2");
    assertThat(first.weights()).containsExactly(1, 49_999, 50_000);
    assertThat(first.by()).isEqualTo("accountId");
    assertThat(first.salt()).isEqualTo("s");
    assertThat(((Clause) rules.get(0).when()).values()).containsExactly(2L, 2.5);
    Rollout second = (Rollout) rules.get(1).serve();
    assertThat(second.by()).as("by: key is the targeting key").isNull();
    assertThat(second.salt()).isNull();
    assertThat(((Clause) rules.get(1).when()).values()).containsExactly("pro", "10", "true");
  }

  @Test
  void yamlAndJsonMeanTheSame() {
    Catalog y = yaml("""
        flags:
          f:
            variants: { a: 1, b: [x] }
            default: b
            rules:
              - when: { all: [ { attribute: c, op: in, values: [US] }, { not: { segment: s } } ] }
                serve: { rollout: { a: 25, b: 75 } }
        segments:
          s: { keys: [k], when: { attribute: p, op: exists } }
        """);
    Catalog j = CatalogReader.read("flags.json", """
        {"flags": {"f": {"variants": {"a": 1, "b": ["x"]}, "default": "b",
          "rules": [{"when": {"all": [{"attribute": "c", "op": "in", "values": ["US"]}, {"not": {"segment": "s"}}]},
                     "serve": {"rollout": {"a": 25, "b": 75}}}]}},
         "segments": {"s": {"keys": ["k"], "when": {"attribute": "p", "op": "exists"}}}}
        """, CatalogFormat.JSON);
    Flag fy = y.flags().get("f");
    Flag fj = j.flags().get("f");
    assertThat(fj.fingerprint()).isEqualTo(fy.fingerprint());
    assertThat(fj.variants()).isEqualTo(fy.variants());
    Catalog.Condition jsonWhen = fj.settings().rules().get(0).when();
    assertThat(jsonWhen).isEqualTo(withoutPositions(fy.settings().rules().get(0).when(), jsonWhen));
    assertThat(fj.settings().rules().get(0).serve()).isEqualTo(fy.settings().rules().get(0).serve());
    assertThat(j.segments().get("s").keys()).isEqualTo(y.segments().get("s").keys());
  }

  /** The YAML condition with the JSON condition's positions, so the two compare by meaning only. */
  private static Catalog.Condition withoutPositions(Catalog.Condition yaml, Catalog.Condition json) {
    if (yaml instanceof Clause && json instanceof Clause) {
      Clause y = (Clause) yaml;
      Clause j = (Clause) json;
      return new Clause(j.line(), j.column(), y.attribute(), y.op(), y.values());
    }
    if (yaml instanceof Catalog.SegmentRef && json instanceof Catalog.SegmentRef) {
      Catalog.SegmentRef j = (Catalog.SegmentRef) json;
      return new Catalog.SegmentRef(j.line(), j.column(), ((Catalog.SegmentRef) yaml).segment());
    }
    if (yaml instanceof Catalog.Not && json instanceof Catalog.Not) {
      return new Catalog.Not(withoutPositions(((Catalog.Not) yaml).condition(), ((Catalog.Not) json).condition()));
    }
    if (yaml instanceof Catalog.All && json instanceof Catalog.All) {
      List<Catalog.Condition> parts = new ArrayList<>();
      List<Catalog.Condition> y = ((Catalog.All) yaml).conditions();
      List<Catalog.Condition> j = ((Catalog.All) json).conditions();
      for (int i = 0; i < Math.min(y.size(), j.size()); i++) {
        parts.add(withoutPositions(y.get(i), j.get(i)));
      }
      return new Catalog.All(parts);
    }
    return yaml;
  }

  @Test
  void modelCollectionsAreUnmodifiable() {
    Catalog c = yaml("flags:\n  f: { allow: [a], tags: [t] }\n");
    Flag f = c.flags().get("f");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.flags().clear()).isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.variants().clear()).isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.tags().clear()).isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.settings().allow().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void flagdTargetingIsCompiledOnceByTheReaderAndHeldInTheCatalog() {
    String doc = """
        {"flags": {"a": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                         "targeting": {"if": [{"$ref": "staff"}, "on", "off"]}},
                   "b": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                         "targeting": {"if": [{"$ref": "nobody"}, "on", "off"]}}},
         "$evaluators": {"staff": {"in": [{"var": "email"}, ["ann@example.com"]]}}}
        """;
    Catalog catalog = CatalogReader.read("flags.flagd.json", doc, CatalogFormat.JSON);
    Computed a = (Computed) catalog.flags().get("a").settings().rulesOrEmpty().get(0).serve();
    Clock clock = Clock.systemUTC();
    assertThat(a.compiled()).as("the tree the reader compiled to validate the targeting").isNotNull();
    assertThat(a.compiled().eval(EvaluationContext.of("u").with("email", "ann@example.com"), clock)).isEqualTo("on");
    assertThat(a.compiled().eval(EvaluationContext.of("u").with("email", "bob@example.com"), clock)).isEqualTo("off");
    Computed b = (Computed) catalog.flags().get("b").settings().rulesOrEmpty().get(0).serve();
    assertThat(b.compiled()).as("a $ref to no evaluator loads, without a tree").isNull();
    Computed sameDefinition = new Computed(a.expression(), a.evaluators(), null);
    assertThat(sameDefinition).as("the compiled tree follows from the definition").isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(new Computed(b.expression(), a.evaluators(), a.compiled())).isNotEqualTo(a);
  }
}
