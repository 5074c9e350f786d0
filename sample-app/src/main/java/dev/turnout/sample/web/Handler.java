package dev.turnout.sample.web;

/**
 * Answers one kind of request; registered on a {@link Router}.
 *
 * <pre>{@code
 * Handler hello = request -> Response.html(Html.page("Hello", request.user(), "<p>Hello</p>"));
 * }</pre>
 */
@FunctionalInterface
public interface Handler {

  /** The response to {@code request}. */
  Response handle(Request request);
}
