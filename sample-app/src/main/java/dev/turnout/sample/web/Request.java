package dev.turnout.sample.web;

import dev.turnout.sample.data.User;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One HTTP request as handlers see it: method, path, parameters (query, form or JSON body), the
 * path's named parts, and the user making it. Immutable.
 *
 * <pre>{@code
 * router.post("/tasks/{id}/complete", request -> {
 *   OptionalLong id = request.pathId("id");
 *   String title = request.param("title");
 *   User user = request.user();   // null when nobody is logged in
 *   ...
 * });
 * }</pre>
 */
public final class Request {

  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Map<String, String> params;
  private final Map<String, String> pathParts;
  private final User user;
  private final String unknownUser;

  Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body, User user,
      String unknownUser) {
    this(method, path, headers, body, parameters(query, headers, body), Map.of(), user, unknownUser);
  }

  private Request(String method, String path, Map<String, List<String>> headers, byte[] body,
      Map<String, String> params, Map<String, String> pathParts, User user, String unknownUser) {
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.body = body;
    this.params = params;
    this.pathParts = pathParts;
    this.user = user;
    this.unknownUser = unknownUser;
  }

  /** A request for tests and internal dispatch: no headers, the given parameters. */
  public static Request of(String method, String path, Map<String, String> params, User user) {
    return new Request(method, path, Map.of(), new byte[0], Map.copyOf(params), Map.of(), user, null);
  }

  /** This request with the named parts of its path, as the {@link Router} fills them in. */
  public Request withPathParts(Map<String, String> parts) {
    return new Request(method, path, headers, body, params, Map.copyOf(parts), user, unknownUser);
  }

  /** The method, upper case. */
  public String method() {
    return method;
  }

  /** The path, without the query. */
  public String path() {
    return path;
  }

  /** Whether the path is under {@code /api/}: such requests are answered in JSON. */
  public boolean isApi() {
    return path.startsWith("/api/");
  }

  /** The user making the request ({@code X-User} header or {@code user} cookie), or {@code null}. */
  public User user() {
    return user;
  }

  /**
   * The name the request was made as ({@code X-User} header or {@code user} cookie) when no user has
   * it; empty when a known user or nobody made it. At most 40 characters of it, each character outside
   * printable ASCII written as its code.
   */
  public Optional<String> unknownUser() {
    return Optional.ofNullable(unknownUser);
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** A cookie's value, if present. */
  public Optional<String> cookie(String name) {
    return header("Cookie").flatMap(cookies -> cookieIn(cookies, name));
  }

  static Optional<String> cookieIn(String cookies, String name) {
    for (String pair : cookies.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
        return Optional.of(pair.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  /**
   * A parameter from the query string, a form body, or (top-level fields of) a JSON object body,
   * stripped of surrounding white space; {@code ""} when absent.
   */
  public String param(String name) {
    String value = params.get(name);
    return value == null ? "" : value.strip();
  }

  /** A named part of the path pattern, such as {@code id} in {@code /tasks/{id}}, as a number. */
  public OptionalLong pathId(String name) {
    String value = pathParts.get(name);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Map<String, String> parameters(String query, Map<String, List<String>> headers, byte[] body) {
    Map<String, String> params = new HashMap<>();
    parseForm(query, params);
    String type = "";
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("Content-Type") && !e.getValue().isEmpty()) {
        type = e.getValue().get(0).toLowerCase(Locale.ROOT);
      }
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      parseForm(new String(body, StandardCharsets.UTF_8), params);
    } else if (type.startsWith("application/json")) {
      Map<String, Object> json = Json.readObject(body);
      if (json != null) {
        json.forEach((k, v) -> {
          if (v != null && !(v instanceof Map) && !(v instanceof List)) {
            params.put(k, v.toString());
          }
        });
      }
    }
    return Map.copyOf(params);
  }

  private static void parseForm(String text, Map<String, String> into) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  @Override
  public String toString() {
    return method + " " + path + (user == null ? "" : " as " + user.name());
  }
}
