package dev.turnout.ofrep;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One OFREP answer, ready for any HTTP stack: the status code, the body's media type, the body (empty for
 * {@code 304 Not Modified}) and the headers to add (the bulk evaluation's {@code ETag}).
 *
 * @param status the HTTP status code: 200, 304, 400, 404 or 500
 * @param contentType the body's media type, {@code application/json}; send it only with a non-empty body
 * @param body the JSON body, UTF-8; empty for 304
 * @param headers further response headers, by name
 */
public record OfrepResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  /** The media type of every OFREP body. */
  public static final String JSON = "application/json";

  /** Copies the headers; a null body is an empty one. */
  public OfrepResponse {
    body = body == null ? new byte[0] : body;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** The body as text (UTF-8). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OfrepResponse{" + status + " " + headers + " " + bodyText() + "}";
  }
}
