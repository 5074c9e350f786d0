package dev.turnout.cli.api;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.cli.internal.JavaSources;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A catalog file as read from disk: where it is, its name in messages, its text and its format. */
public record CatalogFile(Path path, String display, String text, CatalogFormat format) {

  static CatalogFile load(Workspace workspace, Path path) {
    String display = workspace.display(path);
    if (!Files.isRegularFile(path)) {
      throw new ToolException(display + ": no such catalog file");
    }
    try {
      return new CatalogFile(path, display, Files.readString(path, StandardCharsets.UTF_8),
          CatalogFormat.forName(path.getFileName().toString()));
    } catch (IOException e) {
      throw new ToolException(display + ": cannot read: " + JavaSources.reason(e));
    }
  }

  /**
   * The validated catalog.
   *
   * @throws CatalogException listing every problem, each as {@code file:line:column: message}
   */
  public Catalog parse() {
    return CatalogReader.read(display, text, format);
  }

  /** Parses {@code otherText} as a version of this file (an older commit, an edited copy). */
  public Catalog parse(String otherText) {
    return CatalogReader.read(display, otherText, format);
  }
}
