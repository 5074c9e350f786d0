package dev.turnout.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a small Maven project with the freshly packaged processor: a misspelled key and a flag deleted
 * from the catalog must each fail the build at the place the key is written.
 */
class MavenBuildIT {

  @TempDir
  Path work;

  @Test
  void aCorrectProjectBuildsAndGetsItsAgentIndex() throws Exception {
    Path project = copyFixture("ok");

    Result result = mvn(project);

    assertThat(result.exitCode).as(result.output).isZero();
    assertThat(project.resolve("target/classes/META-INF/turnout/agent.idx")).content()
        .contains("com.example.tasks.Tasks\n");
    assertThat(project.resolve("target/classes/com/example/tasks/Flags.class")).exists();
  }

  @Test
  void aMisspelledKeyFailsTheBuildWhereItIsWritten() throws Exception {
    Path project = copyFixture("typo");
    edit(project.resolve("src/main/java/com/example/tasks/Tasks.java"), "\"new-checkout\"", "\"new-chekout\"");

    Result result = mvn(project);

    assertThat(result.exitCode).as(result.output).isNotZero();
    assertThat(result.output).contains("Tasks.java:[20,30] [turnout.unknown-flag] unknown flag 'new-chekout'");
    assertThat(result.output).contains("(did you mean 'new-checkout'?)");
  }

  @Test
  void deletingAFlagFromTheCatalogBreaksEveryUse() throws Exception {
    Path project = copyFixture("deleted");
    Path catalog = project.resolve("src/main/resources/turnout/flags.yaml");
    String text = Files.readString(catalog);
    Files.writeString(catalog, text.substring(0, text.indexOf("  product-TASKS-103-comments:"))
        + text.substring(text.indexOf("  new-checkout:")));

    Result result = mvn(project);

    assertThat(result.exitCode).as(result.output).isNotZero();
    assertThat(result.output).contains("Tasks.java:[10,").contains("cannot find symbol");
    assertThat(result.output).contains("PRODUCT_TASKS_103_COMMENTS");
  }

  private Path copyFixture(String name) throws IOException {
    Path from = Path.of(System.getProperty("turnout.fixture.dir"));
    Path to = work.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.collect(Collectors.toList())) {
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

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private record Result(int exitCode, String output) {}

  private Result mvn(Path project) throws Exception {
    String mavenHome = System.getProperty("maven.home");
    String mvn = mavenHome == null || mavenHome.isBlank() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "compile",
        "-Dturnout.runtime.jar=" + jarOf("dev.turnout.Turnout"),
        "-Dturnout.processor.path=" + processorPath(),
        "-Dturnout.compiler.plugin.version=" + System.getProperty("turnout.compiler.plugin.version"),
        "-Dturnout.resources.plugin.version=" + System.getProperty("turnout.resources.plugin.version")));
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
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mvn did not finish in 3 minutes:\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The processor jar and everything it needs: this test's class path without its own test classes. */
  private static String processorPath() {
    List<String> path = new ArrayList<>();
    path.add(System.getProperty("turnout.processor.jar"));
    String testClasses = Path.of(System.getProperty("turnout.test.classes")).toAbsolutePath().toString();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!Path.of(entry).toAbsolutePath().toString().equals(testClasses)) {
        path.add(entry);
      }
    }
    return String.join(File.pathSeparator, path);
  }

  private static String jarOf(String className) throws Exception {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
