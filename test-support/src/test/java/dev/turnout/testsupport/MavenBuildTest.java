package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenBuildTest {

  @TempDir
  Path dir;

  @Test
  void copyProjectCopiesWhatIsKeptWithItsFolders() throws Exception {
    Path from = dir.resolve("from");
    Files.createDirectories(from.resolve("src/main/java"));
    Files.createDirectories(from.resolve("target/classes"));
    Files.writeString(from.resolve("pom.xml"), "<project/>");
    Files.writeString(from.resolve("src/main/java/A.java"), "class A {}");
    Files.writeString(from.resolve("target/classes/A.class"), "x");

    Path all = MavenBuild.copyProject(from, dir.resolve("all"));
    Path some = MavenBuild.copyProject(from, dir.resolve("some"), p -> !p.equals("target") && !p.startsWith("target/"));

    assertThat(all.resolve("target/classes/A.class")).hasContent("x");
    assertThat(some.resolve("src/main/java/A.java")).hasContent("class A {}");
    assertThat(some.resolve("pom.xml")).hasContent("<project/>");
    assertThat(some.resolve("target")).doesNotExist();
  }

  @Test
  void runGivesTheExitCodeAndTheWholeOutputWithThisJdkAndWithoutTheOuterMavenOptions() throws Exception {
    Path log = dir.resolve("build.log");

    MavenBuild.Result result = MavenBuild.run(dir,
        List.of("sh", "-c", "echo home=$JAVA_HOME opts=${MAVEN_OPTS:-none} extra=$EXTRA; echo oops >&2; exit 3"),
        Map.of("EXTRA", "yes"), log, Duration.ofMinutes(1));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).contains("home=" + System.getProperty("java.home") + " opts=none extra=yes")
        .contains("oops");
    assertThat(log).content().isEqualTo(result.output());
  }

  @Test
  void aRunThatDoesNotFinishInTimeFailsWithItsOutput() {
    assertThatThrownBy(() -> MavenBuild.run(dir, List.of("sh", "-c", "echo started; exec sleep 60"), Map.of(),
        dir.resolve("slow.log"), Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("did not finish").hasMessageContaining("started");
  }

  @Test
  void localRepositoryArgumentFollowsTheProperty() {
    String before = System.getProperty("turnout.local.repository");
    try {
      System.clearProperty("turnout.local.repository");
      assertThat(MavenBuild.localRepositoryArgument()).isEmpty();
      System.setProperty("turnout.local.repository", "/repo");
      assertThat(MavenBuild.localRepositoryArgument()).containsExactly("-Dmaven.repo.local=/repo");
    } finally {
      if (before == null) {
        System.clearProperty("turnout.local.repository");
      } else {
        System.setProperty("turnout.local.repository", before);
      }
    }
  }
}
