package dev.turnout.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real Maven builds against the freshly built Turnout artifacts, without installing them: they are put
 * in a scratch local repository, and everything else comes from the usual local repository, used as a
 * read-only mirror, so nothing is installed and nothing is downloaded. One per test class.
 */
final class ScratchMaven {

  /** The version of the Turnout artifacts under test. */
  static final String VERSION = System.getProperty("turnout.version");

  private final Path work;
  private final Path repository;
  private final Path settings;

  /** Lays out the scratch repository and its settings in {@code work}. */
  ScratchMaven(Path work) throws IOException {
    this.work = work;
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

  /** The outcome of one build: its exit code and its whole console output. */
  record Result(int exitCode, String output) {}

  /** The Maven that runs this test (3.8 or later). */
  static Path defaultMavenHome() {
    String home = System.getProperty("maven.home");
    return home == null || home.isBlank() ? null : Path.of(home);
  }

  /** A copy of the fixture project {@code fixture} (under src/test/fixtures) named {@code name}. */
  Path copyFixture(String fixture, String name) throws IOException {
    Path from = Path.of(System.getProperty("turnout.fixtures.dir"), fixture);
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
    String mvn = mavenHome == null ? "mvn" : mavenHome.resolve("bin/mvn").toString();
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-s", settings.toString()));
    command.addAll(List.of(args));
    return run(project, command, Map.of());
  }

  /** Runs {@code command} in {@code dir} with this test's JDK, failing after five minutes (the machine may be busy). */
  Result run(Path dir, List<String> command, Map<String, String> environment) throws Exception {
    Path log = Files.createTempFile(work, "build", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    builder.environment().remove("MAVEN_ARGS");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes:\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private void install(String artifact, String type, Path file) throws IOException {
    Path dir = repository.resolve("dev/turnout").resolve(artifact).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(artifact + "-" + VERSION + "." + type));
  }
}
