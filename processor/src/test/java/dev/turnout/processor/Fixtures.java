package dev.turnout.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, and reads catalogs and golden files from test resources. */
final class Fixtures {

  private Fixtures() {}

  /** A source file; line 1 is the first line of {@code text}. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** The option pointing the processor at a catalog among the test resources. */
  static String catalog(String name) {
    return "-Aturnout.catalog=" + resourcePath("catalogs/" + name);
  }

  static Path resourcePath(String name) {
    URL url = Fixtures.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A golden file's expected contents. With {@code -Dgolden.update=DIR} the actual contents are written
   * under DIR instead and returned, to review a change in the generated code and copy it over.
   */
  static String golden(String name, String actual) {
    String update = System.getProperty("golden.update");
    if (update != null) {
      try {
        Path file = Path.of(update, name);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return actual;
    }
    return resource("golden/" + name);
  }

  static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(options);
    return Compiler.javac().withProcessors(new TurnoutProcessor()).withOptions(all).compile(sources);
  }

  /** Compiles against the catalog {@code catalogs/<catalogName>}. */
  static Compilation compileWith(String catalogName, JavaFileObject... sources) {
    return compile(List.of(catalog(catalogName)), sources);
  }

  static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
