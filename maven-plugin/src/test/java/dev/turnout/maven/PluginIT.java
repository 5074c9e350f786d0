package dev.turnout.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.MavenBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the freshly built plugin's check and stale goals in a real Maven build (see {@link ScratchMaven}). */
class PluginIT {

  @RegisterExtension
  static final ScratchMaven maven = new ScratchMaven();

  @Test
  void checkPassesOnAValidCatalogAndStaleFailsOnAnExpiredFlag() throws Exception {
    Path project = maven.copyFixture("project", "stale");

    MavenBuild.Result check = maven.mvn(project, "turnout:check");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("src/main/resources/turnout/flags.yaml: no problems");

    MavenBuild.Result stale = maven.mvn(project, "turnout:stale");
    assertThat(stale.exitCode()).as(stale.output()).isNotZero();
    assertThat(stale.output())
        .contains("[ERROR] src/main/resources/turnout/flags.yaml:5:3: flag 'old-banner' expired on 2020-01-01")
        .contains("1 stale flag finding");
  }

  @Test
  void staleOnlyWarnsWhenAskedAndTheBudgetCounts() throws Exception {
    Path project = maven.copyFixture("project", "warn");

    MavenBuild.Result stale = maven.mvn(project, "turnout:stale", "-Dturnout.failOnStale=false", "-Dturnout.maxFlags=1");

    assertThat(stale.exitCode()).as(stale.output()).isZero();
    assertThat(stale.output()).contains("[WARNING] src/main/resources/turnout/flags.yaml: 2 flags, over the budget of 1");
  }

  @Test
  void checkFailsWithEachProblemAtItsPlace() throws Exception {
    Path project = maven.copyFixture("project", "bad");
    Path catalog = project.resolve("src/main/resources/turnout/flags.yaml");
    Files.writeString(catalog, Files.readString(catalog).replace("default: off\n  old", "default: of\n  old"));

    MavenBuild.Result check = maven.mvn(project, "turnout:check");

    assertThat(check.exitCode()).as(check.output()).isNotZero();
    assertThat(check.output()).contains("[ERROR] src/main/resources/turnout/flags.yaml:4:14: default names variant 'of'")
        .contains("1 problem in the flag catalog src/main/resources/turnout/flags.yaml");
  }
}
