package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's turnout-runtime serves every Turnout class in the JVM: when the application carries another
 * version, the agent says so once on standard error, and starts all the same.
 */
class RuntimeVersionIT {

  private static final String MISMATCH = "Turnout agent: the application carries turnout-runtime ";

  @TempDir
  Path dir;

  @Test
  void anApplicationBuiltWithAnotherRuntimeVersionIsToldOnceAndStillRoutes() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    // The application's turnout-runtime, as a jar of another version would be: its version record only
    // (its classes would be shadowed by the agent's copy anyway, so the application runs on those).
    Path other = dir.resolve("turnout-runtime-0.0.1.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(other))) {
      jar.putNextEntry(new JarEntry("META-INF/turnout/runtime.properties"));
      jar.write("version=0.0.1\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    String withoutOwnRuntime = Arrays.stream(System.getProperty("turnout.it.classpath").split(File.pathSeparator))
        .filter(entry -> !isRuntime(entry)).collect(Collectors.joining(File.pathSeparator));

    try (App app = App.startMain("dev.turnout.agent.it.app.ShapesApp", String.join(File.pathSeparator, classes(),
        other.toString(), withoutOwnRuntime, System.getProperty("turnout.it.bytebuddy")), "flags=" + catalog)) {
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.routedUnderOn());
      String stderr = app.stderr();
      assertThat(stderr.lines().filter(line -> line.startsWith(MISMATCH)))
          .singleElement().asString()
          .contains("turnout-runtime 0.0.1 (" + other + ")")
          .contains("the agent's turnout-runtime " + System.getProperty("turnout.version"));
    }
  }

  @Test
  void anApplicationBuiltWithTheAgentsRuntimeVersionHearsNothing() throws Exception {
    assertThat(System.getProperty("turnout.it.classpath").split(File.pathSeparator))
        .as("the application carries its own turnout-runtime").anyMatch(RuntimeVersionIT::isRuntime);
    try (App app = App.start("")) {
      assertThat(app.command("state")).containsEntry("turnout.loader", "bootstrap");
      assertThat(app.stderr()).doesNotContain(MISMATCH);
    }
  }

  /** The turnout-runtime entry of the test class path: its jar, or its classes in the reactor. */
  private static boolean isRuntime(String entry) {
    Path path = Paths.get(entry);
    String name = path.getFileName().toString();
    return name.startsWith("turnout-runtime") || path.endsWith(Paths.get("runtime", "target", "classes"));
  }

  private static String classes() throws URISyntaxException {
    return Paths.get(App.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
