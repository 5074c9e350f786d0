package dev.turnout;

import java.util.List;

/**
 * A catalog that could not be read or does not validate. The whole catalog is rejected; every problem
 * found is listed, each with its line and column.
 *
 * <pre>{@code
 * try {
 *   FlagEngine.builder().source(CatalogSource.file(path)).build();
 * } catch (CatalogException e) {
 *   e.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class CatalogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<CatalogProblem> problems;

  /** An exception listing the given problems (at least one). */
  public CatalogException(List<CatalogProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<CatalogProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a CatalogException needs at least one problem");
    }
    StringBuilder text = new StringBuilder();
    text.append(problems.size() == 1 ? "1 problem in the flag catalog" : problems.size() + " problems in the flag catalog");
    for (CatalogProblem p : problems) {
      text.append(System.lineSeparator()).append("  ").append(p);
    }
    return text.toString();
  }

  /** Every problem found, in the order they appear in the file. */
  public List<CatalogProblem> problems() {
    return problems;
  }
}
