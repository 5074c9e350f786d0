package dev.turnout.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.MavenBuild;
import dev.turnout.testsupport.MavenBuild.Result;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(project.resolve("target/classes/META-INF/turnout/agent.idx")).content()
        .contains("com.example.tasks.Tasks\n");
    assertThat(project.resolve("target/classes/com/example/tasks/Flags.class")).exists();
  }

  @Test
  void aMisspelledKeyFailsTheBuildWhereItIsWritten() throws Exception {
    Path project = copyFixture("typo");
    edit(project.resolve("src/main/java/com/example/tasks/Tasks.java"), "\"new-checkout\"", "\"new-chekout\"");

    Result result = mvn(project);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("Tasks.java:[20,30] [turnout.unknown-flag] unknown flag 'new-chekout'");
    assertThat(result.output()).contains("(did you mean 'new-checkout'?)");
  }

  @Test
  void deletingAFlagFromTheCatalogBreaksEveryUse() throws Exception {
    Path project = copyFixture("deleted");
    Path catalog = project.resolve("src/main/resources/turnout/flags.yaml");
    String text = Files.readString(catalog);
    Files.writeString(catalog, text.substring(0, text.indexOf("  product-TASKS-103-comments:"))
        + text.substring(text.indexOf("  new-checkout:")));

    Result result = mvn(project);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("Tasks.java:[10,").contains("cannot find symbol");
    assertThat(result.output()).contains("PRODUCT_TASKS_103_COMMENTS");
  }

  private Path copyFixture(String name) throws IOException {
    return MavenBuild.copyProject(Path.of(System.getProperty("turnout.fixture.dir")), work.resolve(name));
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private Result mvn(Path project) throws Exception {
    List<String> args = new ArrayList<>(List.of("compile",
        "-Dturnout.runtime.jar=" + MavenBuild.jarOf("dev.turnout.Turnout"),
        "-Dturnout.processor.path=" + processorPath(),
        "-Dturnout.compiler.plugin.version=" + System.getProperty("turnout.compiler.plugin.version"),
        "-Dturnout.resources.plugin.version=" + System.getProperty("turnout.resources.plugin.version")));
    args.addAll(MavenBuild.localRepositoryArgument());
    return MavenBuild.mvn(project, Duration.ofMinutes(3), args);
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
}
