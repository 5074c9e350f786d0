package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.cli.internal.Fixtures.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir
  Path dir;

  @Test
  void checkAcceptsAValidCatalog() throws Exception {
    Fixtures.copy("shop", dir);
    Run run = Fixtures.run(dir, "check");
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("src/main/resources/turnout/flags.yaml: 3 flags, no problems\n");
  }

  @Test
  void checkListsEveryProblemWithItsPlaceAndFails() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "flags:\n  a:\n    default: maybe\n    rules:\n"
        + "      - when: { attribute: x, op: ends_wth, values: [a] }\n        serve: on\n");
    Run run = Fixtures.run(dir, "check", "bad.yaml");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.lines()).hasSize(2);
    assertThat(run.lines().get(0)).startsWith("bad.yaml:3:14: default names variant 'maybe'");
    assertThat(run.lines().get(1)).startsWith("bad.yaml:5:35: unknown operator 'ends_wth' (did you mean 'ends_with'?)");
  }

  @Test
  void checkWithoutACatalogIsAUsageError() {
    Run run = Fixtures.run(dir, "check");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("no catalog found");
  }

  @Test
  void listShowsMetadataAndStatePerEnvironment() throws Exception {
    Fixtures.copy("shop", dir);
    Run run = Fixtures.run(dir, "list");
    assertThat(run.status()).isZero();
    assertThat(run.lines()).containsExactly(
        "FLAG           KIND        OWNER        TICKET  AGE  EXPIRES     STATE                         DEVELOPMENT",
        "new-checkout   release     shop-team    SHOP-1  50d  2999-01-01  rules                         on",
        "checkout-flow  experiment  growth-team  -       28d  -           rollout v1 50% v2 25% v3 25%  rollout v1 50% v2 25% v3 25%",
        "dark-mode      release     ui-team      -       -    -           on                            on");
  }

  @Test
  void listJsonIsForTools() throws Exception {
    Fixtures.copy("shop", dir);
    Run run = Fixtures.run(dir, "list", "--json");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("\"environments\" : [ \"development\" ]")
        .contains("\"key\" : \"new-checkout\"").contains("\"ageDays\" : 50")
        .contains("\"environmentStates\" : {\n      \"development\" : \"on\"");
  }

  @Test
  void usagesFindsEveryKindOfPlaceLikeGrep() throws Exception {
    Fixtures.copy("shop", dir);
    Run run = Fixtures.run(dir, "usages", "new-checkout");
    assertThat(run.status()).isZero();
    assertThat(run.lines()).containsExactly(
        "src/main/resources/turnout/flags.yaml:6: new-checkout:",
        "src/main/java/com/example/shop/Checkout.java:12: @FeatureFlag(value = Flags.NEW_CHECKOUT, alternate = \"totalWithDiscount\")",
        "src/main/java/com/example/shop/Checkout.java:18: public int totalWithDiscount(String customer, int amount) {",
        "src/main/java/com/example/shop/Checkout.java:23: if (Turnout.isEnabled(Flags.NEW_CHECKOUT)) {",
        "src/main/java/com/example/shop/Checkout.java:32: return premium && !Turnout.isEnabled(\"new-checkout\");");
  }

  @Test
  void usagesFindsVariantMethodsInNestedClassesAndStaticImports() throws Exception {
    Fixtures.copy("shop", dir);
    assertThat(Fixtures.run(dir, "usages", "checkout-flow").lines()).containsExactly(
        "src/main/resources/turnout/flags.yaml:20: checkout-flow:                 # how many steps the checkout takes",
        "src/main/java/com/example/shop/Checkout.java:40: @FeatureFlag(value = \"checkout-flow\", variants = {",
        "src/main/java/com/example/shop/Checkout.java:47: static int stepsV2() {",
        "src/main/java/com/example/shop/Checkout.java:51: static int stepsV3() {",
        "src/main/java/com/example/shop/Checkout.java:56: switch (Turnout.variant(Flags.CHECKOUT_FLOW)) {");
    assertThat(Fixtures.run(dir, "usages", "dark-mode").lines()).containsExactly(
        "src/main/resources/turnout/flags.yaml:29: dark-mode:",
        "src/main/java/com/example/shop/Theme.java:3: import static com.example.shop.Flags.DARK_MODE;",
        "src/main/java/com/example/shop/Theme.java:11: return Turnout.isEnabled(DARK_MODE) ? \"dark\" : \"light\";");
  }

  @Test
  void usagesOfAnUnknownFlagFindNothingAndExitOne() throws Exception {
    Fixtures.copy("shop", dir);
    Run run = Fixtures.run(dir, "usages", "no-such-flag");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void staleFindsExpiredUnusedUnknownAndOverBudget() throws Exception {
    Fixtures.copy("shop", dir);
    Path catalog = dir.resolve("src/main/resources/turnout/flags.yaml");
    Files.writeString(catalog, Files.readString(catalog).replace("expires: 2999-01-01", "expires: 2026-02-01")
        .replace("segments:", "  old-banner:\n    owner: web-team\n\nsegments:"));
    Path theme = dir.resolve("src/main/java/com/example/shop/Theme.java");
    Files.writeString(theme, Files.readString(theme).replace("\"light\"", "(Turnout.isEnabled(\"gone-flag\") ? \"x\" : \"light\")"));

    Run run = Fixtures.run(dir, "stale", "--max-flags", "3");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.lines()).containsExactly(
        "src/main/java/com/example/shop/Theme.java:11: 'gone-flag' names no flag of src/main/resources/turnout/flags.yaml: "
            + "return Turnout.isEnabled(DARK_MODE) ? \"dark\" : (Turnout.isEnabled(\"gone-flag\") ? \"x\" : \"light\");",
        "src/main/resources/turnout/flags.yaml:6:3: flag 'new-checkout' expired on 2026-02-01 (28 days ago)",
        "src/main/resources/turnout/flags.yaml:34:3: flag 'old-banner' is named by no code in src/main/java, src/test/java",
        "src/main/resources/turnout/flags.yaml: 4 flags, over the budget of 3");
  }

  @Test
  void aCleanProjectIsNotStale() throws Exception {
    Fixtures.copy("shop", dir);
    Run run = Fixtures.run(dir, "stale");
    assertThat(run.out()).isEqualTo("no stale flags\n");
    assertThat(run.status()).isZero();
  }

  @Test
  void checkTakesTheCatalogOptionLikeEveryCommand() throws Exception {
    Fixtures.copy("shop", dir);
    Files.copy(dir.resolve("src/main/resources/turnout/flags.yaml"), dir.resolve("flags.yaml"));
    Run run = Fixtures.run(dir, "check", "--catalog", "flags.yaml");
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("flags.yaml: 3 flags, no problems\n");
  }

  @Test
  void staleRefusesNegativeNumbersInOneLine() throws Exception {
    Fixtures.copy("shop", dir);
    for (String[] args : List.of(new String[] {"stale", "--days", "-1"}, new String[] {"stale", "--max-flags", "-3"})) {
      Run run = Fixtures.run(dir, args);
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err()).contains("must be 0 or more");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void anArgumentNamingAFileIsNeverReplacedByItsContentNorEchoed() throws Exception {
    Fixtures.copy("shop", dir);
    Files.writeString(dir.resolve("secret.txt"), "--password hunter2\n");
    Run run = Fixtures.run(dir, "stale", "--days", "@secret.txt");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).doesNotContain("hunter2");
    Run unknown = Fixtures.run(dir, "check", "--nope");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err().lines()).containsExactly("turnout: Unknown option: '--nope' (see `turnout check --help`)");
  }

  @Test
  void usagesOfAKeyNotInTheCatalogWarnSuggestTheKeyAndExitOne() throws Exception {
    Fixtures.copy("shop", dir);
    Run run = Fixtures.run(dir, "usages", "NEW-CHECKOUT");
    assertThat(run.err()).contains("warning: 'NEW-CHECKOUT' is not a flag of src/main/resources/turnout/flags.yaml")
        .contains("did you mean 'new-checkout'");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void aFileThatIsNotUtf8OrNotParseableIsOneWarningAndTheRestProceeds() throws Exception {
    Fixtures.copy("shop", dir);
    Path pkg = dir.resolve("src/main/java/com/example/shop");
    Files.write(pkg.resolve("Latin.java"), "package com.example.shop;\n/** Caf\u00e9 */\nclass Latin {}\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Files.writeString(pkg.resolve("Unnamed.java"),
        "package com.example.shop;\nclass Unnamed {\n  int f(java.util.List<String> l) {\n    for (String _ : l) {}\n    return 0;\n  }\n}\n");
    byte[] latin = Files.readAllBytes(pkg.resolve("Latin.java"));

    Run usages = Fixtures.run(dir, "usages", "new-checkout");
    assertThat(usages.status()).isZero();
    assertThat(usages.out()).contains("Checkout.java:23:");
    assertThat(usages.err().lines()).containsExactly(
        "warning: src/main/java/com/example/shop/Latin.java: not UTF-8 (save it as UTF-8 to include it): skipped",
        "warning: src/main/java/com/example/shop/Unnamed.java:4:17: the Java parser cannot read it at \"_\" "
            + "(Java 22's unnamed variables are not supported yet): skipped");

    Run remove = Fixtures.run(dir, "remove", "new-checkout", "--keep", "on");
    assertThat(remove.status()).as(remove.out() + remove.err()).isZero();
    assertThat(remove.err().lines()).hasSize(2);
    assertThat(Files.readAllBytes(pkg.resolve("Latin.java"))).isEqualTo(latin);
    assertThat(Files.readString(pkg.resolve("Checkout.java"))).doesNotContain("Turnout.isEnabled(Flags.NEW_CHECKOUT)");
  }

  @Test
  void aFileLeftOutThatNamesTheFlagHoldsTheCatalogEntryBack() throws Exception {
    Fixtures.copy("shop", dir);
    Path pkg = dir.resolve("src/main/java/com/example/shop");
    Files.write(pkg.resolve("Latin.java"), ("package com.example.shop;\n/** Caf\u00e9 */\nclass Latin {\n"
        + "  boolean f() { return dev.turnout.Turnout.isEnabled(Flags.NEW_CHECKOUT); }\n}\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Run remove = Fixtures.run(dir, "remove", "new-checkout", "--keep", "on");
    assertThat(remove.status()).isEqualTo(1);
    assertThat(remove.out()).contains("left for you at src/main/java/com/example/shop/Latin.java:4:")
        .doesNotContain("removed the catalog entry");
    assertThat(Files.readString(dir.resolve("src/main/resources/turnout/flags.yaml"))).contains("new-checkout:");
  }

  @Test
  void aRemoveWhoseSecondMoveFailsChangesNoFileAndSaysSoInOneLine() throws Exception {
    Fixtures.copy("shop", dir);
    Path theme = dir.resolve("src/main/java/com/example/shop/Theme.java");
    Files.writeString(theme, Files.readString(theme).replace("DARK_MODE) ?", "DARK_MODE) && Turnout.isEnabled(Flags.NEW_CHECKOUT) ?"));
    java.util.Map<Path, String> before = new java.util.HashMap<>();
    try (var files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        before.put(p, Files.readString(p));
      }
    }
    int[] moves = {0};
    Run run = Fixtures.run(dir, (from, to) -> {
      if (++moves[0] == 2) {
        throw new java.nio.file.AccessDeniedException(to.toString());
      }
      FileSet.ATOMIC.move(from, to);
    }, "remove", "new-checkout", "--keep", "on");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err().lines()).containsExactly(
        "turnout: src/main/java/com/example/shop/Theme.java: cannot replace: permission denied; no file was changed");
    try (var files = Files.walk(dir)) {
      java.util.Map<Path, String> after = new java.util.HashMap<>();
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        after.put(p, Files.readString(p));
      }
      assertThat(after).isEqualTo(before);
    }
  }
}
