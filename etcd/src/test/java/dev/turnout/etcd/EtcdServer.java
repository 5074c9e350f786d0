package dev.turnout.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd server on loopback, started by a test: its own data directory and free ports, stopped
 * and restarted on the same ports and data (a store outage, as the fleet sees it).
 *
 * <p>The binary is {@code etcd} on the {@code PATH} (Debian's {@code etcd-server}, which {@code .ci/run}
 * installs), or the file named by the system property {@code turnout.etcd.binary}. Without it, tests
 * that need it are skipped with a message, unless the environment variable {@code TURNOUT_REQUIRE_ETCD}
 * is {@code true} (as in CI), where they fail instead.
 */
public final class EtcdServer implements AutoCloseable {

  private final Path binary;
  private final Path dataDir;
  private final Path log;
  private final int clientPort;
  private final int peerPort;
  private final int healthPort;
  private final TestCertificates tls;
  private Process process;

  private EtcdServer(Path binary, Path dataDir, int clientPort, int peerPort, int healthPort,
      TestCertificates tls) {
    this.binary = binary;
    this.dataDir = dataDir;
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.healthPort = healthPort;
    this.tls = tls;
  }

  /** Starts a fresh etcd in a new folder under {@code parent}; skips the test when etcd is missing. */
  public static EtcdServer start(Path parent) throws IOException {
    Path binary = locate();
    Path dataDir = Files.createTempDirectory(parent, "etcd-");
    EtcdServer server = new EtcdServer(binary, dataDir.resolve("data"), freePort(), freePort(), freePort(), null);
    server.startProcess();
    return server;
  }

  /**
   * Starts a fresh etcd that serves clients over TLS only, with {@code certs}' server certificate, and
   * requires a client certificate signed by their CA ({@code --client-cert-auth}). Its health is asked
   * on a plain-HTTP metrics port.
   */
  public static EtcdServer startTls(Path parent, TestCertificates certs) throws IOException {
    Path binary = locate();
    Path dataDir = Files.createTempDirectory(parent, "etcd-tls-");
    EtcdServer server = new EtcdServer(binary, dataDir.resolve("data"), freePort(), freePort(), freePort(), certs);
    server.startProcess();
    return server;
  }

  private static Path locate() {
    String configured = System.getProperty("turnout.etcd.binary");
    Path found = null;
    if (configured != null && !configured.isBlank()) {
      found = Path.of(configured);
    } else {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, "etcd");
        if (Files.isExecutable(candidate)) {
          found = candidate;
          break;
        }
      }
    }
    boolean present = found != null && Files.isExecutable(found);
    if (!present && "true".equalsIgnoreCase(System.getenv("TURNOUT_REQUIRE_ETCD"))) {
      throw new IllegalStateException("etcd is required (TURNOUT_REQUIRE_ETCD=true) but no etcd binary "
          + "was found on the PATH; install Debian's etcd-server or set -Dturnout.etcd.binary");
    }
    assumeTrue(present, "etcd not found on the PATH: skipping the etcd tests (install Debian's etcd-server, "
        + "as .ci/run does, or set -Dturnout.etcd.binary=/path/to/etcd)");
    return found;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** The client endpoint, {@code http://127.0.0.1:PORT} ({@code https://} with TLS). */
  public String endpoint() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
  }

  /** {@code 127.0.0.1:PORT}, as written in an {@code etcd://} address. */
  public String hostPort() {
    return "127.0.0.1:" + clientPort;
  }

  /** Whether the server process is running. */
  public boolean running() {
    return process != null && process.isAlive();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s); its data stay for {@link #restart()}. */
  public void stop() {
    if (process == null) {
      return;
    }
    if (process.isAlive()) {
      thaw(); // a frozen etcd would not stop on SIGTERM
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Freezes the server (SIGSTOP) as an overloaded machine would: connections are still accepted by the
   * kernel, but nothing is answered until {@link #thaw()}.
   */
  public void freeze() {
    signal("-STOP");
  }

  /** Lets a frozen server run again (SIGCONT). */
  public void thaw() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts the server again on the same ports, with the same data. */
  public void restart() {
    stop();
    startProcess();
  }

  private void startProcess() {
    List<String> command = new ArrayList<>(List.of(
        binary.toString(),
        "--name", "turnout-test",
        "--data-dir", dataDir.toString(),
        "--listen-client-urls", endpoint(),
        "--advertise-client-urls", endpoint(),
        "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
        "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
        "--initial-cluster", "turnout-test=http://127.0.0.1:" + peerPort,
        "--listen-metrics-urls", "http://127.0.0.1:" + healthPort,
        "--log-level", "warn"));
    if (tls != null) {
      command.addAll(List.of("--cert-file", tls.serverCert.toString(), "--key-file", tls.serverKey.toString(),
          "--trusted-ca-file", tls.ca.toString(), "--client-cert-auth"));
    }
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    awaitHealthy(Duration.ofSeconds(30));
  }

  private void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create("http://127.0.0.1:" + healthPort + "/health").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(500);
        if (connection.getResponseCode() == 200
            && new String(connection.getInputStream().readAllBytes()).contains("\"true\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for etcd");
      }
    }
    throw new IllegalStateException("etcd did not become healthy within " + timeout + "; see " + log);
  }

  @Override
  public void close() {
    stop();
  }
}
