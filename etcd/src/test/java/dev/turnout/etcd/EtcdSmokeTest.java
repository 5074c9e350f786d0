package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdSmokeTest {

  @TempDir Path dir;

  @Test
  void clientTalksToTheTestServerAcrossARestart() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir);
        Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      ByteSequence key = ByteSequence.from("/turnout/catalog", StandardCharsets.UTF_8);
      client.getKVClient().put(key, ByteSequence.from("flags: {}\n", StandardCharsets.UTF_8))
          .get(10, TimeUnit.SECONDS);
      etcd.restart();
      String value = client.getKVClient().get(key).get(30, TimeUnit.SECONDS).getKvs().get(0).getValue()
          .toString(StandardCharsets.UTF_8);
      assertThat(value).isEqualTo("flags: {}\n");
    }
  }
}
