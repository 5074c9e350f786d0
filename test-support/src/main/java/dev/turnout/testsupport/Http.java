package dev.turnout.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for a sample application, acting as a named user: what identifies a user (a header, a
 * password) is the application's, given as the headers to send for a user name. Redirects are not followed, so
 * tests see them.
 */
public final class Http {

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;
  private final Duration timeout;
  private final Function<String, Map<String, String>> identify;

  /**
   * @param base the application's address, which request paths are resolved against
   * @param timeout how long one request may take
   * @param identify the headers that make a request the given user's (not called for requests without a user)
   */
  public Http(URI base, Duration timeout, Function<String, Map<String, String>> identify) {
    this.base = base;
    this.timeout = timeout;
    this.identify = identify;
  }

  /** A GET of {@code path} as {@code user} (null: anonymous). */
  public Reply get(String user, String path) {
    return send(request(user, path).GET());
  }

  /** A DELETE of {@code path} as {@code user} (null: anonymous). */
  public Reply delete(String user, String path) {
    return send(request(user, path).DELETE());
  }

  /** A form post, as a browser sends it. */
  public Reply postForm(String user, String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return post(user, path, "application/x-www-form-urlencoded", body);
  }

  /** A post of {@code body}, of type {@code contentType}. */
  public Reply post(String user, String path, String contentType, String body) {
    return send(request(user, path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String user, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    if (user != null) {
      identify.apply(user).forEach(b::header);
    }
    return b;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A response.
   *
   * @param status the HTTP status
   * @param body the body as text
   * @param location the redirect target, or null
   */
  public record Reply(int status, String body, String location) {}
}
