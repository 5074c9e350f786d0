package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.cli.internal.Fixtures.Run;
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
    FixtureBuild.Result build = mvn(project);
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
    FixtureBuild.Result build = mvn(project);
    assertThat(build.exitCode()).as(build.output()).isZero();
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

  private static FixtureBuild.Result mvn(Path project) throws Exception {
    return FixtureBuild.test(project, List.of("junit.version", "surefire.plugin.version", "compiler.plugin.version",
        "resources.plugin.version"));
  }
}
