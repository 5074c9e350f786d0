package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.cli.internal.Fixtures.Run;
import dev.turnout.testsupport.MavenBuild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code turnout remove} on copies of the shop fixture (shaped like the sample application: a gated
 * instance method with a targeting key, variant methods in a static nested class, programmatic checks
 * through {@code Flags} constants, string literals and a static import, a switch on the variant), for a
 * boolean and a multivariate flag and each track: the copy then compiles with the annotation processor
 * (so any reference missed would be a compile error), its tests pass, and {@code usages} finds nothing.
 */
class RemoveIT {

  @TempDir
  Path work;

  @Test
  void theFixtureBuildsAsItIs() throws Exception {
    Path project = Fixtures.copy("shop", work.resolve("as-is"));
    MavenBuild.Result build = mvn(project);
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("Tests run: 3, Failures: 0");
  }

  @ParameterizedTest
  @CsvSource({"new-checkout,on", "new-checkout,off", "checkout-flow,v2", "checkout-flow,v1", "dark-mode,off"})
  void afterRemoveTheProjectBuildsItsTestsPassAndNothingIsLeft(String flag, String keep) throws Exception {
    Path project = Fixtures.copy("shop", work.resolve(flag + "-" + keep));

    Run remove = Fixtures.run(project, "remove", flag, "--keep", keep);

    assertThat(remove.status()).as(remove.out() + remove.err()).isZero();
    assertThat(remove.out()).contains("removed the catalog entry of '" + flag + "'");
    Run usages = Fixtures.run(project, "usages", flag);
    assertThat(usages.out()).isEmpty();
    assertThat(usages.status()).isEqualTo(1);
    MavenBuild.Result build = mvn(project);
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("Tests run: 3, Failures: 0, Errors: 0");
  }

  /**
   * Checks in every shape next to the fixture's (an if whose kept branch returns before other statements,
   * else-if chains, nested ifs, negations, conditions joined with other conditions, loops, a variable,
   * an evaluation's variant, an overload of the alternate's name): after remove, javac through the
   * fixture's build must accept the result and its tests pass.
   */
  @ParameterizedTest
  @CsvSource({"new-checkout,on", "new-checkout,off"})
  void checksOfEveryShapeStillCompileAfterRemove(String flag, String keep) throws Exception {
    Path project = Fixtures.copy("shop", work.resolve("shapes-" + keep));
    Files.writeString(project.resolve("src/main/java/com/example/shop/Shapes.java"), """
        package com.example.shop;

        import dev.turnout.Turnout;

        /** Checks of every shape. */
        public class Shapes {
          boolean ready() { return true; }
          public String oneLine() { if (Turnout.isEnabled(Flags.NEW_CHECKOUT)) { return "new"; } return "old"; }
          public String elseIf(int n) {
            if (n > 2) {
              return "big";
            } else if (!Turnout.isEnabled(Flags.NEW_CHECKOUT)) {
              return "old";
            } else {
              return "new";
            }
          }
          public String nested(int n) {
            if (n > 0) {
              if (Turnout.isEnabled("new-checkout")) {
                return "new";
              }
              n++;
              return "old" + n;
            }
            return "none";
          }
          public String joined() {
            if (ready() && Turnout.isEnabled(Flags.NEW_CHECKOUT)) {
              return "new";
            }
            return "old";
          }
          public int loop(int n) {
            while (n > 0) {
              if (Turnout.isEnabled(Flags.NEW_CHECKOUT)) {
                break;
              }
              n--;
            }
            return n;
          }
          public String variable() {
            boolean on = Turnout.isEnabled(Flags.NEW_CHECKOUT);
            return on ? "new" : "old";
          }
          public String variant() {
            return Turnout.evaluate(Flags.NEW_CHECKOUT, dev.turnout.EvaluationContext.of("ann")).variant();
          }
          public int total(Checkout c) {
            return c.totalWithDiscount(5) + ALTERNATE;
          }
        }
        """.replace("ALTERNATE", keep.equals("on") ? "c.totalWithDiscount(\"ann\", 100)" : "0"));
    Path checkout = project.resolve("src/main/java/com/example/shop/Checkout.java");
    Files.writeString(checkout, Files.readString(checkout).replace("  public String banner() {",
        "  /** Not the alternate: another method of the same name. */\n  public int totalWithDiscount(int amount) {\n"
            + "    return amount;\n  }\n\n  public String banner() {"));
    MavenBuild.Result asIs = mvn(project);
    assertThat(asIs.exitCode()).as(asIs.output()).isZero();

    Run remove = Fixtures.run(project, "remove", flag, "--keep", keep);

    assertThat(remove.status()).as(remove.out() + remove.err()).isZero();
    String shapes = Files.readString(project.resolve("src/main/java/com/example/shop/Shapes.java"));
    assertThat(shapes).doesNotContain("Turnout.isEnabled", "NEW_CHECKOUT").contains("c.totalWithDiscount(5)");
    MavenBuild.Result build = mvn(project);
    assertThat(build.exitCode()).as(shapes + build.output()).isZero();
    assertThat(build.output()).contains("Tests run: 3, Failures: 0, Errors: 0");
  }

  @Test
  void theRunnableJarRemovesToo() throws Exception {
    Path project = Fixtures.copy("shop", work.resolve("jar"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        System.getProperty("turnout.cli.jar"), "remove", "new-checkout", "--keep", "on", "--dry-run")
        .directory(project.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("--- a/src/main/java/com/example/shop/Checkout.java")
        .contains("-  @FeatureFlag(value = Flags.NEW_CHECKOUT, alternate = \"totalWithDiscount\")");
    assertThat(Files.readString(project.resolve("src/main/java/com/example/shop/Checkout.java")))
        .contains("@FeatureFlag(value = Flags.NEW_CHECKOUT");
  }

  private static MavenBuild.Result mvn(Path project) throws Exception {
    return FixtureBuild.test(project, List.of("junit.version", "surefire.plugin.version", "compiler.plugin.version",
        "resources.plugin.version"));
  }
}
