package dev.turnout.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles into real directories, as a build tool does: the catalog is found among the copied
 * resources, and a build that recompiles only some sources keeps the other classes' gates and does not
 * call their flags unused.
 */
class IncrementalBuildTest {

  @TempDir
  Path dir;

  @Test
  void findsTheCatalogAmongTheResourcesAndKeepsGatesOfClassesNotRecompiled() throws IOException {
    Path out = Files.createDirectories(dir.resolve("classes"));
    Files.createDirectories(out.resolve("turnout"));
    Files.writeString(out.resolve("turnout/flags.yaml"), """
        package: com.example
        flags:
          a-flag: {}
          b-flag: {}
        """);
    Path a = write("com/example/A.java", """
        package com.example;

        class A {
          @dev.turnout.FeatureFlag(value = Flags.A_FLAG, alternate = "y")
          void x() {}

          void y() {}
        }
        """);
    Path b = write("com/example/B.java", """
        package com.example;

        class B {
          @dev.turnout.FeatureFlag(value = "b-flag", alternate = "y")
          void x() {}

          void y() {}
        }
        """);

    List<Diagnostic<? extends JavaFileObject>> full = compile(out, a, b);
    assertThat(full).isEmpty();
    assertThat(out.resolve("META-INF/turnout/agent.idx")).content().endsWith("com.example.A\ncom.example.B\n");

    List<Diagnostic<? extends JavaFileObject>> onlyB = compile(out, b);
    assertThat(onlyB).isEmpty();
    assertThat(out.resolve("META-INF/turnout/agent.idx")).content().endsWith("com.example.A\ncom.example.B\n");
    assertThat(out.resolve("META-INF/turnout/registry.json")).content()
        .contains("\"class\": \"com.example.A\"", "\"class\": \"com.example.B\"");

    Files.delete(out.resolve("com/example/A.class"));
    Files.delete(a);
    List<Diagnostic<? extends JavaFileObject>> aDeleted = compile(out, b);
    assertThat(aDeleted).singleElement()
        .satisfies(d -> assertThat(d.getMessage(null)).contains("[turnout.unused-flag] flag 'a-flag'"));
    assertThat(out.resolve("META-INF/turnout/agent.idx")).content().doesNotContain("com.example.A\n");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private List<Diagnostic<? extends JavaFileObject>> compile(Path out, Path... sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path generated = Files.createDirectories(dir.resolve("generated"));
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s", generated.toString(),
          "-classpath", out + File.pathSeparator + System.getProperty("java.class.path")));
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjects(sources));
      task.setProcessors(List.of(new TurnoutProcessor()));
      boolean ok = task.call();
      assertThat(ok).as(diagnostics.getDiagnostics().toString()).isTrue();
    }
    return diagnostics.getDiagnostics();
  }
}
