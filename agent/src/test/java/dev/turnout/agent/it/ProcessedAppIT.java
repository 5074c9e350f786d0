package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.ProcessedApp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on an application built the way users build theirs: {@code src/it/processed-app} is
 * compiled here with the real annotation processor on the processor path and its catalog among the
 * resources, so the agent reads the index, the annotations and the {@code Flags} constants the
 * processor really produces; then it runs with the shaded agent jar and an external catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessedAppIT {

  private static final String MAIN = "com.example.shop.ShopApp";

  /** The external catalog: the opposite of the class path one for new-pricing, variants by key. */
  private static String catalog(String newPricing) {
    return """
        flags:
          new-pricing:
            default: %s
          checkout-flow:
            variants: [classic, one-page, express]
            default: classic
            rules:
              - when: { attribute: key, op: equals, values: [u2] }
                serve: one-page
              - when: { attribute: key, op: equals, values: [u3] }
                serve: express
        """.formatted(newPricing);
  }

  @TempDir
  static Path dir;
  private Path classes;

  @BeforeAll
  void compileWithTheProcessor() throws IOException {
    classes = ProcessedApp.compile(Path.of(System.getProperty("turnout.it.processed.app")), dir.resolve("classes"),
        System.getProperty("turnout.it.classpath"), System.getProperty("turnout.it.processorpath"));
  }

  @Test
  void theProcessorIndexesEachGatedClassByItsBinaryName() throws IOException {
    List<String> index = Files.readAllLines(classes.resolve("META-INF/turnout/agent.idx")).stream()
        .filter(line -> !line.startsWith("#"))
        .collect(Collectors.toList());

    assertThat(index).containsExactly("com.example.shop.Shop", "com.example.shop.Shop$Basket",
        "com.example.shop.Shop$Receipt");
    assertThat(classes.resolve("com/example/shop/Flags.class")).isRegularFile();
    assertThat(Files.readString(classes.resolve("META-INF/turnout/registry.json")))
        .contains("\"class\": \"com.example.shop.Shop$Basket\"")
        .contains("\"descriptor\": \"([J)J\"");
  }

  @Test
  void gatesNamedByFlagsConstantsFollowTheExternalCatalogAndItsFlips() throws Exception {
    Path external = dir.resolve("flags.yaml");
    Files.writeString(external, catalog("off"));
    String classPath = String.join(File.pathSeparator, classes.toString(), System.getProperty("turnout.it.classpath"));

    try (App app = App.startMain(MAIN, classPath, "flags=" + external)) {
      // The class path catalog serves new-pricing on; the external one, which wins, off.
      Map<String, String> off = app.command("run");
      assertThat(off).containsEntry("price", "1000")
          .containsEntry("basket", "1000")
          .containsEntry("receipt", "shop: 500")
          .containsEntry("programmatic", "false")
          .containsEntry("checkout.u1", "classic u1")
          .containsEntry("checkout.u2", "one-page u2")
          .containsEntry("checkout.u3", "express u3")
          .containsEntry("constant", "checkout-flow");

      App.replace(external, catalog("on"));
      awaitRun(app, "programmatic", "true");
      Map<String, String> on = app.command("run");
      assertThat(on).containsEntry("price", "900")
          .containsEntry("basket", "900")
          .containsEntry("receipt", "shop: 500 (10% off)")
          .containsEntry("checkout.u1", "classic u1")
          .containsEntry("checkout.u2", "one-page u2")
          .containsEntry("checkout.u3", "express u3");
      assertThat(app.stderr()).doesNotContain("is not gated").doesNotContain("cannot transform");
    }
  }

  /** Runs the application until {@code name} answers {@code value}: the catalog is reloaded by a file watch. */
  private static void awaitRun(App app, String name, String value) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Map<String, String> answer = app.command("run");
    while (!value.equals(answer.get(name)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      answer = app.command("run");
    }
    assertThat(answer).as("5 s after the catalog changed; stderr:\n" + app.stderr()).containsEntry(name, value);
  }
}
