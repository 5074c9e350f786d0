package dev.turnout.sample.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import dev.turnout.sample.data.User;
import dev.turnout.sample.data.Users;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded HTTP server (the JDK's {@code com.sun.net.httpserver}). For each request it finds the
 * user ({@code X-User} header, else the {@code user} cookie), binds that user's flag context to the
 * thread with {@link Turnout#bind}, so every gated method called while answering is evaluated for
 * that user, and asks the {@link Router}.
 *
 * <pre>{@code
 * try (WebServer server = WebServer.start(8080, router, users)) {
 *   System.out.println("listening on " + server.port());
 * }
 * }</pre>
 */
public final class WebServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("dev.turnout.sample.http");
  private static final int MAX_BODY = 64 * 1024;
  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;

  private WebServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving on {@code port} of every interface ({@code 0}: any free port). */
  public static WebServer start(int port, Router router, Users users) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, router, users));
    server.start();
    return new WebServer(server, executor);
  }

  /** The port served. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The flag context of a request made by {@code user}: the user name is the targeting key (what
   * rollouts hash) and {@code email} an attribute rules can match; anonymous without a user.
   */
  public static EvaluationContext contextOf(User user) {
    return user == null ? EvaluationContext.anonymous()
        : EvaluationContext.of(user.name()).with("email", user.email());
  }

  private static void handle(HttpExchange exchange, Router router, Users users) throws IOException {
    try (exchange) {
      Response response;
      Request request = null;
      try {
        byte[] body = readBody(exchange.getRequestBody());
        Map<String, List<String>> headers = exchange.getRequestHeaders();
        String name = nameOf(headers);
        User user = name == null || !User.isValidName(name) ? null : users.find(name).orElse(null);
        String unknown = name == null || name.isEmpty() || user != null ? null : printable(name);
        request = new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
            exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers, body, user, unknown);
        Turnout.Scope scope = Turnout.bind(contextOf(user));
        try {
          response = router.route(request);
        } finally {
          scope.close();
        }
      } catch (RuntimeException | IOException e) {
        LOG.log(System.Logger.Level.ERROR, "failed to answer " + (request == null ? exchange.getRequestURI() : request), e);
        response = request != null && request.isApi() ? Response.jsonError(500, "internal error")
            : Response.html(500, Html.page("Error", request == null ? null : request.user(),
                "<h1>Something went wrong</h1>"));
      }
      int status = response.status();
      LOG.log(System.Logger.Level.DEBUG, () -> exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " -> " + status);
      send(exchange, response);
    }
  }

  /** The name the request is made as: the {@code X-User} header, else the {@code user} cookie; or null. */
  private static String nameOf(Map<String, List<String>> headers) {
    String name = null;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("X-User") && !e.getValue().isEmpty()) {
        name = e.getValue().get(0).strip();
      }
    }
    if (name == null) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase("Cookie")) {
          for (String cookies : e.getValue()) {
            name = Request.cookieIn(cookies, "user").orElse(name);
          }
        }
      }
    }
    return name;
  }

  /** The name as it may be shown in a message: at most 40 characters, anything but printable ASCII escaped. */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length() && i < 40; i++) {
      char c = name.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return name.length() > 40 ? out.append("...").toString() : out.toString();
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new IOException("request body over " + MAX_BODY + " bytes");
    }
    return body;
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops serving, letting requests in progress finish for up to a second. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
