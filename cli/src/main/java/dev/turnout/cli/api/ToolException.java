package dev.turnout.cli.api;

/** A command cannot run: a missing file, a bad option value. The message is shown as is; exit status 2. */
public final class ToolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ToolException(String message) {
    super(message);
  }
}
