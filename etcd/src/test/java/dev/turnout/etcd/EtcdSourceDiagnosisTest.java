package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.CatalogSource;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog source says why etcd cannot be read (not "unreachable (TimeoutException)"), and does not
 * hold the application's start for the whole start-up wait when waiting cannot help; a busy etcd is
 * waited for. The start-up waits here are long (30 s) so that only an early end can pass the guards.
 */
@SuppressWarnings("try") // the watch is opened for its effect: starting the source
class EtcdSourceDiagnosisTest {

  private static final Duration LONG_WAIT = Duration.ofSeconds(30);
  private static final Duration GUARD = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void authWithoutCredentialsIsNamedAndTheStartDoesNotWaitItOut() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir); LogCapture log = new LogCapture()) {
      try (Client admin = Client.builder().endpoints(etcd.endpoint()).build()) {
        ByteSequence root = bytes("root");
        admin.getAuthClient().roleAdd(root).get(10, TimeUnit.SECONDS);
        admin.getAuthClient().userAdd(root, bytes("right")).get(10, TimeUnit.SECONDS);
        admin.getAuthClient().userGrantRole(root, root).get(10, TimeUnit.SECONDS);
        admin.getAuthClient().authEnable().get(10, TimeUnit.SECONDS);
      }
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/shop/catalog");
      EtcdCatalogSource source = EtcdCatalogSource.builder(target).noCache().startupWait(LONG_WAIT).build();
      try (CatalogSource.Watch watch = source.watch(() -> {})) {
        CatalogSource.Content content = assertTimeoutPreemptively(GUARD, source::read);

        assertThat(content).isNull();
        Await.until(GUARD, "the warning", () -> log.text().contains("requires a user"));
        assertThat(log.text()).contains("etcd at " + etcd.hostPort() + " requires a user: add user=NAME")
            .doesNotContain("TimeoutException").doesNotContain("did not answer");
      }
    }
  }

  @Test
  void aRefusedConnectionStartsAtOnceAndSaysSo() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (LogCapture log = new LogCapture()) {
      EtcdTarget target = EtcdTarget.parse("etcd://127.0.0.1:" + port + "/shop/catalog");
      EtcdCatalogSource source = EtcdCatalogSource.builder(target).noCache().startupWait(LONG_WAIT).build();
      try (CatalogSource.Watch watch = source.watch(() -> {})) {
        assertThat(assertTimeoutPreemptively(GUARD, source::read)).isNull();
        Await.until(GUARD, "the warning", () -> log.text().toLowerCase(java.util.Locale.ROOT)
            .contains("connection refused"));
        assertThat(log.text()).contains("cannot connect to etcd at 127.0.0.1:" + port);
      }
    }
  }

  @Test
  void aBusyEtcdIsWaitedForAtStartNotTakenForDown() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir); Client client = Client.builder().endpoints(etcd.endpoint()).build();
        LogCapture log = new LogCapture()) {
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/shop/catalog");
      long revision = Catalogs.put(client, target.key(), Catalogs.serving("b"));
      etcd.freeze(); // answers nothing for 3 s: longer than the old 2 s start-up wait
      Thread thaw = new Thread(() -> {
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        etcd.thaw();
      });
      thaw.start();
      EtcdCatalogSource source = EtcdCatalogSource.builder(target).noCache().reports(false).build();
      try (CatalogSource.Watch watch = source.watch(() -> {})) {
        CatalogSource.Content content = source.read();

        assertThat(content).as("the catalog read at start (default start-up wait)").isNotNull();
        assertThat(content.revision()).isEqualTo(revision);
        assertThat(log.text()).doesNotContain("unreachable").doesNotContain("did not answer");
      } finally {
        thaw.join();
      }
    }
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
