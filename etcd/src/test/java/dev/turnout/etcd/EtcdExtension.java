package dev.turnout.etcd;

import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real etcd (an {@link EtcdServer} in a folder of its own) and a client to it, for all the tests of a
 * class, stopped and deleted after them; the class is skipped with {@link EtcdServer}'s message when etcd
 * is missing.
 *
 * <pre>{@code
 * @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();
 * }</pre>
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {

  private Path dir;
  private EtcdServer server;
  private Client client;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("turnout-etcd-test-");
    server = EtcdServer.start(dir);
    client = Client.builder().endpoints(server.endpoint()).build();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The server, to stop and restart it. */
  public EtcdServer server() {
    return server;
  }

  /** A client to the server, shared by the class's tests. */
  public Client client() {
    return client;
  }

  /** {@code 127.0.0.1:PORT}, as written in an {@code etcd://} address. */
  public String hostPort() {
    return server.hostPort();
  }
}
