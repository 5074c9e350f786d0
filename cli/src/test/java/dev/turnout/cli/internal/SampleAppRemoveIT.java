package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.cli.internal.Fixtures.Run;
import dev.turnout.testsupport.MavenBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code turnout remove} on copies of the real sample application (its sources, unit tests and catalog
 * {@code flags.yaml}; the pom replaced by a standalone one that builds against the freshly built jars),
 * for the release flag {@code product-TASKS-103-comments} keeping each track, and for the multivariate
 * experiment {@code task-form-experiment} keeping each variant: every copy then compiles with the
 * annotation processor over the edited catalog (a use left behind would be a compile error), its unit
 * tests pass, and {@code usages} finds nothing. The sample's integration tests are not copied: they
 * start the application under the agent, and those of a flag drive it end to end by its key, which is for
 * whoever removes the flag to delete.
 */
class SampleAppRemoveIT {

  private static final String FLAG = "product-TASKS-103-comments";
  private static final String EXPERIMENT = "task-form-experiment";
  private static final List<String> VARIANTS = List.of("classic", "compact", "guided");

  @TempDir
  Path work;

  @ParameterizedTest
  @ValueSource(strings = {"on", "off"})
  void removingTheCommentsFlagLeavesABuildWhoseTestsPass(String keep) throws Exception {
    Path project = copySample(work.resolve(keep));
    int tests = countTests(project);

    Run remove = Fixtures.run(project, "remove", FLAG, "--keep", keep, "--catalog", "flags.yaml");

    assertThat(remove.status()).as(remove.out() + remove.err()).isZero();
    assertThat(remove.out()).contains("flags.yaml:8: removed the catalog entry of '" + FLAG + "'");
    String feature = Files.readString(project.resolve("src/main/java/dev/turnout/sample/comments/CommentsFeature.java"));
    assertThat(feature).doesNotContain("@FeatureFlag", "WithComments", "Flags");
    String test = Files.readString(project.resolve("src/test/java/dev/turnout/sample/comments/CommentsFeatureTest.java"));
    assertThat(test).doesNotContain("WithComments", "@WithFlag", "Flags");
    if (keep.equals("on")) {
      assertThat(feature).doesNotContain("Response.notFound();\n  }\n\n  private");
      assertThat(test).doesNotContain("theOriginalTracksShowNothingAndKnowNothing").contains("feature.page(");
    } else {
      assertThat(feature).contains("return \"\";").doesNotContain("comments.count(");
      assertThat(test).contains("theOriginalTracksShowNothingAndKnowNothing")
          .doesNotContain("theAlternatesListPostAndDelete", "theAlternatesRefuse");
    }
    assertThat(Files.readString(project.resolve("flags.yaml"))).doesNotContain(FLAG).contains("api-count-field:");
    Run usages = Fixtures.run(project, "usages", FLAG, "--catalog", "flags.yaml");
    assertThat(usages.out()).isEmpty();
    assertThat(usages.status()).isEqualTo(1);

    MavenBuild.Result build = mvn(project);
    assertThat(build.exitCode()).as(build.output()).isZero();
    int removedTests = keep.equals("on") ? 1 : 2;
    assertThat(build.output()).contains("Tests run: " + (tests - removedTests) + ", Failures: 0, Errors: 0, Skipped: 0");
    assertThat(build.output()).doesNotContain("[WARNING] COMPILATION WARNING", "[ERROR]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "compact", "guided"})
  void removingTheExperimentLeavesABuildWhoseTestsPass(String keep) throws Exception {
    Path project = copySample(work.resolve(keep));
    int tests = countTests(project);

    Run remove = Fixtures.run(project, "remove", EXPERIMENT, "--keep", keep, "--catalog", "flags.yaml");

    assertThat(remove.status()).as(remove.out() + remove.err()).isZero();
    assertThat(remove.out()).contains("flags.yaml:54: removed the catalog entry of '" + EXPERIMENT + "'")
        .doesNotContain("left for you");
    String form = Files.readString(project.resolve("src/main/java/dev/turnout/sample/tasks/NewTaskForm.java"));
    assertThat(form).doesNotContain("@FeatureFlag", "@Variant", "Flags", "renderCompact", "renderGuided")
        .contains("public String render() {\n    return form(\"" + keep + "\", ");
    String test = Files.readString(project.resolve("src/test/java/dev/turnout/sample/tasks/NewTaskFormTest.java"));
    assertThat(test).doesNotContain("@WithFlag", "Flags", "renderCompact", "renderGuided")
        .contains("form.render()).contains(\"data-variant=\\\"" + keep + "\\\"\")");
    for (String other : VARIANTS) {
      if (!other.equals(keep)) {
        assertThat(form).doesNotContain("form(\"" + other + "\"");
        assertThat(test).doesNotContain("data-variant=\\\"" + other + "\\\"");
      }
    }
    assertThat(Files.readString(project.resolve("flags.yaml"))).doesNotContain(EXPERIMENT).contains("log-level:");
    Run usages = Fixtures.run(project, "usages", EXPERIMENT, "--catalog", "flags.yaml");
    assertThat(usages.out()).isEmpty();
    assertThat(usages.status()).isEqualTo(1);

    MavenBuild.Result build = mvn(project);
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("Tests run: " + (tests - 2) + ", Failures: 0, Errors: 0, Skipped: 0");
    assertThat(build.output()).doesNotContain("[WARNING] COMPILATION WARNING", "[ERROR]");
  }

  @Test
  void theReadmeCommandWorksFromTheSampleDirectory() throws Exception {
    Path project = copySample(work.resolve("readme"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        System.getProperty("turnout.cli.jar"), "remove", FLAG, "--keep", "on", "--catalog", "flags.yaml",
        "src/main/java", "--dry-run").directory(project.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("--- a/src/main/java/dev/turnout/sample/comments/CommentsFeature.java")
        .contains("-  @FeatureFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, alternate = \"linkWithComments\")")
        .contains("flags.yaml:8: removed the catalog entry of '" + FLAG + "'");
    assertThat(Files.readString(project.resolve("flags.yaml"))).contains(FLAG + ":");
  }

  /**
   * Run on the whole sample, integration tests included (as the README's walk-through does): the
   * end-to-end tests that name the key in code are left for the user and hold the catalog entry back;
   * CommentsReleaseIT, which names the flag only in its Javadoc and drives it through catalog text, is
   * listed as a mention to check by hand.
   */
  @Test
  void withItsIntegrationTestsTheKeysTheyNameAreLeftAndTheirMentionsListed() throws Exception {
    Path project = copySample(work.resolve("with-its"), true);

    Run remove = Fixtures.run(project, "remove", FLAG, "--keep", "on", "--catalog", "flags.yaml", "--dry-run");

    assertThat(remove.status()).as(remove.out() + remove.err()).isEqualTo(1);
    String flagsPage = "src/test/java/dev/turnout/sample/FlagsPageIT.java";
    String commentsRelease = "src/test/java/dev/turnout/sample/CommentsReleaseIT.java";
    assertThat(remove.out())
        .contains("left for you at " + flagsPage + ":" + firstLine(project.resolve(flagsPage), "\"" + FLAG + "\"") + ": ")
        .contains("mentioned at " + commentsRelease + ":" + firstLine(project.resolve(commentsRelease), FLAG) + ": ")
        .doesNotContain("left for you at src/test/java/dev/turnout/sample/CommentsReleaseIT.java")
        .contains("the catalog entry of '" + FLAG + "' stays");
  }

  /** The number of the first line of {@code file} that contains {@code text}. */
  private static int firstLine(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + text + " in " + file);
  }

  private static Path copySample(Path to) throws IOException {
    return copySample(to, false);
  }

  /** The sample's sources, unit tests and catalog, without its build output (and its integration tests unless asked). */
  private static Path copySample(Path to, boolean withIntegrationTests) throws IOException {
    Path from = Path.of(System.getProperty("turnout.sample.dir", "../sample-app"));
    MavenBuild.copyProject(from, to, rel -> !(rel.equals("target") || rel.startsWith("target/")
        || (rel.endsWith("IT.java") && !withIntegrationTests) || rel.equals("pom.xml")));
    Files.copy(Fixtures.fixtures().resolve("sample-app/pom.xml"), to.resolve("pom.xml"));
    return to;
  }

  /** The {@code @Test} methods of the copy, before the removal. */
  private static int countTests(Path project) throws IOException {
    try (Stream<Path> files = Files.walk(project.resolve("src/test/java"))) {
      int n = 0;
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        n += (int) Files.readString(p).lines().filter(l -> l.strip().equals("@Test")).count();
      }
      return n;
    }
  }

  private static MavenBuild.Result mvn(Path project) throws Exception {
    return FixtureBuild.test(project, List.of("junit.version", "surefire.plugin.version", "compiler.plugin.version",
        "resources.plugin.version", "jackson.version", "re2j.version", "h2.version", "assertj.version", "byte-buddy.version"),
        "-Dturnout.junit.jar=" + FixtureBuild.jarOf("dev.turnout.junit.WithFlag"),
        "-Dturnout.testsupport.jar=" + FixtureBuild.jarOf("dev.turnout.testsupport.AppProcess"));
  }
}
