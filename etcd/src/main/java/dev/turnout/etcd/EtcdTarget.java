package dev.turnout.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;
import dev.turnout.etcd.internal.EtcdFailures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a fleet's catalog lives in etcd: the endpoints, the key, and how to connect.
 *
 * <pre>
 * etcd://HOST:PORT[,HOST:PORT...]/KEY[?OPTION=VALUE&amp;...]
 * etcd://alice@10.0.0.1:2379,10.0.0.2:2379/turnout/shop/catalog?tls=true&amp;ca=/etc/turnout/ca.pem
 * </pre>
 *
 * <p>The key is the path after the endpoints, with its leading slash ({@code /turnout/shop/catalog}).
 * Options:
 * <ul>
 *   <li>{@code tls=true}: connect with TLS ({@code etcds://} says the same);
 *   <li>{@code ca=FILE}: PEM certificates to trust (default: the JVM's trust store);
 *   <li>{@code cert=FILE} and {@code key=FILE}: a client certificate and its PKCS#8 PEM private key;
 *   <li>{@code authority=NAME}: the host name to verify in the server's certificate;
 *   <li>{@code user=NAME} (or {@code NAME@} before the endpoints) and {@code password-file=FILE}; without a
 *       password file the password is read from the environment variable {@code TURNOUT_ETCD_PASSWORD}.
 *       A password is never accepted inside the address, which ends up in logs and process lists;
 *   <li>{@code timeout=DURATION}: the budget of one request, {@code 10s} by default ({@code 500ms},
 *       {@code 2s}, {@code 1m}). A failure that waiting cannot mend (TLS, credentials, permissions) is
 *       reported at once; a refused connection is retried with back-off within the budget; a slow answer is
 *       waited for until the budget ends and then reported as slow, not as down;
 *   <li>{@code max-request-bytes=N}: the largest request the etcd server accepts (its own
 *       {@code --max-request-bytes}, 1.5 MiB by default): a publish larger than that is refused before it
 *       is sent.
 * </ul>
 * Other options are refused, so a typo is an error rather than a silently ignored setting. Control
 * characters are refused anywhere in the address; messages about a refused address mask any password in it.
 */
public final class EtcdTarget {

  /** The environment variable a password is read from when no {@code password-file} is given. */
  public static final String PASSWORD_VARIABLE = "TURNOUT_ETCD_PASSWORD";

  private static final Set<String> OPTIONS =
      Set.of("tls", "ca", "cert", "key", "authority", "user", "password-file", "timeout", "max-request-bytes");

  /** etcd's default {@code --max-request-bytes}: 1.5 MiB. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1536 * 1024;

  /** The default budget of one request. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The largest certificate, key or password file read: far more than any PEM file or password needs. */
  static final long MAX_SECRET_FILE_BYTES = 1024 * 1024;

  private final List<String> endpoints;
  private final String key;
  private final boolean tls;
  private final Map<String, String> options;
  private final String user;
  private final Duration timeout;
  private final int maxRequestBytes;

  private EtcdTarget(List<String> endpoints, String key, boolean tls, Map<String, String> options,
      String user, Duration timeout, int maxRequestBytes) {
    this.endpoints = List.copyOf(endpoints);
    this.key = key;
    this.tls = tls;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.user = user;
    this.timeout = timeout;
    this.maxRequestBytes = maxRequestBytes;
  }

  /**
   * Reads an {@code etcd://} address.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static EtcdTarget parse(String address) {
    Objects.requireNonNull(address, "address");
    String rest;
    boolean tls;
    if (address.startsWith("etcd://")) {
      rest = address.substring("etcd://".length());
      tls = false;
    } else if (address.startsWith("etcds://")) {
      rest = address.substring("etcds://".length());
      tls = true;
    } else {
      throw bad(address, "it must start with etcd:// (or etcds:// for TLS)");
    }
    int control = EtcdFailures.firstControl(address);
    if (control >= 0) {
      throw bad(address, "it holds a control character (at position " + (control + 1) + ")");
    }
    Map<String, String> options = new LinkedHashMap<>();
    int query = rest.indexOf('?');
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw bad(address, "option '" + pair + "' needs a value (NAME=VALUE)");
        }
        String name = pair.substring(0, eq).toLowerCase(Locale.ROOT);
        if (!OPTIONS.contains(name)) {
          throw bad(address, "unknown option '" + name + "'; the options are " + new java.util.TreeSet<>(OPTIONS));
        }
        String value = decode(address, pair.substring(eq + 1));
        if (EtcdFailures.firstControl(value) >= 0) {
          throw bad(address, "option " + name + " holds a control character");
        }
        options.put(name, value);
      }
      rest = rest.substring(0, query);
    }
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw bad(address, "it names no key: write the key after the endpoints, as in etcd://127.0.0.1:2379/turnout/catalog");
    }
    String authority = rest.substring(0, slash);
    String key = rest.substring(slash);
    if (key.endsWith("/")) {
      throw bad(address, "the key must not end with '/'");
    }
    String user = options.get("user");
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      if (userInfo.contains(":")) {
        throw bad(address, "put the password in a file (password-file=FILE) or in " + PASSWORD_VARIABLE
            + ", not in the address");
      }
      if (user != null && !user.equals(userInfo)) {
        throw bad(address, "two different users: '" + userInfo + "' and user=" + user);
      }
      user = decode(address, userInfo);
      authority = authority.substring(at + 1);
    }
    if (options.containsKey("tls")) {
      String value = options.get("tls");
      if (!value.equals("true") && !value.equals("false")) {
        throw bad(address, "tls must be true or false, not '" + value + "'");
      }
      tls = tls || value.equals("true");
    }
    if (options.containsKey("ca") || options.containsKey("cert")) {
      tls = true;
    }
    if (options.containsKey("cert") != options.containsKey("key")) {
      throw bad(address, "a client certificate needs both cert=FILE and key=FILE");
    }
    List<String> endpoints = new ArrayList<>();
    for (String hostPort : authority.split(",")) {
      int colon = hostPort.lastIndexOf(':');
      if (hostPort.isBlank() || colon <= 0 || colon == hostPort.length() - 1) {
        throw bad(address, "endpoint '" + hostPort + "' must be HOST:PORT");
      }
      String port = hostPort.substring(colon + 1);
      if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        throw bad(address, "endpoint '" + hostPort + "' has no valid port (a number from 1 to 65535)");
      }
      endpoints.add((tls ? "https://" : "http://") + hostPort);
    }
    if (user != null && (user.isEmpty() || EtcdFailures.firstControl(user) >= 0)) {
      throw bad(address, "the user name is empty or holds a control character");
    }
    Duration timeout = DEFAULT_TIMEOUT;
    if (options.containsKey("timeout")) {
      timeout = duration(address, options.get("timeout"));
    }
    int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    if (options.containsKey("max-request-bytes")) {
      String value = options.get("max-request-bytes");
      if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
          || Long.parseLong(value) < 1024 || Long.parseLong(value) > Integer.MAX_VALUE) {
        throw bad(address, "max-request-bytes must be a number of bytes from 1024 to " + Integer.MAX_VALUE
            + ", not '" + value + "'");
      }
      maxRequestBytes = Integer.parseInt(value);
    }
    return new EtcdTarget(endpoints, key, tls, options, user, timeout, maxRequestBytes);
  }

  private static String decode(String address, String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw bad(address, "a %-escape is incomplete or not hexadecimal");
    }
  }

  static Duration duration(String address, String text) {
    if (text.length() > 12) {
      throw bad(address, "'" + text + "' is not a duration such as 500ms, 2s or 1m");
    }
    try {
      if (text.endsWith("ms")) {
        return positive(address, Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))));
      }
      if (text.endsWith("s")) {
        return positive(address, Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1))));
      }
      if (text.endsWith("m")) {
        return positive(address, Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1))));
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw bad(address, "'" + text + "' is not a duration such as 500ms, 2s or 1m");
  }

  private static Duration positive(String address, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw bad(address, "a duration must be positive");
    }
    return duration;
  }

  /** A refusal naming the address, its passwords masked and its control characters escaped. */
  private static IllegalArgumentException bad(String address, String why) {
    return new IllegalArgumentException("Bad etcd address '" + EtcdFailures.printable(EtcdFailures.redact(address))
        + "': " + EtcdFailures.printable(EtcdFailures.redact(why)));
  }

  /** The client endpoints, as {@code http://HOST:PORT} (or {@code https://} with TLS). */
  public List<String> endpoints() {
    return endpoints;
  }

  /** The key holding the catalog, such as {@code /turnout/catalog}. */
  public String key() {
    return key;
  }

  /** Where the JVMs applying this catalog report their revision: {@code KEY/fleet/}. */
  public String fleetPrefix() {
    return key + "/fleet/";
  }

  /** Where publishes leave their audit records: {@code KEY/audit/}. */
  public String auditPrefix() {
    return key + "/audit/";
  }

  /** Whether the connection uses TLS. */
  public boolean tls() {
    return tls;
  }

  /** The user to authenticate as, or {@code null}. */
  public String user() {
    return user;
  }

  /** How long one request may take. */
  public Duration timeout() {
    return timeout;
  }

  /** The largest request etcd accepts ({@code max-request-bytes=}, 1.5 MiB by default). */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /** An option's value as written in the address, or {@code null}. */
  public String option(String name) {
    return options.get(name);
  }

  /**
   * A new client for these endpoints, with TLS and credentials as configured.
   *
   * <p>Requests do not wait for a connection to be ready: a connection that cannot be made (refused, TLS
   * refused) fails them with its cause at once, which the callers report or retry.
   *
   * @throws UncheckedIOException when a certificate, key or password file cannot be read
   * @throws IllegalStateException when a user is named but no password is available, or a certificate or
   *     key file holds no usable PEM
   */
  public Client newClient() {
    ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(String[]::new))
        .connectTimeout(timeout).waitForReady(false)
        // jetcd's own retries (of a refused connection, of an expired token) quicker than its default 0.5-2.5 s,
        // so that they fit in a short budget; the callers retry within the budget themselves.
        .retryDelay(100).retryMaxDelay(1000);
    if (user != null) {
      builder.user(bytes(user)).password(bytes(password()));
    }
    if (tls) {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      if (options.containsKey("ca")) {
        byte[] ca = readSmall("ca", options.get("ca"));
        try {
          ssl.trustManager(new ByteArrayInputStream(ca));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("ca=" + options.get("ca") + " holds no PEM certificate (" + e.getMessage()
              + ")", e);
        }
      }
      if (options.containsKey("cert")) {
        byte[] cert = readSmall("cert", options.get("cert"));
        byte[] key = readSmall("key", options.get("key"));
        try {
          ssl.keyManager(new ByteArrayInputStream(cert), new ByteArrayInputStream(key));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("cert=" + options.get("cert") + " and key=" + options.get("key")
              + " are not a PEM certificate and its unencrypted PKCS#8 PEM key (" + e.getMessage() + ")", e);
        }
      }
      try {
        builder.sslContext(ssl.build());
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException("cannot set up TLS for " + this + " with ca=, cert=, key= as given: "
            + e.getMessage(), e);
      }
      if (options.containsKey("authority")) {
        builder.authority(options.get("authority"));
      }
    }
    return builder.build();
  }

  private String password() {
    String file = options.get("password-file");
    if (file != null) {
      String text = new String(readSmall("password-file", file), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IllegalStateException("the etcd password file " + file + " is empty");
      }
      return text;
    }
    String password = System.getenv(PASSWORD_VARIABLE);
    if (password == null) {
      throw new IllegalStateException("etcd user '" + user + "' needs a password: set password-file=FILE in "
          + "the address or the environment variable " + PASSWORD_VARIABLE);
    }
    return password;
  }

  /**
   * A certificate, key or password file: a regular file of at most {@link #MAX_SECRET_FILE_BYTES},
   * bounded by the bytes actually read (a device or a growing file cannot make it read without end).
   */
  static byte[] readSmall(String option, String file) {
    Path path = Path.of(file);
    try {
      if (!Files.isRegularFile(path)) {
        throw new IOException(Files.exists(path) ? "not a regular file" : "no such file");
      }
      try (InputStream in = Files.newInputStream(path)) {
        byte[] bytes = in.readNBytes((int) MAX_SECRET_FILE_BYTES + 1);
        if (bytes.length > MAX_SECRET_FILE_BYTES) {
          throw new IOException("larger than " + MAX_SECRET_FILE_BYTES / 1024 + " KiB, which no certificate, key "
              + "or password needs");
        }
        return bytes;
      }
    } catch (IOException | RuntimeException e) {
      String message = "cannot read " + option + "=" + file + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage());
      throw new UncheckedIOException(message, new IOException(message, e));
    }
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  /** The address without secrets (there are none in it), for messages. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(tls ? "etcds://" : "etcd://");
    if (user != null) {
      text.append(user).append('@');
    }
    for (int i = 0; i < endpoints.size(); i++) {
      String endpoint = endpoints.get(i);
      text.append(i == 0 ? "" : ",").append(endpoint.substring(endpoint.indexOf("//") + 2));
    }
    return text.append(key).toString();
  }
}
