package dev.turnout.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Real Maven builds of fixture projects, as the processor's, the command line's and the Maven plugin's
 * integration tests run them: a copy of the fixture in a test's directory, then {@code mvn} (the Maven that
 * runs the tests, from {@code maven.home}) on this test's JDK, its whole console output kept.
 */
public final class MavenBuild {

  private MavenBuild() {}

  /**
   * The outcome of one build.
   *
   * @param exitCode the process's exit status
   * @param output its whole console output (standard output and error)
   */
  public record Result(int exitCode, String output) {}

  /** The Maven that runs these tests ({@code maven.home}), or null where none is named (then {@code mvn} on the path). */
  public static Path defaultMavenHome() {
    String home = System.getProperty("maven.home");
    return home == null || home.isBlank() ? null : Path.of(home);
  }

  /** The {@code mvn} command of the Maven installed at {@code mavenHome} (null: {@code mvn} on the path). */
  public static String mvn(Path mavenHome) {
    return mavenHome == null ? "mvn" : mavenHome.resolve("bin").resolve("mvn").toString();
  }

  /** The {@code mvn} command of the Maven that runs these tests. */
  public static String mvn() {
    return mvn(defaultMavenHome());
  }

  /**
   * {@code -Dmaven.repo.local=...} for the local repository the outer build uses (system property
   * {@code turnout.local.repository}), so that a fixture build finds what it needs offline; none if unset.
   */
  public static List<String> localRepositoryArgument() {
    String localRepository = System.getProperty("turnout.local.repository");
    return localRepository == null || localRepository.isBlank()
        ? List.of() : List.of("-Dmaven.repo.local=" + localRepository);
  }

  /** Copies the project at {@code from}, every file and folder, to {@code to}; returns {@code to}. */
  public static Path copyProject(Path from, Path to) throws IOException {
    return copyProject(from, to, path -> true);
  }

  /**
   * Copies the files and folders of the project at {@code from} whose path relative to it (with {@code /}
   * between names) {@code keep} accepts, to {@code to}; returns {@code to}.
   */
  public static Path copyProject(Path from, Path to, Predicate<String> keep) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        String relative = from.relativize(p).toString().replace(File.separatorChar, '/');
        if (!relative.isEmpty() && !keep.test(relative)) {
          continue;
        }
        Path target = to.resolve(relative);
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /**
   * Runs {@code command} in {@code dir} with this test's JDK as {@code JAVA_HOME} and without the outer
   * build's {@code MAVEN_OPTS} and {@code MAVEN_ARGS}, then {@code environment} set; its output goes to
   * {@code log}. Fails if it has not finished within {@code timeout}.
   */
  public static Result run(Path dir, List<String> command, Map<String, String> environment, Path log, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    builder.environment().remove("MAVEN_ARGS");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toMinutes() + " minutes:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** {@code mvn -B args} in {@code project}, its output in {@code project/build.log}. */
  public static Result mvn(Path project, Duration timeout, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(mvn(), "-B"));
    command.addAll(args);
    return run(project, command, Map.of(), project.resolve("build.log"), timeout);
  }

  /** The jar (or classes folder) the class named {@code className} was loaded from. */
  public static String jarOf(String className) throws Exception {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
