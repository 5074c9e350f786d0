package dev.turnout.opentelemetry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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

  private Path compile(Path app) throws IOException {
    Path classes = dir.resolve("classes");
    copyTree(app.resolve("src/main/resources"), classes); // as Maven does: the processor reads the catalog there
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classPath = System.getProperty("turnout.it.classpath");
    List<String> options = List.of("--release", "17", "-Xlint:all,-processing,-options,-classfile", "-d",
        classes.toString(), "-cp", classPath, "-processorpath", classPath);
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(app.resolve("src/main/java"))) {
      List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
      compiled = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    List<String> problems = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
        .map(d -> d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + " " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
    assertThat(problems).as("diagnostics of the test application's compilation").isEmpty();
    assertThat(compiled).isTrue();
    assertThat(classes.resolve("META-INF/turnout/registry.json")).isRegularFile();
    return classes;
  }

  private String run(Path classes) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + System.getProperty("turnout.agent.jar"));
    command.add("-Xshare:off"); // no class data sharing notice on standard error
    command.add("-cp");
    command.add(classes + java.io.File.pathSeparator + System.getProperty("turnout.it.classpath"));
    command.add("com.example.tracks.TracksApp");
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the application ends").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
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
    Path app = Path.of(System.getProperty("turnout.it.app"));
    String output = run(compile(app));

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

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
