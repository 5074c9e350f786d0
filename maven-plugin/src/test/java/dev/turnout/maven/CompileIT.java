package dev.turnout.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.MavenBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The compile-time promise without {@code clean}: with {@code turnout:fingerprint} a catalog change
 * recompiles the module, so a plain {@code mvn package} fails at every leftover use of a deleted flag,
 * and passes again once the flag is back or once code uses a flag just added.
 */
class CompileIT {

  @RegisterExtension
  static final ScratchMaven maven = new ScratchMaven();

  @Test
  void deletingAFlagFailsAPlainPackageAtEachUseAndRestoringItPasses() throws Exception {
    Path project = maven.copyFixture("compile", "deleted");
    Path catalog = project.resolve("src/main/resources/turnout/flags.yaml");
    String original = Files.readString(catalog);

    MavenBuild.Result first = maven.mvn(project, "package", "-Dcompiler.plugin.version=3.13.0");
    assertThat(first.exitCode()).as(first.output()).isZero();

    Files.writeString(catalog, original.replace("  new-checkout:\n    owner: shop-team\n    default: off\n", ""));
    MavenBuild.Result deleted = maven.mvn(project, "package", "-Dcompiler.plugin.version=3.13.0");
    assertThat(deleted.exitCode()).as(deleted.output()).isNotZero();
    assertThat(deleted.output()).as(deleted.output())
        .doesNotContain("Nothing to compile")
        .containsPattern("Checkout\\.java:\\[12,30] \\[turnout.unknown-flag] unknown flag 'new-checkout'");

    // javac reports missing symbols only once no processor reported an error: the key's use goes first.
    Path checkout = project.resolve("src/main/java/com/example/shop/Checkout.java");
    String code = Files.readString(checkout);
    Files.writeString(checkout, code.replace("Turnout.isEnabled(\"new-checkout\")", "false"));
    MavenBuild.Result constants = maven.mvn(project, "package", "-Dcompiler.plugin.version=3.13.0");
    assertThat(constants.exitCode()).as(constants.output()).isNotZero();
    assertThat(constants.output()).as(constants.output())
        .containsPattern("Checkout\\.java:\\[8,\\d+] cannot find symbol")
        .containsPattern("Shipping\\.java:\\[12,\\d+] cannot find symbol")
        .contains("variable NEW_CHECKOUT");

    Files.writeString(catalog, original);
    MavenBuild.Result restored = maven.mvn(project, "package", "-Dcompiler.plugin.version=3.13.0");
    assertThat(restored.exitCode()).as(restored.output()).isZero();
  }

  @Test
  void aFlagAddedToTheCatalogForCodeThatNamesItCompilesWithoutClean() throws Exception {
    Path project = maven.copyFixture("compile", "added");
    Path catalog = project.resolve("src/main/resources/turnout/flags.yaml");
    String original = Files.readString(catalog);
    MavenBuild.Result first = maven.mvn(project, "package", "-Dcompiler.plugin.version=3.11.0");
    assertThat(first.exitCode()).as(first.output()).isZero();

    Files.writeString(project.resolve("src/main/java/com/example/shop/Gifts.java"), """
        package com.example.shop;

        import dev.turnout.Turnout;

        public class Gifts {

          public boolean wrapped() {
            return Turnout.isEnabled(Flags.GIFT_WRAP);
          }
        }
        """);
    MavenBuild.Result missing = maven.mvn(project, "package", "-Dcompiler.plugin.version=3.11.0");
    assertThat(missing.exitCode()).as(missing.output()).isNotZero();
    assertThat(missing.output()).as(missing.output()).containsPattern("Gifts\\.java:\\[8,\\d+] cannot find symbol");

    Files.writeString(catalog, original + "  gift-wrap:\n    owner: shop-team\n    default: off\n");
    MavenBuild.Result added = maven.mvn(project, "package", "-Dcompiler.plugin.version=3.11.0");
    assertThat(added.exitCode()).as(added.output()).isZero();
    assertThat(added.output()).contains("src/main/resources/turnout/flags.yaml changed");
  }
}
