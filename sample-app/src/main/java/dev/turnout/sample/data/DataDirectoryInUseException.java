package dev.turnout.sample.data;

import java.nio.file.Path;

/**
 * The data directory holds a database another running process has open, most likely another copy of
 * the sample: one directory serves one copy at a time.
 *
 * <pre>{@code
 * try {
 *   Database.open(dir);
 * } catch (DataDirectoryInUseException e) {
 *   System.err.println(e.getMessage());   // one line, naming the directory and --data
 * }
 * }</pre>
 */
public final class DataDirectoryInUseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The directory {@code directory} is in use. */
  public DataDirectoryInUseException(Path directory, Throwable cause) {
    super("the data folder " + directory + " is in use by another running copy of the sample: stop that one, "
        + "or give this one a folder of its own with --data DIR", cause);
  }
}
