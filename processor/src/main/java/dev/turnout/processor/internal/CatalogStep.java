package dev.turnout.processor.internal;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Step 1: finds and reads the catalog with the runtime's own parser. A catalog that does not parse is
 * reported problem by problem, each with its catalog line and column.
 */
final class CatalogStep {

  /** Where the conventional catalog is looked for, in this order, as a resource name. */
  static final List<String> RESOURCE_NAMES = List.of("turnout/flags.yaml", "turnout/flags.yml", "turnout/flags.json");

  /** Where the catalog came from, which decides what this compilation may say about it. */
  public enum Origin {
    /** {@code -Aturnout.catalog}. */
    OPTION,
    /** This compilation's own resources (the class output, where Maven copies them first). */
    OUTPUT,
    /** Another compilation's output on the class path: a test compilation reading the main catalog. */
    CLASS_PATH,
    /** No catalog. */
    NONE;

    /** Whether the catalog belongs to this compilation, so unused and expired flags are its business. */
    public boolean isOwn() {
      return this == OPTION || this == OUTPUT;
    }
  }

  /** The outcome: {@code catalog} is null when there is none or it has problems (already reported). */
  public record Loaded(Catalog catalog, Origin origin, String name) {

    /** The catalog file's name without directories, for generated documentation. */
    public String fileName() {
      int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
      return name.substring(slash + 1);
    }
  }

  private final Filer filer;
  private final Reporter reporter;

  public CatalogStep(Filer filer, Reporter reporter) {
    this.filer = filer;
    this.reporter = reporter;
  }

  /** Finds and reads the catalog, reporting every problem found. */
  public Loaded load(Options options) {
    if (options.catalogPath() != null) {
      String path = options.catalogPath();
      String text;
      try {
        text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
      } catch (IOException | InvalidPathException | SecurityException e) {
        reporter.report(Message.CATALOG_NOT_FOUND, path, describe(e));
        return new Loaded(null, Origin.OPTION, path);
      }
      return parse(path, text, Origin.OPTION);
    }
    for (Origin origin : List.of(Origin.OUTPUT, Origin.CLASS_PATH)) {
      JavaFileManager.Location location =
          origin == Origin.OUTPUT ? StandardLocation.CLASS_OUTPUT : StandardLocation.CLASS_PATH;
      for (String name : RESOURCE_NAMES) {
        String text = readResource(location, name);
        if (text != null) {
          return parse(name, text, origin);
        }
      }
    }
    return new Loaded(null, Origin.NONE, "");
  }

  private Loaded parse(String name, String text, Origin origin) {
    try {
      return new Loaded(CatalogReader.read(name, text, CatalogFormat.forName(name)), origin, name);
    } catch (CatalogException e) {
      for (CatalogProblem p : e.problems()) {
        reporter.report(Message.CATALOG_INVALID, name, p.line(), p.column(), p.message());
      }
      return new Loaded(null, origin, name);
    }
  }

  private String readResource(JavaFileManager.Location location, String name) {
    try {
      FileObject file = filer.getResource(location, "", name);
      return file.getCharContent(true).toString();
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // Not there (or the location is not searchable in this compiler): try the next place.
      return null;
    }
  }

  private static String describe(Exception e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
