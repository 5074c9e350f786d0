package dev.turnout.sample.web;

import dev.turnout.sample.data.User;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, a content type, a body and extra headers. Immutable.
 *
 * <pre>{@code
 * return Response.html(Html.page("Tasks", request.user(), body));
 * return Response.json(201, Map.of("id", task.id()));
 * return Response.redirect("/tasks").withHeader("Set-Cookie", "user=ann; Path=/");
 * }</pre>
 */
public final class Response {

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JSON = "application/json";

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final Map<String, String> headers;

  private Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = headers;
  }

  /** An HTML page with status 200. */
  public static Response html(String page) {
    return html(200, page);
  }

  /** An HTML page. */
  public static Response html(int status, String page) {
    return new Response(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A JSON body: {@code value} is written with Jackson (maps, lists, records, strings, numbers). */
  public static Response json(int status, Object value) {
    return new Response(status, JSON, Json.write(value), Map.of());
  }

  /** A JSON body with status 200. */
  public static Response json(Object value) {
    return json(200, value);
  }

  /** A JSON error body {@code {"error": message}}. */
  public static Response jsonError(int status, String message) {
    return json(status, Map.of("error", message));
  }

  /** A redirect to {@code location} after a form post (303 See Other: the browser then GETs it). */
  public static Response redirect(String location) {
    return new Response(303, HTML, new byte[0], Map.of("Location", location));
  }

  /**
   * The 404 page for {@code user} (who stays logged in on it; {@code null} for a visitor), the same
   * whether the thing never existed or is switched off.
   */
  public static Response notFound(User user) {
    return html(404, Html.page("Not found", user, "<h1>Not found</h1><p>There is nothing at this address.</p>"));
  }

  /**
   * The API's answer to a call without a known user: 401, and whether the {@code X-User} header was
   * missing or named nobody who signed up.
   */
  public static Response notLoggedIn(Request request) {
    return request.unknownUser()
        .map(name -> jsonError(401, "unknown user '" + name + "': sign up first (POST /api/users), or name a user "
            + "who has, in the header X-User: NAME"))
        .orElseGet(() -> jsonError(401, "log in first: send the header X-User: NAME"));
  }

  /** This response with one more header. */
  public Response withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, contentType, body, Map.copyOf(more));
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The {@code Content-Type}. */
  public String contentType() {
    return contentType;
  }

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  byte[] body() {
    return body;
  }

  /** The extra headers. */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String toString() {
    return "Response{" + status + ", " + contentType + ", " + body.length + " bytes}";
  }
}
