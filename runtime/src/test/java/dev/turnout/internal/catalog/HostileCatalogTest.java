package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import dev.turnout.testkit.HostileCatalogs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Hostile catalogs are refused fast, with a position, by the reader the CLI's {@code check} also uses:
 * no walk over catalog data recurses on a depth the catalog chooses, none restarts per flag, and a
 * catalog that could not evaluate (too deep, or exponential) is refused rather than accepted. The time
 * bounds are generous guards against the minutes the old reader took, not measurements.
 */
class HostileCatalogTest {

  private static final Duration GUARD = Duration.ofSeconds(20);

  static List<CatalogProblem> refused(String name, String text) {
    return assertTimeoutPreemptively(GUARD, () -> {
      CatalogException e = catchThrowableOfType(CatalogException.class,
          () -> CatalogReader.read(name, text, CatalogFormat.forName(name)));
      assertThat(e).as("%s is refused", name).isNotNull();
      for (CatalogProblem p : e.problems()) {
        assertThat(p.source()).isEqualTo(name);
      }
      return e.problems();
    });
  }

  static Catalog accepted(String name, String text) {
    return assertTimeoutPreemptively(GUARD, () -> CatalogReader.read(name, text, CatalogFormat.forName(name)));
  }

  private static <T> T timed(Supplier<T> work) {
    return assertTimeoutPreemptively(GUARD, work::get);
  }

  @Test
  void aLongPrerequisiteChainIsRefusedAtItsDepthLimitNotByAStackOverflow() {
    List<CatalogProblem> problems = refused("flags.yaml", HostileCatalogs.flagChain(15_000));
    assertThat(problems).hasSize(1);
    CatalogProblem p = problems.get(0);
    int first = CatalogReader.MAX_REFERENCE_DEPTH; // f0 is alone; f(MAX) is the first over the limit
    assertThat(p.line()).isEqualTo(first + 2);
    assertThat(p.column()).isEqualTo(3);
    assertThat(p.message()).startsWith("flag 'f" + first + "' is at the head of a chain of " + (first + 1)
        + " flags and segments").contains("at most " + CatalogReader.MAX_REFERENCE_DEPTH);
  }

  @Test
  void aChainOfTwoThousandFlagsThatCouldNeverEvaluateIsRefused() {
    assertThat(refused("flags.yaml", HostileCatalogs.flagChain(2_000))).hasSize(1);
  }

  @Test
  void aChainJustWithinTheDepthLimitIsAccepted() {
    Catalog c = accepted("flags.yaml", HostileCatalogs.flagChain(CatalogReader.MAX_REFERENCE_DEPTH));
    assertThat(c.flags()).hasSize(CatalogReader.MAX_REFERENCE_DEPTH);
  }

  @Test
  void aLongSegmentChainIsRefusedFastInOnePass() {
    List<CatalogProblem> problems = refused("flags.yaml", HostileCatalogs.segmentChain(20_000));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).startsWith("segment 's" + CatalogReader.MAX_REFERENCE_DEPTH + "' is at the head");
  }

  @Test
  void prerequisitesNamedTwicePerLevelAreRefusedWhereTheirCostPassesTheLimit() {
    List<CatalogProblem> problems = refused("flags.yaml", HostileCatalogs.flagDoubling(28));
    assertThat(problems).hasSize(1);
    CatalogProblem p = problems.get(0);
    assertThat(p.message()).contains("conditions to evaluate")
        .contains("at most " + String.format("%,d", CatalogReader.MAX_EVALUATION_COST));
    assertThat(p.line()).isGreaterThan(2).isLessThan(30);
    assertThat(p.column()).isEqualTo(3);
  }

  @Test
  void segmentsNamedTwicePerLevelAreRefused() {
    List<CatalogProblem> problems = refused("flags.yaml", HostileCatalogs.segmentDoubling(24));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).startsWith("segment 's").contains("conditions to evaluate");
  }

  @Test
  void aFewLevelsOfDoublingStayAccepted() {
    accepted("flags.yaml", HostileCatalogs.flagDoubling(6));
    accepted("flags.yaml", HostileCatalogs.segmentDoubling(6));
  }

  @Test
  void oneHundredThousandFlatFlagsAreOverTheSizeLimitAndFiftyThousandLoadWithinTheGuard() {
    List<CatalogProblem> problems = refused("flags.yaml", HostileCatalogs.flatFlags(100_000));
    assertThat(problems).singleElement().extracting(CatalogProblem::message)
        .isEqualTo("catalog is larger than the limit of 4194304 characters");
    Catalog c = accepted("flags.yaml", HostileCatalogs.flatFlags(50_000));
    assertThat(c.flags()).hasSize(50_000);
  }

  @Test
  void aCycleThroughManyFlagsIsReportedOnceWithAShortenedPath() {
    int n = 20_000;
    StringBuilder sb = new StringBuilder("flags:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  f").append(i).append(": {rules: [{when: {flag: f").append((i + 1) % n).append("}, serve: on}]}\n");
    }
    List<CatalogProblem> problems = refused("flags.yaml", sb.toString());
    assertThat(problems).hasSizeLessThanOrEqualTo(CatalogReader.MAX_CYCLES_SHOWN);
    assertThat(problems.get(0).message()).startsWith("flag 'f0' depends on itself through its conditions: flag f0 -> flag f1")
        .endsWith("-> flag f0").hasSizeLessThan(1000);
  }

  @Test
  void aLongPatternIsRefusedBeforeCompiling() {
    String pattern = "a".repeat(100_000);
    List<CatalogProblem> problems = refused("flags.json", HostileCatalogs.pattern(pattern));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(1);
    assertThat(problems.get(0).message()).contains("longer than " + Patterns.MAX_LENGTH);
  }

  @Test
  void aPatternWhoseProgramIsTooLargeIsRefusedWithItsPosition() {
    List<CatalogProblem> problems = refused("flags.json", HostileCatalogs.pattern("((a{100}){100}){100}"));
    assertThat(problems).hasSize(1);
    CatalogProblem p = problems.get(0);
    assertThat(p.line()).isEqualTo(1);
    assertThat(p.column()).isGreaterThan(1);
    assertThat(p.message()).contains("too large").contains(String.format("%,d", Patterns.MAX_PROGRAM_SIZE));
  }

  @Test
  void fortyLargePatternsAreRefusedFast() {
    StringBuilder sb = new StringBuilder("flags:\n");
    for (int i = 0; i < 40; i++) {
      sb.append("  p").append(i).append(": {rules: [{when: {attribute: a, op: matches, values: ['((a{100}){100}){100}']}, serve: on}]}\n");
    }
    assertThat(refused("flags.yaml", sb.toString())).hasSize(40);
  }

  @Test
  void patternsOfTheUsualSizeAreAccepted() {
    accepted("flags.json", HostileCatalogs.pattern("^[a-z0-9._%+-]+@(example|acme)\\.(com|org)$"));
    accepted("flags.json", HostileCatalogs.pattern("^v(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$"));
  }

  @Test
  void flagdEvaluatorsNamedTwicePerLevelAreRefused() {
    List<CatalogProblem> problems = refused("flags.json", HostileCatalogs.flagdRefDoubling(24));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).contains("conditions to evaluate");
    assertThat(problems.get(0).line()).isEqualTo(1);
  }

  @Test
  void aLongFlagdEvaluatorChainIsRefusedNotOverflowed() {
    List<CatalogProblem> problems = refused("flags.json", HostileCatalogs.flagdRefChain(20_000));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).contains("nested deeper than");
  }

  @Test
  void aFewFlagdEvaluatorLevelsStayAccepted() {
    accepted("flags.json", HostileCatalogs.flagdRefDoubling(6));
    accepted("flags.json", HostileCatalogs.flagdRefChain(10));
  }

  @Test
  void nestedArrayOperationsOverLargeListsAreRefused() {
    List<CatalogProblem> problems = refused("flags.json", HostileCatalogs.flagdNestedMap(3, 1_000));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).contains("conditions to evaluate");
  }

  // ---- text

  @Test
  void anAnchorOnAScalarIsRefusedLikeOneOnAMap() {
    List<CatalogProblem> problems = refused("flags.yaml", "flags:\n  a:\n    description: &d hello\n");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(3);
    assertThat(problems.get(0).message()).contains("anchors");
  }

  @Test
  void aLeadingByteOrderMarkIsAcceptedInJsonAndYamlAlike() {
    assertThat(accepted("flags.json", "\uFEFF{\"flags\": {\"a\": {}}}").flags()).containsKey("a");
    assertThat(accepted("flags.yaml", "\uFEFFflags:\n  a: {}\n").flags()).containsKey("a");
  }

  @Test
  void aByteOrderMarkElsewhereIsNotSkipped() {
    assertThat(refused("flags.json", "{\"flags\": \uFEFF{\"a\": {}}}")).isNotEmpty();
  }

  @Test
  void invalidUtf8IsRefusedWithItsLineAndByteOffset() {
    byte[] latin1 = "flags:\n  a:\n    description: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    CatalogException e = catchThrowableOfType(CatalogException.class,
        () -> CatalogReader.read("flags.yaml", latin1, CatalogFormat.YAML));
    assertThat(e).isNotNull();
    CatalogProblem p = e.problems().get(0);
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.column()).isEqualTo(21);
    assertThat(p.message()).contains("not valid UTF-8").contains("byte offset 32");
  }

  @Test
  void textDecodedWithReplacementCharactersIsRefusedToo() {
    String decoded = new String("flags:\n  a:\n    description: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8);
    List<CatalogProblem> problems = refused("flags.yaml", decoded);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(3);
    assertThat(problems.get(0).message()).contains("UTF-8");
  }

  @Test
  void validUtf8BytesAreRead() {
    byte[] utf8 = "\uFEFFflags:\n  a:\n    description: caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    assertThat(CatalogReader.read("flags.yaml", utf8, CatalogFormat.YAML).flags().get("a").description()).isEqualTo("caf\u00e9");
  }

  @Test
  void errorsNeverEchoTheStartOfAFileThatIsNoCatalog() {
    String secret = "root:$6$Zb4rSecretHashValue$kq:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n";
    for (String name : List.of("shadow.yaml", "shadow.json")) {
      for (CatalogProblem p : refused(name, secret)) {
        assertThat(p.message()).doesNotContain("root").doesNotContain("Zb4r").doesNotContain("daemon");
      }
    }
    String json = "{\"password\": hunter2secret}";
    for (CatalogProblem p : refused("x.json", json)) {
      assertThat(p.message()).doesNotContain("hunter2");
    }
  }
}
