package dev.turnout.cli.internal;

import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles one source text in memory with the JDK's javac: the rewritten code must still compile. */
final class Javac {

  private Javac() {}

  /** javac's diagnostics for {@code source} (class {@code name}), empty when it compiles. */
  static String errors(String name, String source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    StringWriter out = new StringWriter();
    java.nio.file.Path classes;
    try {
      classes = java.nio.file.Files.createTempDirectory("javac");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    boolean ok = javac.getTask(out, null, null, List.of("-d", classes.toString(), "-proc:none"), null, List.of(file)).call();
    return ok ? "" : out.toString();
  }
}
