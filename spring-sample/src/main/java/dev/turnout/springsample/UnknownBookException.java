package dev.turnout.springsample;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No book has the id asked for: the API answers 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownBookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The book {@code id} does not exist. */
  public UnknownBookException(long id) {
    super("no book " + id);
  }
}
