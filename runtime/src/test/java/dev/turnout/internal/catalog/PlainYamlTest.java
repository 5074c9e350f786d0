package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick YAML reader against the full parser: whenever it reads a document, the full parser reads
 * it without a problem into the same tree (types, texts, lines and columns); everything else it leaves
 * to the full parser.
 */
class PlainYamlTest {

  private static final UnaryOperator<String> SAME = s -> s;

  /** The quick reader's tree, checked against the full parser's; null when it leaves the text to the full parser. */
  private static Node quickAndChecked(String text) {
    Node quick = PlainYaml.read(text, TreeReader.MAX_DEPTH, SAME);
    if (quick != null) {
      Problems problems = new Problems("t");
      Node full = TreeReader.read(text, CatalogFormat.YAML, problems, false);
      assertThat(problems.size()).as("problems the full parser finds in a text the quick reader read:%n%s", text)
          .isZero();
      assertThat(difference(quick, full, "$")).as("in:%n%s", text).isNull();
    }
    return quick;
  }

  /** Where two trees differ, or null. */
  static String difference(Node a, Node b, String path) {
    String at = a.getClass().getSimpleName() + "@" + a.line() + ":" + a.column();
    String other = b.getClass().getSimpleName() + "@" + b.line() + ":" + b.column();
    if (!at.equals(other)) {
      return path + ": " + at + " against " + other;
    }
    if (a instanceof Node.ScalarNode) {
      Node.ScalarNode x = (Node.ScalarNode) a;
      Node.ScalarNode y = (Node.ScalarNode) b;
      boolean same = Objects.equals(x.value(), y.value()) && x.text().equals(y.text())
          && (x.value() == null || x.value().getClass() == y.value().getClass());
      return same ? null : path + ": " + x.value() + " (" + x.text() + ") against " + y.value() + " (" + y.text() + ")";
    }
    if (a instanceof Node.ListNode) {
      List<Node> x = ((Node.ListNode) a).items();
      List<Node> y = ((Node.ListNode) b).items();
      if (x.size() != y.size()) {
        return path + ": " + x.size() + " items against " + y.size();
      }
      for (int i = 0; i < x.size(); i++) {
        String d = difference(x.get(i), y.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    List<Node.Field> x = ((Node.MapNode) a).fields();
    List<Node.Field> y = ((Node.MapNode) b).fields();
    if (x.size() != y.size()) {
      return path + ": " + x.size() + " fields against " + y.size();
    }
    for (int i = 0; i < x.size(); i++) {
      Node.Field f = x.get(i);
      Node.Field g = y.get(i);
      if (!f.name().equals(g.name()) || f.line() != g.line() || f.column() != g.column()) {
        return path + ": key " + f.name() + "@" + f.line() + ":" + f.column() + " against " + g.name() + "@" + g.line()
            + ":" + g.column();
      }
      String d = difference(f.value(), g.value(), path + "." + f.name());
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  @Test
  void readsTheSpecificationsExampleAsTheFullParserDoes() throws IOException {
    String text;
    try (InputStream in = PlainYamlTest.class.getResourceAsStream("/catalogs/spec-example.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(quickAndChecked(text)).isNotNull();
  }

  @Test
  void readsALargeCatalogOfTheTypicalShape() {
    StringBuilder yaml = new StringBuilder("flags:\n");
    for (int i = 0; i < 2000; i++) {
      yaml.append("  flag-").append(i).append(":\n")
          .append("    rules:\n")
          .append("      - when: { attribute: plan, op: in, values: [pro, enterprise] }\n")
          .append("        serve: on\n")
          .append("    percentage: ").append(i % 101).append('\n');
    }
    assertThat(quickAndChecked(yaml.toString())).isNotNull();
  }

  @Test
  void readsScalarsOfEveryKindItSettlesAsTheFullParserDoes() {
    String[] scalars = {
        "on", "On", "ON", "oN", "off", "yes", "No", "y", "n", "true", "FALSE", "tRUE", "null", "Null", "NULL", "nULL", "~",
        "0", "-0", "7", "-12", "123456789012345678", "0.5", "12.50", "-3.25", "2.10", "1.2.3", "2027-02-01",
        "2026-12-01T09:00:00Z", "2026-12-01 09:00:00", "plan", "hello world", "a:b", "a#b", "a,b", "a[1]", "x}", "-abc",
        "http://example.com/a?b=c", "caf\u00e9", "'single'", "'it''s'", "\"double\"", "\"a # b\"", "''", "\"\"",
        "a  b", "1_0", "=",
    };
    int read = 0;
    for (String s : scalars) {
      for (String text : List.of("k: " + s + "\n", "k: " + s + "   # comment\n", "- " + s + "\n", "k: [" + s + "]\n",
          "k: {x: " + s + "}\n", s + ": v\n")) {
        if (quickAndChecked(text) != null) {
          read++;
        }
      }
    }
    assertThat(read).isGreaterThan(scalars.length * 4);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "# only a comment\n", "just text\n", "a: 1\na: 2\n", "a: b: c\n", "a:\n", "a: |\n  text\n", "a: >\n  text\n",
      "a: &x 1\nb: *x\n", "a: !!str 1\n", "%YAML 1.1\n---\na: 1\n", "---\na: 1\n", "a: 1\n---\nb: 2\n", "a:\n\tb: 1\n",
      "a: 1\r\nb: 2\r\n", "a: long\n  continued\n", "a: \"multi\n  line\"\n", "a: \"escape \\n\"\n", "a: 0x1F\n", "a: 010\n",
      "a: +7\n", "a: 1e3\n", "a: .5\n", "a: .inf\n", "a: 1_000\n", "a: 123456789012345678901\n", "? a\n: b\n",
      "a: [1, 2,]\n", "a: {b: 1,}\n", "a: [b: 1]\n", "a:\n  b\n", "a:\n  {b: 1}\n", "\ufeffa: 1\n", "a: [1\n",
      "a:\n  - 1\n - 2\n", "a:\n    b: 1\n  c: 2\n", "- a\nb: 1\n", "a: {b: ?c}\n", "a: <<\n", "a: 1:20\n",
  })
  void leavesEverythingElseToTheFullParser(String text) {
    assertThat(PlainYaml.read(text, TreeReader.MAX_DEPTH, SAME)).isNull();
  }

  @Test
  void leavesKeysLongerThanTheFullParserTakesToIt() {
    String longKey = "k".repeat(1100);
    for (String text : List.of(longKey + ": 1\n", "a: {" + longKey + ": 1}\n", "'" + longKey + "': 1\n")) {
      assertThat(PlainYaml.read(text, TreeReader.MAX_DEPTH, SAME)).isNull();
    }
    assertThat(quickAndChecked("k".repeat(900) + ": 1\n")).isNotNull();
  }

  @Test
  void givesUpBeyondTheNestingLimit() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i <= TreeReader.MAX_DEPTH; i++) {
      deep.append(" ".repeat(2 * i)).append("k").append(i).append(":\n");
    }
    deep.append(" ".repeat(2 * TreeReader.MAX_DEPTH + 2)).append("last: 1\n");
    assertThat(PlainYaml.read(deep.toString(), TreeReader.MAX_DEPTH, SAME)).isNull();
    assertThat(PlainYaml.read("a: " + "[".repeat(70) + "]".repeat(70) + "\n", TreeReader.MAX_DEPTH, SAME)).isNull();
  }

  /**
   * Thousands of generated documents mixing what the quick reader reads with what it does not: each one
   * it reads must be read the same by the full parser.
   */
  @Test
  void agreesWithTheFullParserOnGeneratedDocuments() {
    Random random = new Random(20_261_122L);
    int read = 0;
    int documents = 3000;
    for (int i = 0; i < documents; i++) {
      StringBuilder text = new StringBuilder();
      if (random.nextInt(4) == 0) {
        text.append("# a catalog\n\n");
      }
      new Generator(random).blockMapping(text, 0, 0, false);
      if (quickAndChecked(text.toString()) != null) {
        read++;
      }
    }
    assertThat(read).as("documents the quick reader read").isGreaterThan(documents / 4);
  }

  /** Random documents in (and just outside) the subset. */
  private static final class Generator {
    private static final String[] KEYS = {"flags", "rules", "when", "serve", "a", "b-c", "on", "x y", "'quoted key'",
        "\"double key\"", "k1", "10", "a:b", "null", "$ref"};
    private static final String[] SCALARS = {"on", "off", "Yes", "no", "y", "true", "False", "null", "~", "10", "-3",
        "0", "12.5", "2.10", "07", "1e3", "+1", ".5", "2027-02-01", "2026-12-01T09:00:00Z", "plan", "pro", "a b",
        "a#b", "a,b", "-x", "'s'", "'it''s'", "\"d\"", "\"#\"", "http://h/p", "caf\u00e9", "1.2.3", "1_0", "x:y"};

    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    private String pick(String[] from) {
      return from[random.nextInt(from.length)];
    }

    private String comment() {
      return random.nextInt(6) == 0 ? "   # note" : "";
    }

    void blockMapping(StringBuilder out, int indent, int depth, boolean firstInline) {
      int n = 1 + random.nextInt(3);
      List<String> used = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String key = pick(KEYS);
        if (used.contains(key) && random.nextInt(10) != 0) {
          continue; // duplicates now and then
        }
        used.add(key);
        if (i > 0 || !firstInline) {
          out.append(" ".repeat(indent));
        }
        out.append(key).append(random.nextInt(12) == 0 ? " :" : ":");
        value(out, indent, depth);
        if (random.nextInt(8) == 0) {
          out.append('\n');
        }
      }
    }

    private void value(StringBuilder out, int indent, int depth) {
      int kind = depth > 3 ? random.nextInt(2) : random.nextInt(6);
      int step = random.nextBoolean() ? 2 : 4;
      switch (kind) {
        case 0:
          out.append(' ').append(pick(SCALARS)).append(comment()).append('\n');
          break;
        case 1:
          out.append(' ');
          flow(out, depth + 1, indent + step);
          out.append(comment()).append('\n');
          break;
        case 2:
          out.append(comment()).append('\n');
          blockMapping(out, indent + step, depth + 1, false);
          break;
        default: {
          out.append(comment()).append('\n');
          int dash = random.nextInt(3) == 0 ? indent : indent + step; // indentless now and then
          int entries = 1 + random.nextInt(3);
          for (int e = 0; e < entries; e++) {
            out.append(" ".repeat(dash)).append("- ");
            int entry = random.nextInt(3);
            if (entry == 0) {
              out.append(pick(SCALARS)).append(comment()).append('\n');
            } else if (entry == 1) {
              flow(out, depth + 1, dash + 2);
              out.append('\n');
            } else {
              blockMapping(out, dash + 2, depth + 1, true);
            }
          }
        }
      }
    }

    private void flow(StringBuilder out, int depth, int continuation) {
      boolean map = random.nextBoolean();
      out.append(map ? "{" : "[");
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.append(',');
          out.append(random.nextInt(6) == 0 ? "\n" + " ".repeat(continuation) : " ");
        }
        if (map) {
          out.append(pick(KEYS)).append(": ");
        }
        if (depth < 4 && random.nextInt(4) == 0) {
          flow(out, depth + 1, continuation);
        } else {
          out.append(pick(SCALARS));
        }
      }
      out.append(map ? "}" : "]");
    }
  }
}
