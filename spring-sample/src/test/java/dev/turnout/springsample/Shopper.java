package dev.turnout.springsample;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A signed-in user of the sample's JSON API (HTTP Basic), or nobody when the user is null. */
final class Shopper {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private final URI base;
  private final String user;

  Shopper(URI base, String user) {
    this.base = base;
    this.user = user;
  }

  /** GET of an API path. */
  Reply get(String path) {
    return send(request(path).GET());
  }

  /** Orders a book. */
  Reply order(long bookId) {
    return send(request("api/orders").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"bookId\":" + bookId + "}")));
  }

  /** Whether the book's page lists its reviews (book-reviews' alternate track); fails on any error. */
  boolean seesReviews(long bookId) {
    Reply r = get("api/books/" + bookId);
    if (r.status() != 200) {
      throw new AssertionError(user + ": GET api/books/" + bookId + " answered " + r.status() + ": " + r.body());
    }
    return r.read("$.reviews") != null;
  }

  /** Orders a book and says whether the member price was charged (member-prices' alternate track). */
  boolean paysMemberPrice(long bookId) {
    Reply r = order(bookId);
    if (r.status() != 201) {
      throw new AssertionError(user + ": ordering book " + bookId + " answered " + r.status() + ": " + r.body());
    }
    return r.read("$.memberPrice");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (user != null) {
      String credentials = user + ":" + Security.PASSWORD;
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status and body. */
  record Reply(int status, String body) {

    /** The value at a JSON path of the body. */
    <T> T read(String path) {
      return JsonPath.read(body, path);
    }
  }
}
