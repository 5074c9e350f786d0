package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Location-aware reading of YAML and JSON, and refusal of hostile input. */
class TreeReaderTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  /** Set by {@link Canary} if anything ever loads and initialises it. */
  static volatile boolean canaryTouched;

  /** A class a type tag names: reading a catalog must never initialise or instantiate it. */
  public static final class Canary {
    static {
      canaryTouched = true;
    }

    public Canary() {
      canaryTouched = true;
    }

    public Canary(String ignored) {
      canaryTouched = true;
    }
  }

  record Read(Node node, List<CatalogProblem> problems) {}

  static Read read(String text, CatalogFormat format) {
    Problems problems = new Problems("t");
    Node node = TreeReader.read(text, format, problems);
    try {
      problems.throwIfAny();
    } catch (CatalogException e) {
      return new Read(node, e.problems());
    }
    return new Read(node, List.of());
  }

  static CatalogProblem onlyProblem(String text, CatalogFormat format) {
    Read r = read(text, format);
    assertThat(r.problems()).hasSize(1);
    return r.problems().get(0);
  }

  @Test
  void yamlPositionsAreOneBased() {
    Node.MapNode root = (Node.MapNode) read("""
        flags:
          f:
            owner: team
            tags: [a, "b"]
        """, CatalogFormat.YAML).node();
    Node.Field flags = root.field("flags");
    assertThat(flags.line()).isEqualTo(1);
    assertThat(flags.column()).isEqualTo(1);
    Node.MapNode f = (Node.MapNode) ((Node.MapNode) flags.value()).get("f");
    assertThat(f.field("owner").line()).isEqualTo(3);
    assertThat(f.field("owner").column()).isEqualTo(5);
    Node owner = f.get("owner");
    assertThat(owner.line()).isEqualTo(3);
    assertThat(owner.column()).isEqualTo(12);
    Node.ListNode tags = (Node.ListNode) f.get("tags");
    assertThat(tags.column()).isEqualTo(11);
    assertThat(tags.items().get(1).column()).isEqualTo(15);
  }

  @Test
  void jsonPositionsAreOneBased() {
    Node.MapNode root = (Node.MapNode) read("""
        {
          "flags": {"f": {"owner": "team"}}
        }
        """, CatalogFormat.JSON).node();
    assertThat(root.line()).isEqualTo(1);
    assertThat(root.column()).isEqualTo(1);
    Node.Field flags = root.field("flags");
    assertThat(flags.line()).isEqualTo(2);
    assertThat(flags.column()).isEqualTo(3);
    Node.MapNode f = (Node.MapNode) ((Node.MapNode) flags.value()).get("f");
    assertThat(f.column()).isEqualTo(18);
    assertThat(f.field("owner").column()).isEqualTo(19);
    assertThat(f.get("owner").column()).isEqualTo(28);
  }

  @Test
  void scalarsKeepTheirTypeAndText() {
    Node.MapNode root = (Node.MapNode) read("""
        text: hello
        quoted: "10"
        whole: 10
        big: 123456789012345678901234567890
        decimal: 2.50
        yes: true
        nothing: null
        tilde: ~
        """, CatalogFormat.YAML).node();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("text", "hello");
    expected.put("quoted", "10");
    expected.put("whole", 10L);
    expected.put("big", 1.2345678901234568E29);
    expected.put("decimal", 2.5);
    expected.put("yes", true);
    expected.put("nothing", null);
    expected.put("tilde", null);
    assertThat(root.toPlain()).isEqualTo(expected);
    assertThat(((Node.ScalarNode) root.get("decimal")).text()).isEqualTo("2.50");
    assertThat(((Node.ScalarNode) root.get("quoted")).isString()).isTrue();
    assertThat(((Node.ScalarNode) root.get("whole")).isNumber()).isTrue();
    assertThat(root.get("nothing").describe()).isEqualTo("null");
  }

  @Test
  void keyOrderIsKept() {
    Node.MapNode root = (Node.MapNode) read("{\"z\": 1, \"a\": 2, \"m\": 3, \"b\": 4}", CatalogFormat.JSON).node();
    assertThat(root.fields()).extracting(Node.Field::name).containsExactly("z", "a", "m", "b");
  }

  @Test
  void everyDuplicateIsReportedAndTheFirstKept() {
    Read r = read("a: 1\nb: 2\na: 3\nb: 4\n", CatalogFormat.YAML);
    assertThat(r.problems()).extracting(CatalogProblem::toString)
        .containsExactly("t:3:1: duplicate key 'a'", "t:4:1: duplicate key 'b'");
    assertThat(((Node.MapNode) r.node()).toPlain()).isEqualTo(Map.of("a", 1L, "b", 2L));
  }

  @Test
  void fileOverTheSizeCapIsRefusedBeforeParsing() {
    String huge = "flags: {}\n#" + "x".repeat(TreeReader.MAX_CHARS);
    CatalogProblem p = assertTimeoutPreemptively(PROMPTLY, () -> onlyProblem(huge, CatalogFormat.YAML));
    assertThat(p.line()).isZero();
    assertThat(p.message()).isEqualTo("catalog is larger than the limit of " + TreeReader.MAX_CHARS + " characters");
    assertThat(onlyProblem("{\"flags\": {}}" + " ".repeat(TreeReader.MAX_CHARS), CatalogFormat.JSON).message())
        .startsWith("catalog is larger than the limit");
  }

  @Test
  void nestingDeeperThan64IsRefused() {
    // The root map is level 1, so "flags:" followed by n brackets nests 1 + n levels.
    assertThat(read("flags: " + "[".repeat(63) + "]".repeat(63), CatalogFormat.YAML).problems()).isEmpty();
    assertThat(read("{\"flags\": " + "[".repeat(63) + "]".repeat(63) + "}", CatalogFormat.JSON).problems()).isEmpty();

    CatalogProblem yaml = onlyProblem("flags: " + "[".repeat(64) + "]".repeat(64), CatalogFormat.YAML);
    assertThat(yaml.message()).isEqualTo("nesting deeper than 64 levels");
    assertThat(yaml.line()).isEqualTo(1);
    assertThat(yaml.column()).isEqualTo(8 + 63); // the 64th bracket, level 65

    CatalogProblem json = onlyProblem("{\"flags\": " + "[".repeat(64) + "]".repeat(64) + "}", CatalogFormat.JSON);
    assertThat(json.message()).isEqualTo("nesting deeper than 64 levels");
    assertThat(json.column()).isEqualTo(11 + 63);

    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      block.append("  ".repeat(i)).append('k').append(i).append(":\n");
    }
    CatalogProblem blockProblem = onlyProblem(block + "  ".repeat(70) + "end\n", CatalogFormat.YAML);
    assertThat(blockProblem.message()).isEqualTo("nesting deeper than 64 levels");
    assertThat(blockProblem.line()).isEqualTo(65);

    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(assertTimeoutPreemptively(PROMPTLY, () -> onlyProblem(deep, CatalogFormat.JSON)).message())
        .contains("nesting deeper than 64 levels");
    assertThat(assertTimeoutPreemptively(PROMPTLY, () -> onlyProblem(deep, CatalogFormat.YAML)).message())
        .contains("nesting");
  }

  @Test
  void billionLaughsIsRefusedAtTheFirstAnchor() {
    String bomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        flags: { f: { tags: *i } }
        """;
    CatalogProblem p = assertTimeoutPreemptively(PROMPTLY, () -> onlyProblem(bomb, CatalogFormat.YAML));
    assertThat(p.line()).isEqualTo(1);
    assertThat(p.column()).isEqualTo(4);
    assertThat(p.message()).contains("YAML anchors and aliases (&name, *name) are not supported");
  }

  @Test
  void aliasesAreRefusedWhereverTheyStand() {
    // The anchor on a scalar is refused where it stands, as one on a map or a list is.
    CatalogProblem scalar = onlyProblem("a: &x 1\nb: *x\n", CatalogFormat.YAML);
    assertThat(scalar.message()).contains("anchors and aliases");
    assertThat(scalar.line()).isEqualTo(1);
    assertThat(scalar.column()).isEqualTo(4);
    assertThat(onlyProblem("a: [1, *x]\n", CatalogFormat.YAML).message()).contains("anchors and aliases");
    CatalogProblem key = onlyProblem("&k a: 1\n*k : 2\n", CatalogFormat.YAML);
    assertThat(key.line()).isEqualTo(1);
    assertThat(key.message()).contains("anchors and aliases");
  }

  @Test
  void typeTagsAreRefusedAndNothingIsInstantiated() {
    String gadget = """
        flags: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://localhost/"]]]]
        """;
    CatalogProblem p = onlyProblem(gadget, CatalogFormat.YAML);
    assertThat(p.line()).isEqualTo(1);
    assertThat(p.column()).isEqualTo(8);
    assertThat(p.message()).contains("YAML tags").contains("javax.script.ScriptEngineManager").contains("not supported");

    String canary = "flags: { f: { description: !!" + Canary.class.getName() + " [hello] } }\n"
        + "segments: !!" + Canary.class.getName() + " {}\n";
    assertThat(read(canary, CatalogFormat.YAML).problems()).extracting(CatalogProblem::message)
        .allSatisfy(m -> assertThat(m).contains("YAML tags"));
    assertThat(onlyProblem("a: !!" + Canary.class.getName() + " x\n", CatalogFormat.YAML).message()).contains("YAML tags");
    assertThat(canaryTouched).as("the tagged class was loaded or instantiated").isFalse();
  }

  @Test
  void numbersWithThousandsOfDigitsAreRefusedPromptly() {
    String digits = "9".repeat(5_000);
    CatalogProblem json = assertTimeoutPreemptively(PROMPTLY,
        () -> onlyProblem("{\"flags\": {\"f\": {\"percentage\": " + digits + "}}}", CatalogFormat.JSON));
    assertThat(json.message()).contains("Number value length (5000) exceeds the maximum allowed (100");
    assertThat(json.line()).isEqualTo(1);
    assertThat(json.column()).isEqualTo(32);

    // The YAML reader does not take such a scalar for a number at all: where a number is needed, it is refused there.
    List<CatalogProblem> yaml = assertTimeoutPreemptively(PROMPTLY, () -> CatalogReaderTest.problems("flags.yaml",
        "flags:\n  f:\n    percentage: " + digits + "\n"));
    assertThat(yaml).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.column()).isEqualTo(17);
      assertThat(p.message()).contains("percentage must be a number from 0 to 100");
    });
    CatalogProblem decimals = assertTimeoutPreemptively(PROMPTLY,
        () -> onlyProblem("{\"x\": 0." + digits + "}", CatalogFormat.JSON));
    assertThat(decimals.message()).contains("exceeds the maximum allowed (100");
  }

  @Test
  void onlyOneDocument() {
    CatalogProblem p = onlyProblem("{\"flags\": {}} {\"flags\": {}}", CatalogFormat.JSON);
    assertThat(p.column()).isEqualTo(15);
    assertThat(p.message()).contains("only one document");
  }

  @Test
  void emptyInputs() {
    for (String text : new String[] {"", " ", "\n\n", "# comment only\n"}) {
      CatalogProblem p = onlyProblem(text, CatalogFormat.YAML);
      assertThat(p.line()).isZero();
      assertThat(p.message()).startsWith("catalog is empty");
    }
  }
}
