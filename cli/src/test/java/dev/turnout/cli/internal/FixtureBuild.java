package dev.turnout.cli.internal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mvn test} in a copied fixture project against the freshly built runtime and processor
 * (no install): their jars and the processor path are passed as properties the fixture's pom reads.
 */
final class FixtureBuild {

  record Result(int exitCode, String output) {}

  private FixtureBuild() {}

  /**
   * @param forwarded names of {@code turnout.*} system properties (without the prefix) passed on as is,
   *     such as plugin and dependency versions
   * @param extra further arguments for this fixture
   */
  static Result test(Path project, List<String> forwarded, String... extra) throws Exception {
    String mavenHome = System.getProperty("maven.home");
    String mvn = mavenHome == null || mavenHome.isBlank() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-o", "test",
        "-Dturnout.runtime.jar=" + jarOf("dev.turnout.Turnout"),
        "-Dturnout.processor.path=" + processorPath()));
    command.addAll(List.of(extra));
    for (String property : forwarded) {
      command.add("-Dturnout." + property + "=" + System.getProperty("turnout." + property));
    }
    String localRepository = System.getProperty("turnout.local.repository");
    if (localRepository != null && !localRepository.isBlank()) {
      command.add("-Dmaven.repo.local=" + localRepository);
    }
    Path log = project.resolve("build.log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    Process process = builder.start();
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mvn did not finish in 4 minutes:\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The processor, the runtime and their dependencies: this test's class path, less test libraries. */
  private static String processorPath() {
    List<String> path = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String abs = Path.of(entry).toAbsolutePath().toString();
      if (!abs.endsWith("test-classes") && !abs.contains("junit") && !abs.contains("opentest4j")
          && !abs.contains("apiguardian") && !abs.contains("assertj")) {
        path.add(entry);
      }
    }
    return String.join(File.pathSeparator, path);
  }

  /** The jar (or classes folder) a class was loaded from. */
  static String jarOf(String className) throws Exception {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
