package dev.turnout.cli.api;

import dev.turnout.CatalogException;
import dev.turnout.CatalogProblem;
import java.util.ArrayList;
import java.util.List;

/** {@code turnout check} and {@code turnout:check}: every problem of a catalog, as {@code file:line:column: message}. */
public final class CatalogCheck {

  private CatalogCheck() {}

  /** The catalog's problems in file order; empty when it validates. */
  public static List<String> problems(CatalogFile file) {
    try {
      file.parse();
      return List.of();
    } catch (CatalogException e) {
      List<String> lines = new ArrayList<>();
      for (CatalogProblem p : e.problems()) {
        lines.add(p.toString());
      }
      return lines;
    }
  }
}
