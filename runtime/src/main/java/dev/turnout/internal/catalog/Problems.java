package dev.turnout.internal.catalog;

import dev.turnout.CatalogException;
import dev.turnout.CatalogProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one catalog, so the user sees them all at once. */
public final class Problems {

  private final String source;
  private final List<CatalogProblem> list = new ArrayList<>();

  public Problems(String source) {
    this.source = source;
  }

  public void add(int line, int column, String message) {
    list.add(new CatalogProblem(source, line, column, message));
  }

  public void add(Node at, String message) {
    add(at.line(), at.column(), message);
  }

  public void add(Node.Field at, String message) {
    add(at.line(), at.column(), message);
  }

  /** How many problems there are so far. */
  public int size() {
    return list.size();
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  /** Throws a {@link CatalogException} listing every problem in file order, if there are any. */
  public void throwIfAny() {
    if (!list.isEmpty()) {
      List<CatalogProblem> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparingInt(CatalogProblem::line).thenComparingInt(CatalogProblem::column));
      throw new CatalogException(sorted);
    }
  }
}
