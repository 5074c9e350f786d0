package dev.turnout.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.MavenBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Builds a project made of exactly the snippets docs/build-maven.md shows (marked there with
 * {@code <!-- snippet:NAME -->}), with real Maven 3.8 and 3.9, runs the application with the documented
 * {@code java -javaagent} command, and runs its tests with the documented Surefire {@code argLine},
 * alone and with JaCoCo's agent. A broken snippet fails here.
 */
class DocsIT {

  private static final Pattern SNIPPET = Pattern.compile("<!-- snippet:([a-z0-9-]+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```",
      Pattern.DOTALL);

  @RegisterExtension
  static final ScratchMaven maven = new ScratchMaven();

  private static Map<String, String> snippets;

  @BeforeAll
  static void readTheSnippets() throws Exception {
    snippets = snippets(Files.readString(Path.of(System.getProperty("turnout.docs.dir"), "build-maven.md")));
  }

  @Test
  void theDocumentedVersionsAreTheOnesTestedHere() {
    assertThat(snippet("pom")).contains("<turnout.version>" + ScratchMaven.VERSION + "</turnout.version>");
    assertThat(snippet("jacoco")).contains("<version>" + System.getProperty("turnout.jacoco.version") + "</version>");
  }

  @Test
  void maven38BuildsTheDocumentedProjectRunsItsTestsWithTheAgentAndRunsTheApp() throws Exception {
    Path project = documentedProject("maven38", false);

    MavenBuild.Result build = maven.mvnAsIs(ScratchMaven.defaultMavenHome(), project, "package");

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(project.resolve("target/turnout-agent.jar")).exists();
    assertRunsWithTheAgent(project);
  }

  @Test
  void jacocosAgentAndTurnoutsBothRunInTheTests() throws Exception {
    Path project = documentedProject("jacoco", true);

    MavenBuild.Result build = maven.mvnAsIs(ScratchMaven.defaultMavenHome(), project, "package");

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(project.resolve("target/jacoco.exec")).isNotEmptyFile();
  }

  @Test
  void maven39BuildsAndRunsTheDocumentedProject() throws Exception {
    Path archive = Path.of(System.getProperty("turnout.maven39.archive"));
    if (!Files.isRegularFile(archive)) {
      String message = "Maven 3.9 not tested: " + archive.getFileName() + " is not in the local repository";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      System.out.println(message);
      Assumptions.abort(message);
    }
    Path unpacked = maven.work().resolve("maven39");
    Files.createDirectories(unpacked);
    MavenBuild.Result untar = maven.run(unpacked, List.of("tar", "-xzf", archive.toString()), Map.of());
    assertThat(untar.exitCode()).as(untar.output()).isZero();
    Path home;
    try (var homes = Files.list(unpacked)) {
      home = homes.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    Path project = documentedProject("maven39", false);

    MavenBuild.Result build = maven.mvnAsIs(home, project, "-V", "package");

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("Apache Maven 3.9").contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    assertRunsWithTheAgent(project);
  }

  private static void assertRunsWithTheAgent(Path project) throws Exception {
    String path = Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");
    MavenBuild.Result run = maven.run(project, List.of("bash", "-c", snippet("run")), Map.of("PATH", path));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("greeting: welcome");
  }

  /** The fixture's sources with the documented pom (plus JaCoCo's plugin, if asked) and catalog. */
  private static Path documentedProject(String name, boolean jacoco) throws IOException {
    Path project = maven.copyFixture("docs", name);
    String pom = snippet("pom");
    if (jacoco) {
      int end = pom.lastIndexOf("    </plugins>");
      assertThat(end).as("the pom snippet has a <plugins> section").isPositive();
      pom = pom.substring(0, end) + snippet("jacoco").indent(6) + pom.substring(end);
    }
    Files.writeString(project.resolve("pom.xml"), pom);
    Path catalog = project.resolve("src/main/resources/turnout/flags.yaml");
    Files.createDirectories(catalog.getParent());
    Files.writeString(catalog, snippet("catalog") + "\n");
    return project;
  }

  private static String snippet(String name) {
    assertThat(snippets).as("docs/build-maven.md marks a snippet <!-- snippet:" + name + " --> before a code block")
        .containsKey(name);
    return snippets.get(name);
  }

  private static Map<String, String> snippets(String markdown) {
    Map<String, String> found = new java.util.HashMap<>();
    Matcher m = SNIPPET.matcher(markdown);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }
}
