package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's session: signs in through Spring Security's login form, then sends only its session cookie. */
final class BrowserSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;

  private BrowserSession(URI base) {
    this.base = base;
  }

  /** Opens the login page, posts the form with its CSRF token, and checks that the login succeeded. */
  static BrowserSession signIn(URI base, String user, String password) {
    BrowserSession session = new BrowserSession(base);
    HttpResponse<String> page = session.send(HttpRequest.newBuilder(base.resolve("login")).GET());
    assertThat(page.statusCode()).as("the login page").isEqualTo(200);
    Matcher token = CSRF.matcher(page.body());
    assertThat(token.find()).as("a CSRF token in the login form: %s", page.body()).isTrue();
    String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
    HttpResponse<String> posted = session.send(HttpRequest.newBuilder(base.resolve("login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(posted.statusCode()).as("the login form's answer").isEqualTo(302);
    assertThat(posted.headers().firstValue("Location")).as("redirected away from the form, not back with ?error")
        .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    return session;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A GET with the session's cookie only. */
  Shopper.Reply get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).GET());
    return new Shopper.Reply(r.statusCode(), r.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
