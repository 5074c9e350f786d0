package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen against one console in the test's JVM: its own cookies, the CSRF token of the last page
 * it got, sent back with its forms as a browser sends a page's hidden field, and redirects followed unless made with
 * {@link #notFollowingRedirects}. Its cookies are kept by name whatever the port, so that it keeps its session when
 * the console restarts on another port (set {@link #port}); tests read and set them in {@link #cookies}.
 */
final class Browser {

  /** The password the tests give their users. */
  static final String PASSWORD = "correct horse battery";

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern REVISION = Pattern.compile("name=\"revision\" value=\"([^\"]+)\"");

  /** The cookies, by name. */
  final Map<String, String> cookies = new LinkedHashMap<>();
  private final HttpClient http;
  /** The console's port. */
  int port;
  String csrf;

  /** A browser following redirects, as one does. */
  Browser(int port) {
    this(port, HttpClient.Redirect.NORMAL);
  }

  private Browser(int port, HttpClient.Redirect redirects) {
    this.port = port;
    this.http = HttpClient.newBuilder().cookieHandler(new Jar()).followRedirects(redirects).build();
  }

  /** A browser that gets a redirect as the answer, to check where it goes. */
  static Browser notFollowingRedirects(int port) {
    return new Browser(port, HttpClient.Redirect.NEVER);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  /** A page's text, for polling. */
  String page(String path) {
    try {
      return get(path).body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts {@code form} as it is: the CSRF token only when the form has it. */
  HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts {@code form} with the CSRF token of the last page. */
  HttpResponse<String> submit(String path, Map<String, String> form) throws IOException, InterruptedException {
    Map<String, String> f = new LinkedHashMap<>(form);
    f.put("csrf", csrf);
    return post(path, f);
  }

  HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
    get("/login");
    return post("/login", Map.of("name", name, "password", password, "csrf", csrf));
  }

  /** Logs in as {@code name} with {@link #PASSWORD}, which must land on the flags list. */
  Browser loggedIn(String name) throws IOException, InterruptedException {
    return loggedIn(name, PASSWORD);
  }

  /** Logs in as {@code name} with {@code password}, which must land on the flags list. */
  Browser loggedIn(String name, String password) throws IOException, InterruptedException {
    HttpResponse<String> r = login(name, password);
    if (r.statusCode() / 100 == 3) {
      assertThat(r.headers().firstValue("Location")).as(r.body()).hasValue("/flags");
    } else {
      assertThat(r.uri().getPath()).as(r.body()).isEqualTo("/flags");
    }
    assertThat(get("/flags").statusCode()).isEqualTo(200);
    return this;
  }

  /** Whether a page answers as to someone logged in (else the console sends to the login page). */
  boolean isLoggedIn() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/flags");
    return r.statusCode() == 200 && r.body().contains("Log out");
  }

  /** The revision the flag's page makes its forms on. */
  String revision(String flag) throws IOException, InterruptedException {
    Matcher m = REVISION.matcher(get("/flags/" + flag).body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** Previews {@code edit} made on {@code revision}, then saves it with {@code reason}; the preview when refused. */
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

  /** Keeps the cookies by name, whatever the host, port or path; a cookie set empty or expired is dropped. */
  private final class Jar extends CookieHandler {

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
      if (cookies.isEmpty()) {
        return Map.of();
      }
      return Map.of("Cookie", List.of(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
      responseHeaders.forEach((header, values) -> {
        if (header != null && header.equalsIgnoreCase("Set-Cookie")) {
          values.forEach(this::set);
        }
      });
    }

    private void set(String setCookie) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }
}
