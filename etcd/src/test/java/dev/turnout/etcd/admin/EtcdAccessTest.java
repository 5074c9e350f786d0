package dev.turnout.etcd.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.etcd.EtcdServer;
import dev.turnout.etcd.EtcdTarget;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures to reach etcd come back as one-line messages, within the address's timeout. */
class EtcdAccessTest {

  @TempDir Path dir;

  @Test
  void anUnreachableEtcdFailsWithinTheTimeoutWithAClearMessage() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EtcdTarget target = EtcdTarget.parse("etcd://127.0.0.1:" + port + "/turnout/catalog?timeout=500ms");

    try (Client client = target.newClient()) {
      EtcdAccessException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> org.assertj.core.api.Assertions.catchThrowableOfType(EtcdAccessException.class,
              () -> Fleet.read(client, target)));

      assertThat(e.getMessage()).doesNotContain("\n")
          .contains("etcd at 127.0.0.1:" + port).containsIgnoringCase("connection refused")
          .contains("reading /turnout/catalog/fleet/").doesNotContain("accepts connections");
    }
  }

  @Test
  void wrongOrMissingCredentialsAreNamed() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir)) {
      try (Client admin = Client.builder().endpoints(etcd.endpoint()).build()) {
        ByteSequence root = bytes("root");
        admin.getAuthClient().roleAdd(root).get(10, TimeUnit.SECONDS);
        admin.getAuthClient().userAdd(root, bytes("right")).get(10, TimeUnit.SECONDS);
        admin.getAuthClient().userGrantRole(root, root).get(10, TimeUnit.SECONDS);
        admin.getAuthClient().authEnable().get(10, TimeUnit.SECONDS);
      }
      Path wrong = Files.writeString(dir.resolve("wrong"), "wrong\n");
      Path right = Files.writeString(dir.resolve("right"), "right\n");
      String address = "etcd://root@" + etcd.hostPort() + "/turnout/catalog?timeout=3s&password-file=";

      EtcdTarget wrongTarget = EtcdTarget.parse(address + wrong);
      try (Client client = wrongTarget.newClient()) {
        assertThatThrownBy(() -> AuditLog.read(client, wrongTarget, 5)).isInstanceOf(EtcdAccessException.class)
            .hasMessageStartingWith("etcd at " + etcd.hostPort() + " refused the credentials of user 'root'")
            .hasMessageNotContaining("\n");
      }
      EtcdTarget anonymous = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/turnout/catalog?timeout=3s");
      try (Client client = anonymous.newClient()) {
        assertThatThrownBy(() -> AuditLog.read(client, anonymous, 5)).isInstanceOf(EtcdAccessException.class)
            .hasMessageContaining("requires a user");
      }
      EtcdTarget rightTarget = EtcdTarget.parse(address + right);
      try (Client client = rightTarget.newClient()) {
        assertThat(AuditLog.read(client, rightTarget, 5)).isEmpty();
      }
    }
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
