package dev.turnout.console.internal;

/** An edit that cannot be made as asked; the message says why, for the person who asked. */
final class EditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EditException(String message) {
    super(message);
  }
}
