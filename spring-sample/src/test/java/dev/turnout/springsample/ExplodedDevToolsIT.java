package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.TestJvm;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application from the build's classes under the agent, as {@code mvn spring-boot:run} starts it: a
 * forked {@code java} with the plugin's {@code jvmArguments} (here {@code -javaagent:...}), the classes
 * directory and the dependency jars on the class path, and the main class run directly. DevTools is on
 * that class path (an optional dependency, left out of the executable jar), so its restart class loader
 * loads the application's classes, and loads them again, in a new loader, on every restart: the agent
 * must gate both.
 *
 * <p>The classes directory is a copy, so that the change that makes DevTools restart (an edit of
 * {@code application.properties}, as a developer saves one) is made outside the build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplodedDevToolsIT {

  @TempDir
  static Path directory;

  private static CatalogFile catalog;
  private static Path classes;
  private static BootProcess app;

  @BeforeAll
  static void start() throws Exception {
    catalog = BootProcess.copyOfSample(directory);
    classes = copy(Path.of(TestJvm.property("sample.classes")), directory.resolve("classes"));
    String libraries = Files.readString(Path.of(TestJvm.property("sample.classpath.file")), StandardCharsets.UTF_8).strip();
    assertThat(libraries).as("DevTools on the class path of the build's classes").contains("spring-boot-devtools");
    List<String> command = BootProcess.jvmOptions();
    command.add(BootProcess.agentOption(catalog.path()));
    command.addAll(List.of("-cp", classes + File.pathSeparator + libraries, SpringSampleApplication.class.getName(),
        "--server.port=0", "--spring.devtools.livereload.enabled=false"));
    app = BootProcess.start(command, Map.of(), directory);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
    return to;
  }

  private static long transformed(String simpleName) {
    return app.countLines(l -> l.contains("Turnout agent: transformed dev.turnout.springsample." + simpleName)
        && !l.contains("retransformed"));
  }

  @Test
  @Order(1)
  void devToolsRunsTheApplicationInItsRestartClassLoaderAndTheAgentGatesIt() throws Exception {
    URI base = app.awaitStart(1);
    List<String> started = app.output().stream().filter(l -> l.contains("Started SpringSampleApplication")).toList();
    assertThat(started).hasSize(1).allMatch(l -> l.contains("restartedMain"), "started on DevTools' restartedMain thread");
    assertThat(transformed("BookController")).isEqualTo(1);
    assertThat(transformed("Checkout")).isEqualTo(1);
    Routing.assertOneEngine(base, catalog);
    Routing.assertEditsRoute(base, catalog);
  }

  @Test
  @Order(2)
  void afterARestartTheNewClassLoadersClassesAreGatedAndFollowEdits() throws Exception {
    Files.writeString(classes.resolve("application.properties"), "\n# edited by the test: DevTools restarts\n",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    URI base = app.awaitStart(2);
    List<String> started = new ArrayList<>(app.output().stream().filter(l -> l.contains("Started SpringSampleApplication")).toList());
    assertThat(started).hasSize(2).allMatch(l -> l.contains("restartedMain"), "started on DevTools' restartedMain thread");
    assertThat(transformed("BookController")).as("gated again in the new restart class loader").isEqualTo(2);
    assertThat(transformed("Checkout")).as("gated again in the new restart class loader").isEqualTo(2);
    Routing.assertOneEngine(base, catalog);
    Routing.assertEditsRoute(base, catalog);
    Routing.assertSignInRequired(base);
  }
}
