package dev.turnout.etcd.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.etcd.EtcdExtension;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.FleetReport;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;

class FleetTest {

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  EtcdTarget target;
  long lease;

  @BeforeEach
  void freshKey(TestInfo test) throws Exception {
    target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/fleet-test/" + test.getTestMethod().orElseThrow().getName());
    lease = etcd.client().getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
  }

  long publish(String text) {
    return new Publisher(etcd.client(), target).publish(Publisher.Request.of("flags.yaml", text).reason("test")).revision();
  }

  void report(String instance, long revision, String origin, String problem, long leaseId) throws Exception {
    FleetReport report = new FleetReport(instance, "shop", "host-" + instance, 100 + instance.length(),
        Instant.parse("2026-11-22T10:00:00Z"), revision, origin, Instant.parse("2026-11-22T10:00:05Z"), problem);
    etcd.client().getKVClient().put(bytes(target.fleetPrefix() + instance), bytes(report.toJson()),
        PutOption.builder().withLeaseId(leaseId).build()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachJvmIsUpToDateBehindRefusingOrOnItsLastGoodCopy() throws Exception {
    long r1 = publish("flags:\n  a:\n    percentage: 10\n");
    long r2 = publish("flags:\n  a:\n    percentage: 20\n");
    long r3 = publish("flags:\n  a:\n    percentage: 30\n");
    report("current", r3, "etcd", null, lease);
    report("old", r1, "etcd", null, lease);
    report("picky", r2, "etcd", "flags.yaml:3:17: percentage must be 0..100", lease);
    report("offline", r1, "last-good", null, lease);
    report("fresh", 0, "none", null, lease);

    Fleet fleet = Fleet.read(etcd.client(), target);

    assertThat(fleet.catalogRevision()).isEqualTo(r3);
    assertThat(fleet.members()).extracting(m -> m.report().instance(), Fleet.Member::status, Fleet.Member::behindBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("picky", Fleet.Status.REFUSED, 1),
            org.assertj.core.groups.Tuple.tuple("offline", Fleet.Status.LAST_GOOD, 2),
            org.assertj.core.groups.Tuple.tuple("fresh", Fleet.Status.BEHIND, 3),
            org.assertj.core.groups.Tuple.tuple("old", Fleet.Status.BEHIND, 2),
            org.assertj.core.groups.Tuple.tuple("current", Fleet.Status.UP_TO_DATE, 0));
    assertThat(fleet.members().get(0).report().problem()).isEqualTo("flags.yaml:3:17: percentage must be 0..100");
    assertThat(fleet.count(Fleet.Status.BEHIND)).isEqualTo(2);
    assertThat(fleet.count(Fleet.Status.UP_TO_DATE)).isEqualTo(1);
    assertThat(fleet.allUpToDate()).isFalse();
    assertThat(fleet.unreadable()).isEmpty();
  }

  @Test
  void aFleetAtTheCurrentRevisionIsAllUpToDate() throws Exception {
    long r1 = publish("flags:\n  a:\n    percentage: 10\n");
    report("one", r1, "etcd", null, lease);
    report("two", r1, "last-good", null, lease);

    Fleet fleet = Fleet.read(etcd.client(), target);

    assertThat(fleet.members()).extracting(Fleet.Member::status).containsOnly(Fleet.Status.UP_TO_DATE);
    assertThat(fleet.allUpToDate()).isTrue();
  }

  @Test
  void aRevisionWrittenWithoutAuditRecordStillCountsAsOneBehind() throws Exception {
    long r1 = publish("flags:\n  a:\n    percentage: 10\n");
    etcd.client().getKVClient().put(bytes(target.key()), bytes("flags: {}\n")).get(10, TimeUnit.SECONDS);
    report("one", r1, "etcd", null, lease);

    assertThat(Fleet.read(etcd.client(), target).members()).singleElement()
        .satisfies(m -> assertThat(m.behindBy()).isEqualTo(1))
        .satisfies(m -> assertThat(m.status()).isEqualTo(Fleet.Status.BEHIND));
  }

  @Test
  void anUnreadableReportIsListedApart() throws Exception {
    publish("flags: {}\n");
    etcd.client().getKVClient().put(bytes(target.fleetPrefix() + "junk"), bytes("not json")).get(10, TimeUnit.SECONDS);

    Fleet fleet = Fleet.read(etcd.client(), target);

    assertThat(fleet.members()).isEmpty();
    assertThat(fleet.unreadable()).singleElement().asString()
        .startsWith(target.fleetPrefix() + "junk: not a fleet report");
  }

  @Test
  void aJvmWhoseLeaseExpiresDropsOut() throws Exception {
    long r1 = publish("flags: {}\n");
    long shortLease = etcd.client().getLeaseClient().grant(2).get(10, TimeUnit.SECONDS).getID();
    report("stays", r1, "etcd", null, lease);
    report("goes", r1, "etcd", null, shortLease);
    assertThat(Fleet.read(etcd.client(), target).members()).hasSize(2);

    // No keep-alive: etcd deletes the report when the lease runs out, a few seconds from now.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Fleet fleet = Fleet.read(etcd.client(), target);
    while (fleet.members().size() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      fleet = Fleet.read(etcd.client(), target);
    }

    assertThat(fleet.members()).extracting(m -> m.report().instance()).containsExactly("stays");
  }

  @Test
  void noCatalogAndNoReports() {
    Fleet fleet = Fleet.read(etcd.client(), target);

    assertThat(fleet.catalogRevision()).isZero();
    assertThat(fleet.members()).isEmpty();
    assertThat(fleet.allUpToDate()).isTrue();
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
