package dev.turnout.springsample;

import com.jayway.jsonpath.JsonPath;
import dev.turnout.testsupport.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A signed-in user of the sample's JSON API (HTTP Basic), or nobody when the user is null. */
final class Shopper {

  private final Http http;
  private final String user;

  Shopper(URI base, String user) {
    this.http = new Http(base, Duration.ofSeconds(20), Shopper::basicAuthentication);
    this.user = user;
  }

  /** GET of an API path. */
  Reply get(String path) {
    return Reply.of(http.get(user, path));
  }

  /** Orders a book. */
  Reply order(long bookId) {
    return Reply.of(http.post(user, "api/orders", "application/json", "{\"bookId\":" + bookId + "}"));
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

  private static Map<String, String> basicAuthentication(String user) {
    String credentials = user + ":" + Security.PASSWORD;
    return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  /** A response: status and body. */
  record Reply(int status, String body) {

    static Reply of(Http.Reply r) {
      return new Reply(r.status(), r.body());
    }

    /** The value at a JSON path of the body. */
    <T> T read(String path) {
      return JsonPath.read(body, path);
    }
  }
}
