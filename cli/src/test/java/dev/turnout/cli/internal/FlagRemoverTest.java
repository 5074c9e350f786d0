package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogFormat;
import dev.turnout.cli.api.CatalogFile;
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

  private static final String FEATURE = """
      package p;

      import dev.turnout.FeatureFlag;

      public class Feature {
        @FeatureFlag(value = Flags.BETA, alternate = "linkWithBeta")
        public String link(int id) {
          return "";
        }

        String linkWithBeta(int id) {
          return "<a>" + id + "</a>";
        }
      }
      """;

  private static final String FEATURE_TEST = """
      package p;

      import dev.turnout.junit.WithFlag;
      import java.util.function.IntFunction;
      import org.junit.jupiter.api.Test;

      class FeatureTest {
        Feature feature = new Feature();

        @Test
        @WithFlag(value = Flags.BETA, variant = "off")
        void originalTrack() {
          check(feature.link(1).isEmpty());
        }

        /** The alternate, called directly. */
        @Test
        void alternate() {
          check(feature.linkWithBeta(1).contains("1"));
          IntFunction<String> f = feature::linkWithBeta;
        }

        @Test
        @WithFlag("beta")
        void pinnedOn() {
          check(true);
        }

        void check(boolean b) {}
      }
      """;

  private static FlagRemover.Result removeBeta(String keep, String... sources) {
    CatalogFile file = new CatalogFile(java.nio.file.Path.of("flags.yaml"), "flags.yaml",
        "flags:\n  beta:\n    default: off\n  flow:\n    variants: [v1, v2, v3]\n    off: v1\n  other:\n    default: on\n",
        CatalogFormat.YAML);
    List<JavaSources.SourceFile> files = new ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      String name = sources[i].contains("class FeatureTest") ? "FeatureTest.java"
          : sources[i].contains("class Caller") ? "Caller.java" : "Feature.java";
      files.add(new JavaSources.SourceFile(java.nio.file.Path.of(name), name, sources[i]));
    }
    return new FlagRemover(CATALOG, "beta", keep).remove(files, file, CATALOG);
  }

  private static String changed(FlagRemover.Result result, String name) {
    return result.changed().entrySet().stream().filter(e -> e.getKey().display().equals(name))
        .map(java.util.Map.Entry::getValue).findFirst().orElseThrow();
  }

  @Test
  void keepingOnRenamesCallsToTheAlternateInOtherFilesAndDropsTestsPinnedToTheOtherTrack() {
    // The test file comes first: the gate in the later file must still rename its calls.
    FlagRemover.Result result = removeBeta("on", FEATURE_TEST, FEATURE);

    assertThat(result.left()).isEmpty();
    assertThat(result.catalogText()).doesNotContain("beta");
    assertThat(result.notes()).containsOnlyOnce("FeatureTest.java: calls of linkWithBeta now call link");
    assertThat(changed(result, "FeatureTest.java")).isEqualTo("""
        package p;

        import java.util.function.IntFunction;
        import org.junit.jupiter.api.Test;

        class FeatureTest {
          Feature feature = new Feature();

          /** The alternate, called directly. */
          @Test
          void alternate() {
            check(feature.link(1).contains("1"));
            IntFunction<String> f = feature::link;
          }

          @Test
          void pinnedOn() {
            check(true);
          }

          void check(boolean b) {}
        }
        """);
  }

  @Test
  void keepingOffDropsTheTestsOfTheAlternateAndThosePinnedOn() {
    FlagRemover.Result result = removeBeta("off", FEATURE, FEATURE_TEST);

    assertThat(result.left()).isEmpty();
    assertThat(changed(result, "FeatureTest.java")).isEqualTo("""
        package p;

        import java.util.function.IntFunction;
        import org.junit.jupiter.api.Test;

        class FeatureTest {
          Feature feature = new Feature();

          @Test
          void originalTrack() {
            check(feature.link(1).isEmpty());
          }

          void check(boolean b) {}
        }
        """);
    assertThat(result.notes()).contains(
        "FeatureTest.java: removed the test alternate, which calls linkWithBeta (gone with its track)",
        "FeatureTest.java: removed the test pinnedOn, pinned to 'on'",
        "FeatureTest.java: originalTrack: removed the pin @WithFlag(value = Flags.BETA, variant = \"off\")");
  }

  @Test
  void aCallToARemovedTrackOutsideATestIsLeftAndTheCatalogEntryStays() {
    String caller = "package p;\n\nclass Caller {\n  String f(Feature x) {\n    return x.linkWithBeta(2);\n  }\n}\n";
    FlagRemover.Result result = removeBeta("off", FEATURE, caller);

    assertThat(result.left()).extracting(Object::toString)
        .containsExactly("Caller.java:5: x.linkWithBeta(2)");
    assertThat(result.catalogText()).isNull();
  }

  /** The rewritten class compiles (javac), and no flag call is left in it. */
  private static String compiled(String key, String keep, String source) {
    String after = rewrite(key, keep, source);
    assertThat(Javac.errors("A", after)).as(after).isEmpty();
    return after;
  }

  private static final String TURNOUT_STUB = """
      class Turnout { static boolean isEnabled(String k) { return false; } static String variant(String k) { return ""; } }
      class Flags { static final String BETA = "beta"; static final String FLOW = "flow"; static final String OTHER = "other"; }
      """;

  @Test
  void aReturnKeptOnOneLineDropsTheStatementsItMakesUnreachable() {
    String before = "class A {\n  String f() { if (Turnout.isEnabled(Flags.BETA)) { return \"new\"; } return \"old\"; }\n}\n"
        + TURNOUT_STUB;
    assertThat(Javac.errors("A", before)).isEmpty();
    assertThat(compiled("beta", "on", before)).startsWith("class A {\n  String f() { return \"new\"; }\n}\n");
    assertThat(compiled("beta", "off", before)).startsWith("class A {\n  String f() { return \"old\"; }\n}\n");
  }

  @Test
  void everyKindOfCheckRewritesToCodeThatCompiles() {
    String before = """
        class A {
          boolean ready() { return true; }
          String elseBranch() {
            if (!Turnout.isEnabled(Flags.BETA)) {
              return "old";
            } else {
              return "new";
            }
          }
          String nested(int n) {
            if (n > 0) {
              if (Turnout.isEnabled("beta")) {
                return "new";
              }
              n++;
              return "old" + n;
            }
            return "none";
          }
          String elseIf(int n) {
            if (n > 2) {
              return "big";
            } else if (Turnout.isEnabled("beta")) {
              return "new";
            } else {
              return "old";
            }
          }
          String ternary() {
            return Turnout.isEnabled(Flags.BETA) ? "new" : "old";
          }
          String conjunction() {
            if (ready() && Turnout.isEnabled(Flags.BETA)) {
              return "new";
            }
            return "old";
          }
          String disjunction() {
            if (ready() || !Turnout.isEnabled(Flags.BETA)) {
              return "old";
            }
            return "new";
          }
          int loop(int n) {
            for (int i = 0; i < n; i++) {
              if (Turnout.isEnabled("beta")) {
                continue;
              }
              n--;
            }
            while (n > 0) {
              if (Turnout.isEnabled("beta")) {
                break;
              }
              n--;
            }
            return n;
          }
          String variable() {
            boolean on = Turnout.isEnabled(Flags.BETA);
            if (on) {
              return "new";
            }
            return "old";
          }
          void thrown() {
            if (Turnout.isEnabled("beta")) {
              throw new IllegalStateException("new");
            }
            System.out.println("old");
          }
          String sw(int n) {
            switch (n) {
              case 1:
                if (Turnout.isEnabled("beta")) {
                  return "new";
                }
                return "old";
              default:
                return "x";
            }
          }
        }
        """ + TURNOUT_STUB;
    assertThat(Javac.errors("A", before)).isEmpty();
    String on = compiled("beta", "on", before);
    assertThat(on).contains("if (ready()) {\n      return \"new\";\n    }\n    return \"old\";")
        .contains("return \"new\";\n  }\n  String nested")
        .doesNotContain("\"none\"\n", "Turnout.isEnabled(Flags.BETA)", "Turnout.isEnabled(\"beta\")")
        .contains("boolean on = true;");
    String off = compiled("beta", "off", before);
    // The other condition may have side effects: it stays, evaluated as before.
    assertThat(off).contains("if (ready() && false) {").contains("if (ready() || true) {")
        .contains("System.out.println(\"old\");").contains("boolean on = false;")
        .doesNotContain("Turnout.isEnabled(Flags.BETA)", "Turnout.isEnabled(\"beta\")");
  }

  private static final String OVERLOADED = """
      package p;

      import dev.turnout.FeatureFlag;

      public class Feature {
        @FeatureFlag(value = Flags.BETA, alternate = "totalNew")
        public int total(String user, int amount) {
          return amount;
        }

        int totalNew(String user, int amount) {
          return amount / 2;
        }

        int totalNew(int amount) {
          return amount * 3;
        }

        int totalNew(int amount, String currency) {
          return amount;
        }
      }
      """;

  @Test
  void onlyCallsOfTheAlternateItselfAreRewrittenNeverAnOverloadOfTheSameName() {
    String caller = """
        package p;

        class Caller {
          int f(Feature x, String u, int n) {
            return x.totalNew(5) + x.totalNew("ann", 4) + x.totalNew(7, "EUR") + x.totalNew(u, n);
          }
        }
        """;
    FlagRemover.Result result = removeBeta("on", OVERLOADED.replace("class Feature", "class Feature"), caller);
    String feature = changed(result, "Feature.java");
    assertThat(feature).contains("public int total(String user, int amount) {\n    return amount / 2;")
        .contains("int totalNew(int amount) {").contains("int totalNew(int amount, String currency) {")
        .doesNotContain("int totalNew(String user, int amount)");
    // x.totalNew(u, n): the arguments' types are not known from the source alone, and an overload of the
    // same arity exists: left for the user rather than guessed.
    assertThat(changed(result, "Caller.java")).contains(
        "return x.totalNew(5) + x.total(\"ann\", 4) + x.totalNew(7, \"EUR\") + x.totalNew(u, n);");
    assertThat(result.left()).extracting(Object::toString).containsExactly("Caller.java:5: x.totalNew(u, n)");
  }

  @Test
  void theVariantOfAnEvaluationBecomesTheKeptVariantWhileOtherUsesOfItAreLeft() {
    String before = """
        class A {
          String a(Object ctx) {
            return Turnout.evaluate(Flags.FLOW, ctx).variant();
          }
          boolean b(Object ctx) {
            return "v2".equals(Turnout.evaluate(Flags.FLOW, ctx).variant()) && Turnout.evaluate("flow", ctx).isEnabled();
          }
          String c(Object ctx) {
            return Turnout.variant(Flags.FLOW, ctx);
          }
          Object d(Object ctx) {
            return Turnout.evaluate(Flags.FLOW, ctx).reason();
          }
        }
        """;
    String after = rewrite("flow", "v2", before);
    assertThat(after).contains("  String a(Object ctx) {\n    return \"v2\";").contains("  boolean b(Object ctx) {\n    return true;")
        .contains("  String c(Object ctx) {\n    return \"v2\";").contains("return Turnout.evaluate(Flags.FLOW, ctx).reason();");
    assertThat(rewrite("flow", "v1", before)).contains("  boolean b(Object ctx) {\n    return false;");
  }
}
