package dev.turnout.console.internal;

/** Stops a request with a status and a page saying why (or, for the JSON API, a JSON error). */
final class Halt extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String title;
  final String location;

  Halt(int status, String title, String message) {
    this(status, title, message, null);
  }

  private Halt(int status, String title, String message, String location) {
    super(message, null, false, false);
    this.status = status;
    this.title = title;
    this.location = location;
  }

  static Halt redirect(String location) {
    return new Halt(303, "See other", location, location);
  }
}
