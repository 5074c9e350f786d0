package dev.turnout.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the freshly built plugin in a real Maven build. The plugin and the Turnout artifacts are put in
 * a scratch local repository; everything else comes from the usual local repository, used as a
 * read-only mirror, so nothing is installed and nothing is downloaded.
 */
class PluginIT {

  private static final String VERSION = System.getProperty("turnout.version");

  @TempDir
  Path work;

  private Path repository;
  private Path settings;

  @BeforeEach
  void scratchRepository() throws IOException {
    repository = work.resolve("repository");
    Path root = Path.of(System.getProperty("turnout.root.dir"));
    install("turnout-parent", "pom", root.resolve("pom.xml"));
    install("turnout-runtime", "pom", root.resolve("runtime/pom.xml"));
    install("turnout-runtime", "jar", root.resolve("runtime/target/turnout-runtime-" + VERSION + ".jar"));
    install("turnout-cli", "pom", root.resolve("cli/target/dependency-reduced-pom.xml"));
    install("turnout-cli", "jar", root.resolve("cli/target/turnout-cli-" + VERSION + ".jar"));
    install("turnout-maven-plugin", "pom", root.resolve("maven-plugin/pom.xml"));
    install("turnout-maven-plugin", "jar", root.resolve("maven-plugin/target/turnout-maven-plugin-" + VERSION + ".jar"));
    settings = work.resolve("settings.xml");
    Files.writeString(settings, "<settings>\n  <localRepository>" + repository.toAbsolutePath() + "</localRepository>\n"
        + "  <mirrors><mirror><id>turnout-it-mirror</id><mirrorOf>*</mirrorOf><url>"
        + Path.of(System.getProperty("turnout.local.repository")).toUri() + "</url></mirror></mirrors>\n</settings>\n");
  }

  @Test
  void checkPassesOnAValidCatalogAndStaleFailsOnAnExpiredFlag() throws Exception {
    Path project = copyFixture("stale");

    Result check = mvn(project, "turnout:check");
    assertThat(check.exitCode).as(check.output).isZero();
    assertThat(check.output).contains("src/main/resources/turnout/flags.yaml: no problems");

    Result stale = mvn(project, "turnout:stale");
    assertThat(stale.exitCode).as(stale.output).isNotZero();
    assertThat(stale.output)
        .contains("[ERROR] src/main/resources/turnout/flags.yaml:5:3: flag 'old-banner' expired on 2020-01-01")
        .contains("1 stale flag finding");
  }

  @Test
  void staleOnlyWarnsWhenAskedAndTheBudgetCounts() throws Exception {
    Path project = copyFixture("warn");

    Result stale = mvn(project, "turnout:stale", "-Dturnout.failOnStale=false", "-Dturnout.maxFlags=1");

    assertThat(stale.exitCode).as(stale.output).isZero();
    assertThat(stale.output).contains("[WARNING] src/main/resources/turnout/flags.yaml: 2 flags, over the budget of 1");
  }

  @Test
  void checkFailsWithEachProblemAtItsPlace() throws Exception {
    Path project = copyFixture("bad");
    Path catalog = project.resolve("src/main/resources/turnout/flags.yaml");
    Files.writeString(catalog, Files.readString(catalog).replace("default: off\n  old", "default: of\n  old"));

    Result check = mvn(project, "turnout:check");

    assertThat(check.exitCode).as(check.output).isNotZero();
    assertThat(check.output).contains("[ERROR] src/main/resources/turnout/flags.yaml:4:14: default names variant 'of'")
        .contains("1 problem in the flag catalog src/main/resources/turnout/flags.yaml");
  }

  private void install(String artifact, String type, Path file) throws IOException {
    Path dir = repository.resolve("dev/turnout").resolve(artifact).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(artifact + "-" + VERSION + "." + type));
  }

  private Path copyFixture(String name) throws IOException {
    Path from = Path.of(System.getProperty("turnout.fixture.dir"));
    Path to = work.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private record Result(int exitCode, String output) {}

  private Result mvn(Path project, String... args) throws Exception {
    String mavenHome = System.getProperty("maven.home");
    String mvn = mavenHome == null || mavenHome.isBlank() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-s", settings.toString(), "-Dturnout.version=" + VERSION));
    command.addAll(List.of(args));
    Path log = project.resolve("build.log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mvn did not finish in 3 minutes:\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
