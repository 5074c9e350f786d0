package dev.turnout.ofrep;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves an {@link OfrepService} on the JDK's HTTP server ({@code com.sun.net.httpserver}), without
 * authentication: for a loopback address, a service mesh or a proxy that authenticates.
 *
 * <pre>{@code
 * try (OfrepServer server = OfrepServer.start(new OfrepService(Turnout.engine()), 8016)) {
 *   // OpenFeature SDKs evaluate at http://127.0.0.1:8016/ofrep/v1/evaluate/flags/{key}
 * }
 * }</pre>
 *
 * <p>{@code POST /ofrep/v1/evaluate/flags/{key}} and {@code POST /ofrep/v1/evaluate/flags}; other methods
 * get 405, other paths 404. Request bodies over {@link OfrepService#MAX_REQUEST_BYTES} are refused with
 * 400 unread.
 *
 * <p>The JDK's server writes a response's headers and body separately; without {@code TCP_NODELAY} each
 * answer then waits for the client's delayed acknowledgement (some 40 ms). Unless the system property
 * {@code sun.net.httpserver.nodelay} is set, the first server started sets it to {@code true}, which the
 * JDK reads once for every {@code com.sun.net.httpserver} server of the JVM. The JDK's server has no
 * request time limit by default: serve on loopback or behind a proxy, not to the open network.
 */
public final class OfrepServer implements AutoCloseable {

  /** The path of the bulk evaluation; a flag's path is this, a slash and the key. */
  public static final String PATH = "/ofrep/v1/evaluate/flags";

  private static final System.Logger LOG = System.getLogger("dev.turnout.ofrep");
  private static final int THREADS = 4;
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final OfrepService service;

  private OfrepServer(HttpServer server, ExecutorService executor, OfrepService service) {
    this.server = server;
    this.executor = executor;
    this.service = service;
  }

  /** Starts a server on the loopback address and the given port (0 for a free one). */
  public static OfrepServer start(OfrepService service, int port) throws IOException {
    return start(service, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /** Starts a server on the given address (port 0 for a free one). */
  public static OfrepServer start(OfrepService service, InetSocketAddress address) throws IOException {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(address, "address");
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "turnout-ofrep-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    OfrepServer ofrep = new OfrepServer(server, executor, service);
    server.createContext("/", ofrep::handle);
    server.setExecutor(executor);
    server.start();
    return ofrep;
  }

  /** The address the server listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The base URL OpenFeature's OFREP providers take, such as {@code http://127.0.0.1:8016}. */
  public URI baseUri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort());
  }

  /** Stops serving at once and ends the server's threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      OfrepResponse response = answer(exchange);
      Map<String, String> headers = response.headers();
      headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] body = response.body();
      if (body.length > 0) {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
      }
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or the exchange broke: nothing left to answer.
      LOG.log(Level.DEBUG, "OFREP exchange ended early", e);
    }
  }

  private OfrepResponse answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String key;
    if (PATH.equals(path)) {
      key = null;
    } else if (path != null && path.startsWith(PATH + "/")) {
      key = path.substring(PATH.length() + 1);
    } else {
      return plain(404, "no such OFREP path: POST " + PATH + " or " + PATH + "/{key}");
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return plain(405, "OFREP evaluations are POST requests");
    }
    long declared = declaredLength(exchange);
    if (declared > OfrepService.MAX_REQUEST_BYTES) {
      exchange.getResponseHeaders().set("Connection", "close");
      return service.tooLarge(key, declared);
    }
    byte[] body = readAtMost(exchange.getRequestBody(), OfrepService.MAX_REQUEST_BYTES + 1);
    if (body.length > OfrepService.MAX_REQUEST_BYTES) {
      exchange.getResponseHeaders().set("Connection", "close");
      return service.tooLarge(key, -1);
    }
    return key == null ? service.evaluateAll(body, exchange.getRequestHeaders().getFirst("If-None-Match"))
        : service.evaluateFlag(key, body);
  }

  private static long declaredLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  private static OfrepResponse plain(int status, String details) {
    String json = "{\"errorDetails\":\"" + details.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return new OfrepResponse(status, OfrepResponse.JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
