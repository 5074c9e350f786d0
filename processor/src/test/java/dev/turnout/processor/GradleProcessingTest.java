package dev.turnout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradle's incremental annotation processing: the processor is registered as aggregating (it reads every
 * type and writes one {@code Flags}, registry and agent index for all of them), and Gradle then hands it
 * a decorator of the compiler's processing environment, where keys in method bodies must still be checked.
 */
class GradleProcessingTest {

  @Test
  void theProcessorIsRegisteredAsAggregating() throws Exception {
    String registration;
    try (var in = TurnoutProcessor.class.getClassLoader()
        .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      Assertions.assertThat(in).as("the registration file").isNotNull();
      registration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Assertions.assertThat(registration.strip())
        .isEqualTo(TurnoutProcessor.class.getName() + ",aggregating");
    // Every type, not types with one annotation: one generated file depends on many sources.
    Assertions.assertThat(new TurnoutProcessor().getSupportedAnnotationTypes()).containsExactly("*");
  }

  @Test
  void aKeyInAMethodBodyIsCheckedWhenTheEnvironmentIsADecorator() {
    Compilation compilation = Compiler.javac()
        .withProcessors(new Decorating(new TurnoutProcessor()))
        .withOptions(Fixtures.catalog("tasks.yaml"))
        .compile(Fixtures.source("com.example.tasks.Shop", """
            package com.example.tasks;

            import dev.turnout.Turnout;

            public class Shop {
              boolean on() {
                return Turnout.isEnabled("new-chekout");
              }
            }
            """));

    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'new-chekout'")
        .inFile(compilation.sourceFiles().get(0)).onLine(7);
  }

  /**
   * Gradle's incremental build hands the classes it does not recompile to the processor as class files,
   * without source: a key named only in one of those bodies is not unused.
   */
  @Test
  void aFlagNamedOnlyInAClassReprocessedFromItsClassFileIsNotReportedUnused(@TempDir Path dir) throws Exception {
    Path first = Files.createDirectories(dir.resolve("first"));
    Path second = Files.createDirectories(dir.resolve("second"));
    String catalog = Fixtures.catalog("tasks.yaml");
    javax.tools.JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> classPath = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));

    DiagnosticCollector<JavaFileObject> whole = new DiagnosticCollector<>();
    assertThat(compile(javac, whole, first, classPath, List.of(catalog), List.of(), Fixtures.source("com.example.tasks.Checkout", """
        package com.example.tasks;

        public class Checkout {
          boolean on() {
            return dev.turnout.Turnout.isEnabled("new-checkout");
          }
        }
        """))).as(whole.getDiagnostics().toString()).isTrue();

    classPath.add(first.toString());
    DiagnosticCollector<JavaFileObject> partial = new DiagnosticCollector<>();
    assertThat(compile(javac, partial, second, classPath, List.of(catalog), List.of("com.example.tasks.Checkout"),
        Fixtures.source("com.example.tasks.Other", """
            package com.example.tasks;

            public class Other {}
            """))).as(partial.getDiagnostics().toString()).isTrue();
    Assertions.assertThat(partial.getDiagnostics()).extracting(d -> d.getMessage(Locale.ROOT))
        .noneMatch(m -> m.contains("flag 'new-checkout'") && m.contains("is not named by any code"));
  }

  private static boolean compile(javax.tools.JavaCompiler javac, DiagnosticCollector<JavaFileObject> diagnostics,
      Path output, List<String> classPath, List<String> options, List<String> classes, JavaFileObject... sources)
      throws Exception {
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(output.toFile()));
      files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(output.toFile()));
      files.setLocation(StandardLocation.CLASS_PATH, classPath.stream().map(File::new).toList());
      javax.tools.JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostics, options, classes, List.of(sources));
      task.setProcessors(List.of(new TurnoutProcessor()));
      return task.call();
    }
  }

  /** Initializes its delegate with a decorator of the environment, as Gradle's wrappers do. */
  private static final class Decorating extends AbstractProcessor {
    private final AbstractProcessor delegate;

    Decorating(AbstractProcessor delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(new Decorator(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  private static final class Decorator implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    Decorator(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return delegate.getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }
}
