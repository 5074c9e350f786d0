package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser for the console's tests: its own cookies (kept by name, whatever the port, so that a restarted console on
 * another port sees them), the CSRF token of the last page, and no automatic redirects.
 */
final class ConsoleHttp {

  static final String PASSWORD = "correct horse battery";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern REVISION = Pattern.compile("name=\"revision\" value=\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  final Map<String, String> cookies = new LinkedHashMap<>();
  int port;
  String csrf;

  ConsoleHttp(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts {@code form} with the CSRF token of the last page. */
  HttpResponse<String> submit(String path, Map<String, String> form) throws IOException, InterruptedException {
    Map<String, String> f = new LinkedHashMap<>(form);
    f.put("csrf", csrf);
    return post(path, f);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    for (String c : r.headers().allValues("Set-Cookie")) {
      String pair = c.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String value = pair.substring(eq + 1);
      if (value.isEmpty() || c.contains("Max-Age=0")) {
        cookies.remove(pair.substring(0, eq));
      } else {
        cookies.put(pair.substring(0, eq), value);
      }
    }
    return r;
  }

  HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
    get("/login");
    return post("/login", Map.of("name", name, "password", password, "csrf", csrf));
  }

  ConsoleHttp loggedIn(String name) throws IOException, InterruptedException {
    return loggedIn(name, PASSWORD);
  }

  ConsoleHttp loggedIn(String name, String password) throws IOException, InterruptedException {
    HttpResponse<String> r = login(name, password);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/flags");
    assertThat(get("/flags").statusCode()).isEqualTo(200);
    return this;
  }

  /** Whether a page answers as to someone logged in (else the console sends to the login page). */
  boolean isLoggedIn() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/flags");
    return r.statusCode() == 200 && r.body().contains("Log out");
  }

  String revision(String page) throws IOException, InterruptedException {
    Matcher m = REVISION.matcher(get(page).body());
    assertThat(m.find()).as("a revision on " + page).isTrue();
    return m.group(1);
  }

  /** Previews then saves a change, as the forms do; returns the preview when it was refused, else the save. */
  HttpResponse<String> change(Map<String, String> edit, String revision, String reason)
      throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>(edit);
    form.put("revision", revision);
    form.put("csrf", csrf);
    HttpResponse<String> preview = post("/changes/preview", form);
    if (preview.statusCode() != 200) {
      return preview;
    }
    form.put("reason", reason);
    return post("/changes/apply", form);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
