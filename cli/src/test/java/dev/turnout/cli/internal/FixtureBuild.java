package dev.turnout.cli.internal;

import dev.turnout.testsupport.MavenBuild;
import dev.turnout.testsupport.MavenBuild.Result;
import dev.turnout.testsupport.TestJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code mvn test} ({@link MavenBuild}) in a copied fixture project against the freshly built runtime and processor
 * (no install): their jars and the processor path are passed as properties the fixture's pom reads.
 */
final class FixtureBuild {

  private FixtureBuild() {}

  /**
   * @param forwarded names of {@code turnout.*} system properties (without the prefix) passed on as is,
   *     such as plugin and dependency versions
   * @param extra further arguments for this fixture
   */
  static Result test(Path project, List<String> forwarded, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("-o", "test",
        "-Dturnout.runtime.jar=" + jarOf("dev.turnout.Turnout"),
        "-Dturnout.processor.path=" + processorPath()));
    args.addAll(List.of(extra));
    for (String property : forwarded) {
      args.add("-Dturnout." + property + "=" + System.getProperty("turnout." + property));
    }
    args.addAll(MavenBuild.localRepositoryArgument());
    return MavenBuild.mvn(project, Duration.ofMinutes(4), args);
  }

  /**
   * The processor, the runtime and their dependencies, as the build chose them by their coordinates (this
   * module's test dependencies less the test libraries): never by what the paths of the jars contain.
   */
  private static String processorPath() {
    return TestJvm.property("turnout.it.processorpath");
  }

  /** The jar (or classes folder) a class was loaded from. */
  static String jarOf(String className) throws Exception {
    return MavenBuild.jarOf(className);
  }
}
