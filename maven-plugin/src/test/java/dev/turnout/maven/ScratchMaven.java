package dev.turnout.maven;

import dev.turnout.testsupport.MavenBuild;
import dev.turnout.testsupport.MavenBuild.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real Maven builds against the freshly built Turnout artifacts, without installing them: they are put
 * in a scratch local repository, and everything else comes from the usual local repository, used as a
 * read-only mirror, so nothing is installed and nothing is downloaded. One per test class, registered as
 * {@code @RegisterExtension static final ScratchMaven maven = new ScratchMaven();}: it lays out its folder
 * before the class's first test and deletes it after the last.
 */
final class ScratchMaven implements BeforeAllCallback, AfterAllCallback {

  /** The version of the Turnout artifacts under test. */
  static final String VERSION = System.getProperty("turnout.version");

  private Path work;
  private Path repository;
  private Path settings;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    work = Files.createTempDirectory("turnout-scratch-maven");
    repository = work.resolve("repository");
    Path root = Path.of(System.getProperty("turnout.root.dir"));
    install("turnout-parent", "pom", root.resolve("pom.xml"));
    install("turnout-runtime", "pom", root.resolve("runtime/pom.xml"));
    install("turnout-runtime", "jar", root.resolve("runtime/target/turnout-runtime-" + VERSION + ".jar"));
    install("turnout-processor", "pom", root.resolve("processor/pom.xml"));
    install("turnout-processor", "jar", root.resolve("processor/target/turnout-processor-" + VERSION + ".jar"));
    install("turnout-agent", "pom", root.resolve("agent/target/dependency-reduced-pom.xml"));
    install("turnout-agent", "jar", root.resolve("agent/target/turnout-agent-" + VERSION + ".jar"));
    install("turnout-cli", "pom", root.resolve("cli/target/dependency-reduced-pom.xml"));
    install("turnout-cli", "jar", root.resolve("cli/target/turnout-cli-" + VERSION + ".jar"));
    install("turnout-maven-plugin", "pom", root.resolve("maven-plugin/pom.xml"));
    install("turnout-maven-plugin", "jar", root.resolve("maven-plugin/target/turnout-maven-plugin-" + VERSION + ".jar"));
    settings = work.resolve("settings.xml");
    Files.writeString(settings, "<settings>\n  <localRepository>" + repository.toAbsolutePath() + "</localRepository>\n"
        + "  <mirrors><mirror><id>turnout-it-mirror</id><mirrorOf>*</mirrorOf><url>"
        + Path.of(System.getProperty("turnout.local.repository")).toUri() + "</url></mirror></mirrors>\n</settings>\n");
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (work == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    work = null;
  }

  /** The folder of this test class's builds, where {@link #copyFixture} puts its copies. */
  Path work() {
    return work;
  }

  /** The Maven that runs this test (3.8 or later). */
  static Path defaultMavenHome() {
    return MavenBuild.defaultMavenHome();
  }

  /** A copy of the fixture project {@code fixture} (under src/test/fixtures) named {@code name}. */
  Path copyFixture(String fixture, String name) throws IOException {
    return MavenBuild.copyProject(Path.of(System.getProperty("turnout.fixtures.dir"), fixture), work.resolve(name));
  }

  /** Runs {@code mvn -B args} in {@code project} with the Maven of this test. */
  Result mvn(Path project, String... args) throws Exception {
    return mvn(defaultMavenHome(), project, args);
  }

  /** Runs {@code mvn -B args} in {@code project} with the Maven installed at {@code mavenHome}. */
  Result mvn(Path mavenHome, Path project, String... args) throws Exception {
    List<String> withVersion = new ArrayList<>(List.of("-Dturnout.version=" + VERSION));
    withVersion.addAll(List.of(args));
    return mvnAsIs(mavenHome, project, withVersion.toArray(String[]::new));
  }

  /** Runs {@code mvn -B args} without setting {@code turnout.version}: the project's pom names it. */
  Result mvnAsIs(Path mavenHome, Path project, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(MavenBuild.mvn(mavenHome), "-B", "-s", settings.toString()));
    command.addAll(List.of(args));
    return run(project, command, Map.of());
  }

  /** Runs {@code command} in {@code dir} with this test's JDK, failing after five minutes (the machine may be busy). */
  Result run(Path dir, List<String> command, Map<String, String> environment) throws Exception {
    return MavenBuild.run(dir, command, environment, Files.createTempFile(work, "build", ".log"), Duration.ofMinutes(5));
  }

  private void install(String artifact, String type, Path file) throws IOException {
    Path dir = repository.resolve("dev/turnout").resolve(artifact).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(artifact + "-" + VERSION + "." + type));
  }
}
