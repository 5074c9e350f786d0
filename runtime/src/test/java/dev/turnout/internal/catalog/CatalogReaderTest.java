package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every validation error, with its line and column (1-based, as an editor shows them). Positions in the
 * comments count from 1; a flow mapping's position is its opening brace, a block mapping's its first key.
 */
class CatalogReaderTest {

  record Expected(int line, int column, String fragment) {}

  static Expected at(int line, int column, String fragment) {
    return new Expected(line, column, fragment);
  }

  static List<CatalogProblem> problems(String name, String text) {
    try {
      CatalogReader.read(name, text, CatalogFormat.forName(name));
    } catch (CatalogException e) {
      assertThat(e.problems()).isNotEmpty();
      return e.problems();
    }
    throw new AssertionError("expected " + name + " to be rejected:\n" + text);
  }

  static void assertProblems(String name, String text, Expected... expected) {
    List<CatalogProblem> actual = problems(name, text);
    List<String> shown = new ArrayList<>();
    actual.forEach(p -> shown.add(p.toString()));
    assertThat(actual).as("problems: %s", shown).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      CatalogProblem p = actual.get(i);
      assertThat(p.source()).isEqualTo(name);
      assertThat(p.line()).as("line of %s", p).isEqualTo(expected[i].line());
      assertThat(p.column()).as("column of %s", p).isEqualTo(expected[i].column());
      assertThat(p.message()).as("message of %s", p).contains(expected[i].fragment());
    }
  }

  static void assertYaml(String text, Expected... expected) {
    assertProblems("flags.yaml", text, expected);
  }

  static void assertJson(String text, Expected... expected) {
    assertProblems("flags.json", text, expected);
  }

  @Nested
  class UnknownFields {
    @Test
    void root() {
      assertYaml("""
          flags: {}
          segmnts: {}
          """, at(2, 1, "unknown field 'segmnts' in catalog (did you mean 'segments'?)"));
    }

    @Test
    void flag() {
      assertYaml("""
          flags:
            dark-mode:
              enabeld: true
          """, at(3, 5, "unknown field 'enabeld' in flag 'dark-mode' (did you mean 'enabled'?)"));
    }

    @Test
    void flagFieldWithoutCloseMatchListsTheKnownFields() {
      List<CatalogProblem> p = problems("flags.yaml", """
          flags:
            f:
              colour: blue
          """);
      assertThat(p).singleElement().satisfies(x -> {
        assertThat(x.message()).contains("unknown field 'colour'").doesNotContain("did you mean")
            .contains("(known: description, owner, ticket, created, expires, kind, tags, variants, environments");
      });
    }

    @Test
    void rule() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: plan, op: equals, values: [pro] }
                  serv: on
          """,
          at(4, 9, "a rule needs 'serve'"),
          at(5, 9, "unknown field 'serv' in rule (did you mean 'serve'?)"));
    }

    @Test
    void clause() {
      // line 4: '{' is column 15, "valeus" starts at column 46
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: plan, op: equals, valeus: [pro] }
                  serve: on
          """,
          at(4, 15, "operator equals needs 'values'"),
          at(4, 46, "unknown field 'valeus' in clause (did you mean 'values'?)"));
    }

    @Test
    void conditionWithoutAnyForm() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { atribute: plan, op: equals, values: [pro] }
                  serve: on
          """, at(4, 17, "unknown field 'atribute' in condition (did you mean 'attribute'?)"));
    }

    @Test
    void serve() {
      assertYaml("""
          flags:
            f:
              rules:
                - serve: { rollout: { on: 50, off: 50 }, bye: userId }
          """, at(4, 48, "unknown field 'bye' in serve (did you mean 'by'?)"));
    }

    @Test
    void segment() {
      assertYaml("""
          flags: {}
          segments:
            beta:
              keys: [a]
              wen: { attribute: plan, op: exists }
          """, at(5, 5, "unknown field 'wen' in segment 'beta' (did you mean 'when'?)"));
    }

    @Test
    void environment() {
      assertYaml("""
          flags:
            f:
              environments:
                dev: { defualt: on }
          """, at(4, 14, "unknown field 'defualt' in environment 'dev' (did you mean 'default'?)"));
    }

    @Test
    void environmentRefusesFieldsThatOnlyAFlagHas() {
      assertYaml("""
          flags:
            f:
              environments:
                dev: { owner: me }
          """, at(4, 14, "unknown field 'owner' in environment 'dev'"));
    }

    @Test
    void scheduleStep() {
      assertYaml("""
          flags:
            f:
              schedule:
                - at: 2026-12-01T09:00:00Z
                  percent: 5
          """,
          at(4, 9, "a schedule step needs both 'at' and 'percentage'"),
          at(5, 9, "unknown field 'percent' in schedule step (did you mean 'percentage'?)"));
    }

    @Test
    void json() {
      // {"flags": {"f": {"enabeld": true}}}: the key "enabeld" opens with the quote at column 18
      assertJson("""
          {"flags": {"f": {"enabeld": true}}}
          """, at(1, 18, "unknown field 'enabeld' in flag 'f' (did you mean 'enabled'?)"));
    }
  }

  @Nested
  class Operators {
    @Test
    void unknownOperator() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: plan, op: equal, values: [pro] }
                  serve: on
          """, at(4, 38, "unknown operator 'equal' (did you mean 'equals'?) (known: equals, not_equals, in, not_in"));
    }

    @Test
    void badSemverValue() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: v, op: semver_gte, values: ["2.x"] }
                  serve: on
          """, at(4, 56, "'2.x' is not a semantic version"));
    }

    @Test
    void badRegex() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: h, op: matches, values: ["(unclosed"] }
                  serve: on
                - when: { attribute: h, op: matches, values: ['(a)\\1'] }
                  serve: on
          """,
          at(4, 53, "invalid regular expression '(unclosed'"),
          at(6, 53, "invalid regular expression '(a)\\1'"));
    }

    @Test
    void numericOperatorWithNonNumberValue() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: n, op: gt, values: [ten] }
                  serve: on
                - when: { attribute: n, op: lte, values: [1, "10"] }
                  serve: on
                - when: { attribute: n, op: gte, values: [true] }
                  serve: on
          """,
          at(4, 48, "operator gt compares numbers: 'ten' is not a number"),
          at(6, 52, "operator lte compares numbers: '10' is not a number"),
          at(8, 49, "operator gte compares numbers: 'true' is not a number"));
    }

    @Test
    void badInstantValue() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: t, op: before, values: ["soon"] }
                  serve: on
                - when: { attribute: t, op: after, values: ["2026-12-01T09:00:00"] }
                  serve: on
          """,
          at(4, 52, "'soon' is not an ISO-8601 instant"),
          at(6, 51, "'2026-12-01T09:00:00' is not an ISO-8601 instant"));
    }

    @Test
    void clauseShape() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { attribute: a, values: [x] }
                  serve: on
                - when: { attribute: a, op: in }
                  serve: on
                - when: { attribute: a, op: in, values: x }
                  serve: on
                - when: { attribute: a, op: in, values: [[x]] }
                  serve: on
                - when: { attribute: "", op: exists }
                  serve: on
          """,
          at(4, 15, "a clause needs 'op'"),
          at(6, 15, "operator in needs 'values'"),
          at(8, 47, "values must be a list, not a string"),
          at(10, 48, "values of in must be strings, numbers or booleans, not a list"),
          at(12, 28, "attribute must name an attribute"));
    }
  }

  @Nested
  class Conditions {
    @Test
    void moreThanOneForm() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { segment: s, all: [] }
                  serve: on
          segments:
            s: { keys: [a] }
          """, at(4, 15, "a condition has exactly one of attribute, all, any, not, segment; this one has segment, all"));
    }

    @Test
    void emptyAllOrAny() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { any: [] }
                  serve: on
          """, at(4, 22, "any needs at least one condition"));
    }

    @Test
    void unknownSegment() {
      assertYaml("""
          flags:
            f:
              rules:
                - when: { segment: beta-tester }
                  serve: on
          segments:
            beta-testers: { keys: [a] }
          """, at(4, 26, "unknown segment 'beta-tester' (did you mean 'beta-testers'?)"));
    }

    @Test
    void unknownSegmentInsideASegment() {
      assertYaml("""
          flags: {}
          segments:
            a:
              when: { not: { segment: nobody } }
          """, at(4, 29, "unknown segment 'nobody'"));
    }

    @Test
    void segmentCycles() {
      assertYaml("""
          flags: {}
          segments:
            a:
              when: { segment: b }
            b:
              when: { any: [ { segment: a }, { attribute: x, op: exists } ] }
            self:
              when: { not: { segment: self } }
            fine:
              when: { segment: a }
          """,
          at(3, 3, "segment 'a' refers to itself: a -> b -> a"),
          at(5, 3, "segment 'b' refers to itself: b -> a -> b"),
          at(7, 3, "segment 'self' refers to itself: self -> self"));
    }

    @Test
    void segmentNeedsKeysOrWhen() {
      assertYaml("""
          flags: {}
          segments:
            empty: {}
          """, at(3, 3, "segment 'empty' needs 'keys', 'when' or both"));
    }
  }

  @Nested
  class Variants {
    @Test
    void undeclaredVariantInDefaultOffServeAndRollout() {
      assertYaml("""
          flags:
            f:
              variants: [v1, v2]
              default: v3
              off: v0
              rules:
                - serve: v4
                - serve: { rollout: { v1: 50, v5: 50 } }
          """,
          at(4, 14, "default names variant 'v3', which is not declared (declared: v1, v2)"),
          at(5, 10, "off names variant 'v0', which is not declared (declared: v1, v2)"),
          at(7, 16, "serve names variant 'v4', which is not declared (declared: v1, v2)"),
          at(8, 37, "variant 'v5' is not declared (declared: v1, v2)"));
    }

    @Test
    void undeclaredVariantOfABooleanFlagSuggestsTheClosest() {
      assertYaml("""
          flags:
            f:
              rules:
                - serve: onn
          """, at(4, 16, "serve names variant 'onn', which is not declared (declared: on, off) (did you mean 'on'?)"));
    }

    @Test
    void undeclaredVariantInAnEnvironment() {
      assertYaml("""
          flags:
            f:
              variants: [a, b]
              environments:
                dev: { default: c }
          """, at(5, 23, "default names variant 'c', which is not declared"));
    }

    @Test
    void variantShapes() {
      assertYaml("""
          flags:
            a:
              variants: [x, x]
            b:
              variants: []
            c:
              variants: oops
            d:
              variants: [ok, "not ok"]
            e:
              variants: { "bad name": 1 }
          """,
          at(3, 19, "duplicate variant 'x'"),
          at(5, 15, "variants must name at least one variant"),
          at(7, 15, "variants must be a list of names or a map of name to value, not a string"),
          at(9, 20, "variant name 'not ok' is not valid"),
          at(11, 17, "variant name 'bad name' is not valid"));
    }

    @Test
    void yamlBooleansStillNameOnAndOff() {
      Catalog c = CatalogReader.read("flags.yaml", """
          flags:
            a: { default: on, off: off }
            b: { default: true }
            c: { variants: [yes, no, maybe], default: no, off: yes }
          """, CatalogFormat.YAML);
      assertThat(c.flags().get("a").defaultVariant(null)).isEqualTo("on");
      assertThat(c.flags().get("a").offVariant(null)).isEqualTo("off");
      assertThat(c.flags().get("b").defaultVariant(null)).isEqualTo("on");
      assertThat(c.flags().get("c").defaultVariant(null)).isEqualTo("no");
      assertThat(c.flags().get("c").offVariant(null)).isEqualTo("yes");
    }
  }

  @Nested
  class Weights {
    @Test
    void notSummingToOneHundred() {
      assertYaml("""
          flags:
            f:
              rules:
                - serve: { rollout: { on: 10, off: 80 } }
            g:
              variants: [a, b, c]
              rules:
                - serve: { rollout: { a: 33.333, b: 33.333, c: 33.333 } }
                - serve: { rollout: { a: 50, b: 50, c: 0.001 } }
          """,
          at(4, 27, "rollout weights sum to 90, not 100"),
          at(8, 27, "rollout weights sum to 99.999, not 100"),
          at(9, 27, "rollout weights sum to 100.001, not 100"));
    }

    @Test
    void moreThanThreeDecimals() {
      assertYaml("""
          flags:
            f:
              percentage: 12.0625
              rules:
                - serve: { rollout: { on: 50.0005, off: 49.9995 } }
          """,
          at(3, 17, "percentage has more than three decimals: 12.0625"),
          at(5, 33, "weight of 'on' has more than three decimals: 50.0005"),
          at(5, 47, "weight of 'off' has more than three decimals: 49.9995"));
    }

    @Test
    void outOfRangeOrNotANumber() {
      assertYaml("""
          flags:
            f:
              percentage: 101
            g:
              percentage: -1
            h:
              percentage: "10"
            i:
              rules:
                - serve: { rollout: { on: 150, off: -50 } }
            j:
              rules:
                - serve: { rollout: {} }
          """,
          at(3, 17, "percentage must be from 0 to 100, not 101"),
          at(5, 17, "percentage must be from 0 to 100, not -1"),
          at(7, 17, "percentage must be a number from 0 to 100, not a string"),
          at(10, 33, "weight of 'on' must be from 0 to 100, not 150"),
          at(10, 43, "weight of 'off' must be from 0 to 100, not -50"),
          at(13, 27, "rollout needs at least one variant with a weight"));
    }

    @Test
    void wholeNumbersInEveryYamlNotationReadByValue() {
      Catalog c = CatalogReader.read("flags.yaml", """
          flags:
            hex: { percentage: 0x1F }
            underscores: { percentage: 1_0 }
            plus: { percentage: +7 }
            decimal: { percentage: 12.500 }
          """, CatalogFormat.YAML);
      assertThat(c.flags().get("hex").settings().percentage()).isEqualTo(31_000);
      assertThat(c.flags().get("underscores").settings().percentage()).isEqualTo(10_000);
      assertThat(c.flags().get("plus").settings().percentage()).isEqualTo(7_000);
      assertThat(c.flags().get("decimal").settings().percentage()).isEqualTo(12_500);
    }

    @Test
    void hugeExponentIsRefusedWithTheTextAsWritten() {
      // Printing 1e999999999 in plain digits would need a gigabyte: the message quotes the text.
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
        assertJson("{\"flags\": {\"f\": {\"percentage\": 1e300}, \"g\": {\"percentage\": 1e-999999999}}}",
            at(1, 32, "percentage must be from 0 to 100, not 1e300"),
            at(1, 60, "percentage has more than three decimals: 1e-999999999"));
        // Beyond any double: refused where it is written.
        assertJson("{\"flags\": {\"f\": {\"percentage\": 1e999999999}}}",
            at(1, 32, "number '1e999999999' is out of range"));
        assertYaml("flags:\n  f:\n    percentage: .inf\n", at(3, 17, "number '.inf' is out of range"));
      });
    }
  }

  @Nested
  class Values {
    @Test
    void badDates() {
      assertYaml("""
          flags:
            f:
              created: 2026-13-01
              expires: next week
            g:
              created: 2026-02-30
              expires: 2026-1-5
            h:
              created: 2026-12-01
              expires: 2026-11-01
          """,
          at(3, 14, "created must be a date like 2027-02-01, not '2026-13-01'"),
          at(4, 14, "expires must be a date like 2027-02-01, not 'next week'"),
          at(6, 14, "created must be a date like 2027-02-01, not '2026-02-30'"),
          at(7, 14, "expires must be a date like 2027-02-01, not '2026-1-5'"),
          at(10, 14, "expires 2026-11-01 is before created 2026-12-01"));
    }

    @Test
    void badInstants() {
      assertYaml("""
          flags:
            f:
              rules:
                - from: 2026-12-01T25:00:00Z
                  serve: on
                - from: 2026-12-02T00:00:00Z
                  until: 2026-12-01T00:00:00Z
                  serve: on
              schedule:
                - { at: tomorrow, percentage: 5 }
          """,
          at(4, 15, "from must be an ISO-8601 instant like 2026-12-01T09:00:00Z, not '2026-12-01T25:00:00Z'"),
          at(7, 16, "until 2026-12-01T00:00:00Z is not after from 2026-12-02T00:00:00Z"),
          at(10, 15, "at must be an ISO-8601 instant like 2026-12-01T09:00:00Z, not 'tomorrow'"));
    }

    @Test
    void otherScalarFields() {
      assertYaml("""
          package: com.example..tasks
          flags:
            f:
              enabled: maybe
              kind: feature
              tags: [a, {}]
              allow: [u1, true]
              rules:
                - serve: { rollout: { on: 100 }, by: "" }
          """,
          at(1, 10, "package 'com.example..tasks' is not a Java package name"),
          at(4, 14, "enabled must be true or false, not a string"),
          at(5, 11, "unknown kind 'feature' (known: release, experiment, ops, permission)"),
          at(6, 15, "items of tags must be strings, not a map"),
          at(7, 17, "items of allow must be strings, not a boolean"),
          at(9, 44, "by must name an attribute"));
    }
  }

  @Nested
  class Keys {
    @Test
    void invalidFlagKeys() {
      String tooLong = "k".repeat(129);
      assertYaml("""
          flags:
            -bad: {}
            has space: {}
            ok.key_1-X: {}
            %s: {}
            %s: {}
          """.formatted("k".repeat(128), tooLong),
          at(2, 3, "flag key '-bad' is not valid"),
          at(3, 3, "flag key 'has space' is not valid"),
          at(6, 3, "flag key '" + tooLong + "' is not valid"));
    }

    @Test
    void constantNameClash() {
      assertYaml("""
          flags:
            a-b: {}
            a_b: {}
            A.B: {}
            a--b: {}
          """,
          at(3, 3, "flag key 'a_b' and 'a-b' both make the constant A_B: rename one"),
          at(4, 3, "flag key 'A.B' and 'a-b' both make the constant A_B"),
          at(5, 3, "flag key 'a--b' and 'a-b' both make the constant A_B"));
    }

    @Test
    void duplicateKeysInYaml() {
      assertYaml("""
          flags:
            a: { enabled: true }
            b:
              enabled: true
              enabled: false
            a: { enabled: false }
          """,
          at(5, 5, "duplicate key 'enabled'"),
          at(6, 3, "duplicate key 'a'"));
    }

    @Test
    void duplicateKeysInJson() {
      // {"flags": {"a": {}, "a": {}}}: the second "a" opens at column 21
      assertJson("""
          {"flags": {"a": {}, "a": {}}}
          """, at(1, 21, "duplicate key 'a'"));
    }
  }

  @Nested
  class BooleanShape {
    @Test
    void allowPercentageAndScheduleOnAMultivariateFlag() {
      assertYaml("""
          flags:
            f:
              variants: [v1, v2]
              allow: [u1]
              percentage: 10
              schedule:
                - { at: 2026-12-01T09:00:00Z, percentage: 5 }
              environments:
                dev: { percentage: 50 }
          """,
          at(4, 12, "allow is for boolean flags (variants on and off); this flag declares v1, v2: use rules instead"),
          at(5, 17, "percentage is for boolean flags"),
          at(7, 7, "schedule is for boolean flags"),
          at(9, 26, "percentage is for boolean flags"));
    }

    @Test
    void aMultivariateFlagWithOnAndOffMayUseThem() {
      Catalog c = CatalogReader.read("flags.yaml", """
          flags:
            f:
              variants: [on, off, debug]
              allow: [u1]
              percentage: 10
          """, CatalogFormat.YAML);
      assertThat(c.flags().get("f").settings().percentage()).isEqualTo(10_000);
    }

    @Test
    void scheduleOutOfOrder() {
      assertYaml("""
          flags:
            f:
              schedule:
                - { at: 2026-12-02T09:00:00Z, percentage: 10 }
                - { at: 2026-12-01T09:00:00Z, percentage: 20 }
                - { at: 2026-12-01T09:00:00Z, percentage: 30 }
                - { at: 2026-12-03T09:00:00Z, percentage: 40 }
          """,
          at(5, 15, "schedule steps must be in time order: 2026-12-01T09:00:00Z is not after 2026-12-02T09:00:00Z"),
          at(6, 15, "schedule steps must be in time order: 2026-12-01T09:00:00Z is not after 2026-12-01T09:00:00Z"));
    }
  }

  @Nested
  class Document {
    @Test
    void missingFlags() {
      assertYaml("""
          segments: {}
          """, at(1, 1, "the catalog has no 'flags' field (write 'flags: {}' for a catalog without flags)"));
      assertJson("{}", at(1, 1, "the catalog has no 'flags' field"));
    }

    @Test
    void notAMap() {
      assertYaml("just text\n", at(1, 1, "the catalog must be a map, not a string"));
      assertJson("[1]", at(1, 1, "the catalog must be a map, not a list"));
      assertYaml("flags: [a]\n", at(1, 8, "flags must be a map, not a list"));
      assertYaml("flags:\n  f: true\n", at(2, 6, "flag 'f' must be a map, not a boolean"));
    }

    @Test
    void emptyFile() {
      for (String text : new String[] {"", "   \n\n\t\n", "# only a comment\n"}) {
        assertProblems("flags.yaml", text, at(0, 0, "catalog is empty: expected a map with a 'flags' field"));
      }
      assertProblems("flags.json", "", at(0, 0, "catalog is empty"));
    }

    @Test
    void yamlSyntaxErrors() {
      // The tab that starts line 3 is the error; the unclosed list ends at the end of the text (line 3, column 1).
      assertYaml("flags:\n  f:\n\tenabled: true\n", at(3, 1, "syntax error: "));
      assertThat(problems("flags.yaml", "flags:\n  f:\n\tenabled: true\n").get(0).message())
          .contains("found character '\\t(TAB)' that cannot start any token");
      assertYaml("flags:\n  f: [on, off\n", at(3, 1, "syntax error: while parsing a flow sequence"));
      // A key where a value was expected: "b: c" on line 1 puts the second ':' at column 5.
      assertYaml("a: b: c\n", at(1, 5, "syntax error: mapping values are not allowed here"));
    }

    @Test
    void jsonSyntaxErrors() {
      // Line 3 is '    "f": {"enabled": true,}': the '}' after the trailing comma is column 27.
      assertJson("""
          {
            "flags": {
              "f": {"enabled": true,}
            }
          }
          """, at(3, 27, "syntax error: Unexpected character ('}'"));
      // A missing comma: the second key's quote is column 14.
      assertJson("{\"flags\": {} \"x\": 1}", at(1, 14, "syntax error: Unexpected character ('\"'"));
      // An unknown token starts at column 29.
      assertJson("{\"flags\": {\"x\": {\"enabled\": tru}}}", at(1, 29, "syntax error: Unrecognized token (text left out)"));
    }

    @Test
    void onlyOneDocument() {
      assertYaml("flags: {}\n---\nflags: {}\n", at(3, 1, "unexpected content after the catalog: only one document is allowed"));
    }
  }

  @Nested
  class FlagConditions {
    @Test
    void unknownParentFlagWithSuggestion() {
      assertYaml("""
          flags:
            new-checkout: {}
            child:
              rules:
                - when: { flag: new-chekout }
                  serve: on
          """, at(5, 23, "unknown flag 'new-chekout' (did you mean 'new-checkout'?)"));
    }

    @Test
    void variantTheParentDoesNotDeclare() {
      assertYaml("""
          flags:
            parent: { variants: [a, b], default: a }
            child:
              rules:
                - when: { flag: parent, variants: [c] }
                  serve: on
          """, at(5, 23, "flag 'parent' has no variant 'c' (declared: a, b)"));
    }

    @Test
    void cycleThroughFlagsAndSegments() {
      assertYaml("""
          flags:
            a:
              rules:
                - when: { flag: b }
                  serve: on
            b:
              rules:
                - when: { segment: uses-a }
                  serve: on
          segments:
            uses-a:
              when: { flag: a }
          """,
          at(2, 3, "flag 'a' depends on itself through its conditions: flag a -> flag b -> segment uses-a -> flag a"),
          at(6, 3, "flag 'b' depends on itself through its conditions: flag b -> segment uses-a -> flag a -> flag b"));
    }

    @Test
    void aChainWithoutCycleIsValid() {
      Catalog catalog = CatalogReader.read("flags.yaml", """
          flags:
            a: {}
            b:
              rules:
                - when: { flag: a }
                  serve: on
            c:
              rules:
                - when: { all: [ { flag: b }, { flag: a, enabled: false } ] }
                  serve: on
          """, dev.turnout.CatalogFormat.YAML);
      assertThat(catalog.flags()).containsOnlyKeys("a", "b", "c");
    }
  }

  @Nested
  class Columns {
    @Test
    void yamlColumnsCountCharactersFromOne() {
      // Line 3 is '    tags: [é, x, {}]'; counting from 1: 'tags' at 5, '[' at 11, 'é' at 12, '{' at 18.
      // A byte count would put '{' at 19 (é is two bytes in UTF-8); a count from 0 at 17.
      assertYaml("""
          flags:
            f:
              tags: [é, x, {}]
          """, at(3, 18, "items of tags must be strings, not a map"));
    }

    @Test
    void jsonColumnsCountCharactersFromOne() {
      // '{"flags": {"f": {"tags": ["é", "x", {}]}}}': '{' of the empty object is the 37th character.
      assertJson("""
          {"flags": {"f": {"tags": ["é", "x", {}]}}}
          """, at(1, 37, "items of tags must be strings, not a map"));
    }
  }

  @Test
  void severalProblemsAreReportedInFileOrder() {
    // Found in another order (segments are read before flags; segment references are checked last).
    assertYaml("""
        flags:
          zeta:
            enabled: maybe
            rules:
              - when: { segment: nobody }
                serve: on
          alpha:
            kind: feature
            defaults: on
        segments:
          team:
            keys: [a]
            when: { attribute: x, op: nope }
        """,
        at(3, 14, "enabled must be true or false"),
        at(5, 26, "unknown segment 'nobody'"),
        at(8, 11, "unknown kind 'feature'"),
        at(9, 5, "unknown field 'defaults' in flag 'alpha' (did you mean 'default'?)"),
        at(13, 31, "unknown operator 'nope'"));
  }

  @Test
  void problemsPrintAsFileLineColumnMessage() {
    CatalogProblem p = problems("conf/flags.yaml", "flags: {}\nsegmnts: {}\n").get(0);
    assertThat(p).hasToString("conf/flags.yaml:2:1: " + p.message());
  }
}
