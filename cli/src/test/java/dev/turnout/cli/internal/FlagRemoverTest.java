package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagRemoverTest {

  private static final Catalog CATALOG = CatalogReader.read("flags.yaml",
      "flags:\n  beta:\n    default: off\n  flow:\n    variants: [v1, v2, v3]\n    off: v1\n  other:\n    default: on\n",
      CatalogFormat.YAML);

  private static String rewrite(String key, String keep, String source) {
    return new FlagRemover(CATALOG, key, keep).rewrite("A.java", source, new ArrayList<>());
  }

  @Test
  void keepingOnMovesTheAlternateBodyIntoTheGateWithItsParameterNames() {
    String before = """
        package p;

        import dev.turnout.FeatureFlag;
        import dev.turnout.TargetingKey;

        class A {
          // the price
          @FeatureFlag(value = Flags.BETA, alternate = "newPrice")
          int price(@TargetingKey String user, int amount) {
            return amount;
          }

          /** New. */
          int newPrice(String customer, int amount) {
            return amount / 2;   // half
          }

          int other() { return 1; }
        }
        """;
    assertThat(rewrite("beta", "on", before)).isEqualTo("""
        package p;

        class A {
          // the price
          int price(String customer, int amount) {
            return amount / 2;   // half
          }

          int other() { return 1; }
        }
        """);
  }

  @Test
  void keepingOffDeletesTheAlternateAndKeepsOtherImports() {
    String before = """
        package p;

        import dev.turnout.FeatureFlag;
        import java.util.List;

        class A {
          @FeatureFlag(value = "beta", alternate = "b") static List<String> a() { return List.of(); }

          static List<String> b() { return List.of("b"); }
        }
        """;
    assertThat(rewrite("beta", "off", before)).isEqualTo("""
        package p;

        import java.util.List;

        class A {
          static List<String> a() { return List.of(); }
        }
        """);
  }

  @Test
  void variantMethodsInNestedClassesKeepTheChosenVariant() {
    String before = """
        package p;

        import dev.turnout.FeatureFlag;
        import dev.turnout.Variant;

        class A {
          static final class B {
            @FeatureFlag(value = Flags.FLOW, variants = {
                @Variant(value = "v2", method = "two"), @Variant(value = "v3", method = "three")})
            int steps() {
              return 1;
            }

            int two() {
              return 2;
            }

            int three() {
              return 3;
            }
          }
        }
        """;
    String v3 = rewrite("flow", "v3", before);
    assertThat(v3).contains("    int steps() {\n      return 3;\n    }\n  }\n}").doesNotContain("two").doesNotContain("Variant");
    String v1 = rewrite("flow", "v1", before);
    assertThat(v1).contains("    int steps() {\n      return 1;\n    }\n  }\n}").doesNotContain("three");
  }

  @Test
  void ifElseBecomesTheBranchTakenWithItsCommentsReindented() {
    String before = """
        class A {
          String f() {
            String x = "a";
            if (Turnout.isEnabled(Flags.BETA)) {
              x += "b"; // beta
            } else {
              x += "c";
            }
            return x;
          }
        }
        """;
    assertThat(rewrite("beta", "on", before)).isEqualTo("""
        class A {
          String f() {
            String x = "a";
            x += "b"; // beta
            return x;
          }
        }
        """);
    assertThat(rewrite("beta", "off", before)).contains("    String x = \"a\";\n    x += \"c\";\n    return x;");
  }

  @Test
  void negationsConjunctionsAndTernariesSimplify() {
    String before = """
        class A {
          boolean f(boolean p) {
            int n = Turnout.isEnabled("beta") ? 1 : 2;
            if (!Turnout.isEnabled("beta")) return false;
            return p && Turnout.isEnabled(Flags.BETA) || Turnout.isEnabled("other");
          }
        }
        """;
    assertThat(rewrite("beta", "on", before)).isEqualTo("""
        class A {
          boolean f(boolean p) {
            int n = 1;
            return p || Turnout.isEnabled("other");
          }
        }
        """);
  }

  @Test
  void aKeptReturnDropsWhatCouldNoLongerBeReached() {
    String before = """
        class A {
          int f() {
            if (Turnout.isEnabled("beta")) {
              return 1;
            }
            int y = 2;
            return y;
          }
        }
        """;
    assertThat(rewrite("beta", "on", before)).isEqualTo("class A {\n  int f() {\n    return 1;\n  }\n}\n");
    assertThat(rewrite("beta", "off", before)).isEqualTo("class A {\n  int f() {\n    int y = 2;\n    return y;\n  }\n}\n");
  }

  @Test
  void switchesOnTheVariantKeepOneCase() {
    String before = """
        class A {
          String f() {
            switch (Turnout.variant(Flags.FLOW)) {
              case "v2" -> {
                return "two";
              }
              default -> {
                return "other";
              }
            }
          }
          String g() {
            return switch (Turnout.variant("flow")) { case "v3" -> "three"; default -> "x"; };
          }
          boolean h() {
            return "v2".equals(Turnout.variant("flow")) && Turnout.variant("flow").equals("v2");
          }
          String i() {
            String v = Turnout.variant("flow");
            return v;
          }
        }
        """;
    String after = rewrite("flow", "v2", before);
    assertThat(after).contains("  String f() {\n    return \"two\";\n  }")
        .contains("return \"x\";").contains("return true;").contains("String v = \"v2\";")
        .doesNotContain("Turnout");
  }

  @Test
  void whatCannotBeRewrittenIsLeftInPlace() {
    String before = """
        class A {
          Object f() {
            return Turnout.evaluate("beta");
          }
        }
        """;
    assertThat(rewrite("beta", "on", before)).isEqualTo(before);
  }

  @Test
  void otherFlagsAreUntouched() {
    String before = "class A {\n  boolean f() {\n    return Turnout.isEnabled(Flags.OTHER);\n  }\n}\n";
    assertThat(rewrite("beta", "on", before)).isEqualTo(before);
  }

  @Test
  void keepMustNameAVariant() {
    assertThatThrownBy(() -> new FlagRemover(CATALOG, "flow", "on")).hasMessageContaining("has the variants v1, v2, v3");
    assertThatThrownBy(() -> new FlagRemover(CATALOG, "betta", "on")).hasMessageContaining("did you mean 'beta'");
  }

  @Test
  void leftoversAreReportedAndTheCatalogEntryStays() {
    CatalogFile file = new CatalogFile(java.nio.file.Path.of("flags.yaml"), "flags.yaml",
        "flags:\n  beta:\n    default: off\n  flow:\n    variants: [v1, v2, v3]\n    off: v1\n  other:\n    default: on\n",
        CatalogFormat.YAML);
    JavaSources.SourceFile src = new JavaSources.SourceFile(java.nio.file.Path.of("A.java"), "A.java",
        "class A {\n  Object f() {\n    return Turnout.evaluate(\"beta\");\n  }\n}\n");
    FlagRemover.Result result = new FlagRemover(CATALOG, "beta", "on").remove(List.of(src), file, CATALOG);
    assertThat(result.left()).extracting(Object::toString).containsExactly("A.java:3: return Turnout.evaluate(\"beta\");");
    assertThat(result.catalogText()).isNull();
  }
}
