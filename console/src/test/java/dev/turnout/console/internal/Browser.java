package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
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
 * A browser without a screen against one console in the test's JVM: its own cookies, redirects followed, and the
 * CSRF token of the last page it got, sent back with its forms as a browser sends a page's hidden field.
 */
final class Browser {

  /** The password the tests give their users. */
  static final String PASSWORD = "correct horse battery";

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern REVISION = Pattern.compile("name=\"revision\" value=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final int port;
  String csrf;

  Browser(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
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

  HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
    get("/login");
    return post("/login", Map.of("name", name, "password", password, "csrf", csrf));
  }

  /** Logs in as {@code name} with {@link #PASSWORD}, which must land on the flags list. */
  Browser loggedIn(String name) throws IOException, InterruptedException {
    HttpResponse<String> r = login(name, PASSWORD);
    assertThat(r.uri().getPath()).as(r.body()).isEqualTo("/flags");
    get("/flags");
    return this;
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
}
