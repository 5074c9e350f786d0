package dev.turnout.cli.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project a command works on: its directory, where its catalog is and which source folders to
 * read. Paths in messages are shown relative to the directory.
 */
public final class Workspace {

  /** Where a project keeps its catalog by convention, tried in this order. */
  public static final List<String> DEFAULT_CATALOGS = List.of(
      "src/main/resources/turnout/flags.yaml",
      "src/main/resources/turnout/flags.yml",
      "src/main/resources/turnout/flags.json");

  /** The source folders read when none are named. */
  public static final List<String> DEFAULT_SOURCES = List.of("src/main/java", "src/test/java");

  private final Path dir;

  public Workspace(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Path resolve(String path) {
    return dir.resolve(path).normalize();
  }

  /** {@code path} relative to the directory when it is inside it, with {@code /} separators. */
  public String display(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path shown = abs.startsWith(dir) ? dir.relativize(abs) : abs;
    String text = shown.toString().replace('\\', '/');
    return text.isEmpty() ? "." : text;
  }

  /** The catalog named, or the first conventional one that exists. */
  public CatalogFile catalog(String named) {
    if (named != null) {
      return CatalogFile.load(this, resolve(named));
    }
    for (String candidate : DEFAULT_CATALOGS) {
      Path path = resolve(candidate);
      if (Files.isRegularFile(path)) {
        return CatalogFile.load(this, path);
      }
    }
    throw new ToolException("no catalog found at " + String.join(", ", DEFAULT_CATALOGS)
        + " in " + dir + ": name one with --catalog PATH");
  }

  /** The folders named, or the conventional ones that exist. */
  public List<Path> sources(List<String> named) {
    List<Path> result = new ArrayList<>();
    if (named != null && !named.isEmpty()) {
      for (String n : named) {
        Path p = resolve(n);
        if (!Files.exists(p)) {
          throw new ToolException("no such source folder or file: " + n);
        }
        result.add(p);
      }
      return result;
    }
    for (String d : DEFAULT_SOURCES) {
      Path p = resolve(d);
      if (Files.isDirectory(p)) {
        result.add(p);
      }
    }
    return result;
  }
}
