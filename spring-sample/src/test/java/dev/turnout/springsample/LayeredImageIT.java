package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar as a container image runs it: extracted into layers with Spring Boot's tools jar
 * mode ({@code java -Djarmode=tools -jar app.jar extract --layers --launcher}), the layers copied into
 * one directory in order (what the image's {@code COPY} lines do), and started with
 * {@code java org.springframework.boot.loader.launch.JarLauncher} there, the agent given by
 * {@code JAVA_TOOL_OPTIONS} (how an image's environment adds it without changing its entry point).
 */
class LayeredImageIT {

  /** The layers of Spring Boot's default layout, in the order an image copies them. */
  private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
      "application");

  @TempDir
  static Path directory;

  private static Path extracted;
  private static Path image;
  private static CatalogFile catalog;
  private static BootProcess app;
  private static URI base;

  @BeforeAll
  static void extractAndStart() throws Exception {
    extracted = directory.resolve("extracted");
    List<String> extract = List.of(TestJvm.java(), "-Djarmode=tools", "-jar", TestJvm.property("sample.jar"),
        "extract", "--layers", "--launcher", "--destination", extracted.toString());
    Process p = new ProcessBuilder(extract).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("extract finished: %s", output).isTrue();
    assertThat(p.exitValue()).as("extract: %s", output).isZero();

    image = Files.createDirectories(directory.resolve("image"));
    for (String layer : LAYERS) {
      copyInto(extracted.resolve(layer), image);
    }
    catalog = BootProcess.copyOfSample(directory);
    List<String> command = BootProcess.jvmOptions();
    command.addAll(List.of("org.springframework.boot.loader.launch.JarLauncher", "--server.port=0"));
    app = BootProcess.start(command, Map.of("JAVA_TOOL_OPTIONS", BootProcess.agentOption(catalog.path())), image);
    base = app.awaitStart(1);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static void copyInto(Path layer, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(layer)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(layer.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    }
  }

  @Test
  void metaInfTurnoutIsInTheApplicationLayersRoot() {
    Path application = extracted.resolve("application");
    assertThat(application.resolve("META-INF/turnout/agent.idx")).isRegularFile();
    assertThat(application.resolve("META-INF/turnout/registry.json")).isRegularFile();
    assertThat(application.resolve("BOOT-INF/classes/dev/turnout/springsample/BookController.class")).isRegularFile();
    assertThat(application.resolve("BOOT-INF/classes/META-INF/turnout")).doesNotExist();
    for (String layer : LAYERS.subList(0, 3)) {
      assertThat(extracted.resolve(layer).resolve("META-INF/turnout")).as("layer %s", layer).doesNotExist();
    }
    assertThat(image.resolve("META-INF/turnout/agent.idx")).isRegularFile();
  }

  @Test
  void theAgentComesFromJavaToolOptionsAndGatesTheApplicationOnce() {
    assertThat(app.countLines(l -> l.startsWith("Picked up JAVA_TOOL_OPTIONS: -javaagent:"))).isEqualTo(1);
    assertThat(app.countLines(l -> l.contains("Turnout agent: transformed dev.turnout.springsample.BookController")))
        .isEqualTo(1);
    assertThat(app.countLines(l -> l.contains("Turnout agent: transformed dev.turnout.springsample.Checkout")))
        .isEqualTo(1);
  }

  @Test
  void gatesFollowCatalogEditsWithinASecondPerSignedInUser() throws Exception {
    Routing.assertOneEngine(base, catalog);
    Routing.assertEditsRoute(base, catalog);
    Routing.assertSignInRequired(base);
  }
}
