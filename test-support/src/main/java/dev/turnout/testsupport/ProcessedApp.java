package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A small application project, laid out as Maven lays one out ({@code src/main/java}, {@code src/main/resources}),
 * compiled the way users build theirs: with the real annotation processor on the processor path, so that the agent
 * then reads the index, the registry and the {@code Flags} constants the processor really produces.
 */
public final class ProcessedApp {

  private ProcessedApp() {}

  /**
   * Compiles {@code project} into {@code classes} as Maven does: its resources first (the processor reads the
   * catalog among them), then its sources with javac for Java 17, against {@code classPath}, with the processors
   * found on {@code processorPath}. Fails, naming each, on any diagnostic other than a note; returns
   * {@code classes}.
   */
  public static Path compile(Path project, Path classes, String classPath, String processorPath) throws IOException {
    Path resources = project.resolve("src/main/resources");
    if (Files.isDirectory(resources)) {
      MavenBuild.copyProject(resources, Files.createDirectories(classes));
    } else {
      Files.createDirectories(classes);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    // Class file warnings concern the libraries on the class path (annotations they name and do not bring), not
    // the application.
    List<String> options = List.of("--release", "17", "-Xlint:all,-processing,-options,-classfile",
        "-d", classes.toString(), "-cp", classPath, "-processorpath", processorPath);
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(project.resolve("src/main/java"))) {
      List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
      compiled = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    List<String> problems = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
        .map(d -> d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + " " + d.getMessage(Locale.ROOT))
        .toList();
    assertThat(problems).as("diagnostics of the compilation of %s", project.getFileName()).isEmpty();
    assertThat(compiled).as("the compilation of %s", project.getFileName()).isTrue();
    return classes;
  }
}
