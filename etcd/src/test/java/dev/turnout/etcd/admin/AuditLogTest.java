package dev.turnout.etcd.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.etcd.EtcdServer;
import dev.turnout.etcd.EtcdTarget;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir Path dir;

  @Test
  void newestFirstUpToTheLimit() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir); Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/turnout/catalog");
      Publisher publisher = new Publisher(client, target);
      long r1 = publisher.publish(Publisher.Request.of("f.yaml", "flags: {}\n").reason("one")).revision();
      long r2 = publisher.publish(Publisher.Request.of("f.yaml", "flags:\n  a: {}\n").reason("two")).revision();
      long r3 = publisher.publish(Publisher.Request.of("f.yaml", "flags:\n  b: {}\n").reason("three")).revision();

      assertThat(AuditLog.read(client, target, 10)).extracting(AuditRecord::revision, AuditRecord::reason,
          AuditRecord::previousRevision).containsExactly(
              org.assertj.core.groups.Tuple.tuple(r3, "three", r2),
              org.assertj.core.groups.Tuple.tuple(r2, "two", r1),
              org.assertj.core.groups.Tuple.tuple(r1, "one", 0L));
      assertThat(AuditLog.read(client, target, 2)).extracting(AuditRecord::reason).containsExactly("three", "two");

      client.getKVClient().put(ByteSequence.from(target.auditPrefix() + "junk", StandardCharsets.UTF_8),
          ByteSequence.from("{oops", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
      assertThat(AuditLog.read(client, target, 1)).singleElement()
          .satisfies(r -> assertThat(r.reason()).startsWith("(unreadable record: "))
          .satisfies(r -> assertThat(r.key()).isEqualTo(target.auditPrefix() + "junk"));
      assertThatThrownBy(() -> AuditLog.read(client, target, 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
