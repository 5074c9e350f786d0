package dev.turnout.opentelemetry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.AppProcess;
import dev.turnout.testsupport.ProcessedApp;
import dev.turnout.testsupport.TestJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application built the way users build theirs ({@code src/it/gated-app}, compiled here with the real
 * annotation processor) runs under the shaded agent jar with a real OpenTelemetry SDK and its in-memory
 * exporter: each gated call is one {@code feature_flag.evaluation} event naming the gated method, its source
 * line from the processor's registry, and the track that ran; nothing is emitted before the listener is added.
 */
class GatedEventsIT {

  private static final String SHOP = "com.example.tracks.Shop";

  @TempDir
  Path dir;

  private String run(Path classes) throws IOException, InterruptedException {
    AppProcess.Exited run = AppProcess.runUntilExit(List.of(TestJvm.java(), "-javaagent:" + TestJvm.agentJar(),
        "-Xshare:off", // no class data sharing notice on standard error
        "-cp", classes + File.pathSeparator + TestJvm.property("turnout.it.classpath"), "com.example.tracks.TracksApp"),
        Duration.ofMinutes(2));
    String output = String.join("\n", run.output());
    assertThat(run.status()).as(output).isZero();
    return output;
  }

  /** The line of the declaration that starts with {@code declaration} in the application's Shop.java. */
  private static int lineOf(Path app, String declaration) throws IOException {
    List<String> lines = Files.readAllLines(app.resolve("src/main/java/com/example/tracks/Shop.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(declaration)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + declaration + " in Shop.java");
  }

  private static String gate(String method, int line, String key, String contextId, String reason, String variant,
      String track, int index, String ran) {
    return "EVENT feature_flag.evaluation"
        + " code.file.path=com/example/tracks/Shop.java"
        + " code.function.name=" + SHOP + "." + method
        + " code.line.number=" + line
        + (contextId == null ? "" : " feature_flag.context.id=" + contextId)
        + " feature_flag.key=" + key
        + " feature_flag.provider.name=Turnout"
        + " feature_flag.result.reason=" + reason
        + " feature_flag.result.variant=" + variant
        + " turnout.gate.track=" + track
        + " turnout.gate.track.function.name=" + SHOP + "." + ran
        + " turnout.gate.track.index=" + index;
  }

  @Test
  void eachGatedCallIsAnEventNamingTheMethodItsLineAndTheTrackThatRan() throws Exception {
    Path app = Path.of(TestJvm.property("turnout.it.app"));
    String classPath = TestJvm.property("turnout.it.classpath");
    Path classes = ProcessedApp.compile(app, dir.resolve("classes"), classPath, classPath);
    assertThat(classes.resolve("META-INF/turnout/registry.json")).isRegularFile();
    String output = run(classes);

    int price = lineOf(app, "public long price(");
    int checkout = lineOf(app, "public String checkout(");
    int receipt = lineOf(app, "static String receipt(");
    assertThat(output).as(output)
        .contains("off: 1000 900 v2")
        .contains("events while off: 0")
        .contains("on: price ann 1000, price bob 900, checkout u1 classic, checkout u2 one-page, receipt v2,"
            + " isEnabled carl false")
        .doesNotContain("Exception");
    List<String> events = output.lines().filter(l -> l.startsWith("EVENT ")).collect(Collectors.toList());
    assertThat(events).containsExactly(
        gate("price", price, "new-pricing", "ann", "default", "off", "original", 0, "price"),
        gate("price", price, "new-pricing", "bob", "targeting_match", "on", "alternate", 1, "discountedPrice"),
        gate("checkout", checkout, "checkout-flow", "u1", "default", "classic", "original", 0, "checkout"),
        gate("checkout", checkout, "checkout-flow", "u2", "targeting_match", "one-page", "alternate", 1,
            "onePageCheckout"),
        // A flag served alike to everyone: while events are on, the gate evaluates it per call instead of folding it.
        gate("receipt", receipt, "receipts-v2", null, "default", "on", "alternate", 1, "receiptV2"),
        // A programmatic check: an event without a gated method.
        "EVENT feature_flag.evaluation feature_flag.context.id=carl feature_flag.key=new-pricing"
            + " feature_flag.provider.name=Turnout feature_flag.result.reason=default feature_flag.result.variant=off");
  }
}
