package dev.turnout.sample.data;

/**
 * A database operation failed: a bug or a broken data directory, never an expected outcome (those,
 * such as a name already taken, are answered by the stores' return values).
 *
 * <pre>{@code
 * try {
 *   tasks.list();
 * } catch (DataException e) {
 *   log.log(Level.SEVERE, "the database failed", e);
 * }
 * }</pre>
 */
public final class DataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure of the given statement. */
  public DataException(String what, Throwable cause) {
    super(what + ": " + cause.getMessage(), cause);
  }
}
