package dev.turnout.sample;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A plain HTTP client for the sample ({@link dev.turnout.testsupport.Http}), acting as a named user through the
 * {@code X-User} header, with the JSON of its API.
 */
final class Http {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final dev.turnout.testsupport.Http http;

  Http(URI base) {
    this.http = new dev.turnout.testsupport.Http(base, Duration.ofSeconds(10), user -> Map.of("X-User", user));
  }

  Reply get(String user, String path) {
    return Reply.of(http.get(user, path));
  }

  Reply delete(String user, String path) {
    return Reply.of(http.delete(user, path));
  }

  /** A form post, as a browser sends it. */
  Reply postForm(String user, String path, Map<String, String> form) {
    return Reply.of(http.postForm(user, path, form));
  }

  /** A JSON post to the API. */
  Reply postJson(String user, String path, Map<String, ?> body) {
    try {
      return Reply.of(http.post(user, path, "application/json", JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response: status, body, and the redirect target if any. */
  record Reply(int status, String body, String location) {

    static Reply of(dev.turnout.testsupport.Http.Reply r) {
      return new Reply(r.status(), r.body(), r.location());
    }

    Map<String, Object> json() {
      try {
        return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON object: " + body, e);
      }
    }
  }
}
