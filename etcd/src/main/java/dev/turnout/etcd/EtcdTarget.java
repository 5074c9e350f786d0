package dev.turnout.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
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
 *   <li>{@code timeout=DURATION}: how long one request may take, {@code 5s} by default ({@code 500ms},
 *       {@code 2s}, {@code 1m}).
 * </ul>
 * Other options are refused, so a typo is an error rather than a silently ignored setting.
 */
public final class EtcdTarget {

  /** The environment variable a password is read from when no {@code password-file} is given. */
  public static final String PASSWORD_VARIABLE = "TURNOUT_ETCD_PASSWORD";

  private static final Set<String> OPTIONS =
      Set.of("tls", "ca", "cert", "key", "authority", "user", "password-file", "timeout");

  private final List<String> endpoints;
  private final String key;
  private final boolean tls;
  private final Map<String, String> options;
  private final String user;
  private final Duration timeout;

  private EtcdTarget(List<String> endpoints, String key, boolean tls, Map<String, String> options,
      String user, Duration timeout) {
    this.endpoints = List.copyOf(endpoints);
    this.key = key;
    this.tls = tls;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.user = user;
    this.timeout = timeout;
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
        options.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
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
      user = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
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
      if (!port.chars().allMatch(Character::isDigit) || Integer.parseInt(port) > 65535) {
        throw bad(address, "endpoint '" + hostPort + "' has no valid port");
      }
      endpoints.add((tls ? "https://" : "http://") + hostPort);
    }
    Duration timeout = Duration.ofSeconds(5);
    if (options.containsKey("timeout")) {
      timeout = duration(address, options.get("timeout"));
    }
    return new EtcdTarget(endpoints, key, tls, options, user, timeout);
  }

  static Duration duration(String address, String text) {
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

  private static IllegalArgumentException bad(String address, String why) {
    return new IllegalArgumentException("Bad etcd address '" + address + "': " + why);
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

  /** An option's value as written in the address, or {@code null}. */
  public String option(String name) {
    return options.get(name);
  }

  /**
   * A new client for these endpoints, with TLS and credentials as configured.
   *
   * @throws UncheckedIOException when a certificate, key or password file cannot be read
   * @throws IllegalStateException when a user is named but no password is available
   */
  public Client newClient() {
    ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(String[]::new))
        .connectTimeout(timeout);
    if (user != null) {
      builder.user(bytes(user)).password(bytes(password()));
    }
    if (tls) {
      try {
        SslContextBuilder ssl = GrpcSslContexts.forClient();
        if (options.containsKey("ca")) {
          ssl.trustManager(Path.of(options.get("ca")).toFile());
        }
        if (options.containsKey("cert")) {
          ssl.keyManager(Path.of(options.get("cert")).toFile(), Path.of(options.get("key")).toFile());
        }
        builder.sslContext(ssl.build());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set up TLS for " + this + ": " + e.getMessage(), e);
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
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the etcd password file " + file + ": " + e.getMessage(), e);
      }
    }
    String password = System.getenv(PASSWORD_VARIABLE);
    if (password == null) {
      throw new IllegalStateException("etcd user '" + user + "' needs a password: set password-file=FILE in "
          + "the address or the environment variable " + PASSWORD_VARIABLE);
    }
    return password;
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
