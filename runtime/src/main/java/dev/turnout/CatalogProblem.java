package dev.turnout;

import java.util.Objects;

/**
 * One thing wrong with a catalog, at the place it was found.
 *
 * <pre>{@code
 * for (CatalogProblem p : e.problems()) {
 *   System.err.println(p);   // flags.yaml:12:9: unknown operator 'equal' (known: equals, ...)
 * }
 * }</pre>
 */
public final class CatalogProblem {

  private final String source;
  private final int line;
  private final int column;
  private final String message;

  /**
   * @param source the catalog's name (a file path, or {@code classpath:turnout/flags.yaml})
   * @param line the line from 1, or 0 when the problem has no place in the text
   * @param column the column from 1, or 0 when the problem has no place in the text
   */
  public CatalogProblem(String source, int line, int column, String message) {
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.column = column;
    this.message = Objects.requireNonNull(message, "message");
  }

  /** The catalog's name. */
  public String source() {
    return source;
  }

  /** The line from 1, or 0 when the problem concerns the file as a whole. */
  public int line() {
    return line;
  }

  /** The column from 1, or 0 when the problem concerns the file as a whole. */
  public int column() {
    return column;
  }

  /** What is wrong, without the place. */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CatalogProblem)) {
      return false;
    }
    CatalogProblem that = (CatalogProblem) o;
    return line == that.line && column == that.column && source.equals(that.source) && message.equals(that.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, line, column, message);
  }

  /** {@code source:line:column: message}, or {@code source: message} without a place. */
  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
  }
}
