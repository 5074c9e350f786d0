package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogSource;
import dev.turnout.FlagEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The source against a real etcd that stays up (outages: {@link LastGoodStartTest} and the ITs). */
class EtcdCatalogSourceTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  private EtcdCatalogSource source(String key) {
    return EtcdCatalogSource.builder(EtcdTarget.parse("etcd://" + etcd.hostPort() + key)).cache(dir).app("shop").build();
  }

  private static String served(FlagEngine engine) {
    return engine.variant("checkout", null);
  }

  @Test
  void servesTheKeyAndEachChangeAndSavesWhatItApplied() throws Exception {
    String key = "/t/applied";
    long first = Catalogs.put(etcd.client(), key, Catalogs.serving("b"));
    EtcdCatalogSource source = source(key);
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      assertThat(served(engine)).isEqualTo("b");
      Await.until(WAIT, "the copy of revision " + first, () -> saved(source) == first);

      long second = Catalogs.put(etcd.client(), key, Catalogs.serving("c"));
      Await.until(WAIT, "revision " + second + " served", () -> "c".equals(served(engine)));
      Await.until(WAIT, "the copy of revision " + second, () -> saved(source) == second);
      assertThat(source.cache().read().text()).isEqualTo(Catalogs.serving("c"));
      assertThat(source.delivered()).containsExactly(second);
    }
  }

  @Test
  void refusedRevisionsAreReportedButNeverSaved() throws Exception {
    String key = "/t/refused";
    long good = Catalogs.put(etcd.client(), key, Catalogs.serving("d"));
    EtcdCatalogSource source = source(key);
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      Await.until(WAIT, "the copy of revision " + good, () -> saved(source) == good);
      long bad = Catalogs.put(etcd.client(), key, Catalogs.BROKEN);
      Await.until(WAIT, "the refusal of " + bad, () -> engine.reloadFailureCount() == 1);
      assertThat(served(engine)).isEqualTo("d");

      String reportKey = source.target().fleetPrefix() + source.instance();
      Await.until(WAIT, "a report of the refusal", () -> {
        String json = uncheckedGet(reportKey);
        return json != null && FleetReport.fromJson(json).problem() != null;
      });
      FleetReport report = FleetReport.fromJson(Catalogs.get(etcd.client(), reportKey));
      assertThat(report.revision()).isEqualTo(good);
      assertThat(report.origin()).isEqualTo("etcd");
      assertThat(report.app()).isEqualTo("shop");
      assertThat(report.problem()).startsWith("revision " + bad + " refused: ").contains("nowhere");
      assertThat(saved(source)).isEqualTo(good);
      assertThat(source.cache().read().text()).isEqualTo(Catalogs.serving("d"));
    }
  }

  @Test
  void theReportFollowsTheRevisionAppliedAndGoesAwayWithTheSource() throws Exception {
    String key = "/t/report";
    long first = Catalogs.put(etcd.client(), key, Catalogs.serving("b"));
    EtcdCatalogSource source = source(key);
    String reportKey = source.target().fleetPrefix() + source.instance();
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      Await.until(WAIT, "a report of " + first, () -> reported(reportKey) == first);
      long unchanged = Catalogs.put(etcd.client(), key, Catalogs.serving("b")); // republished as it was
      Await.until(WAIT, "a report of " + unchanged, () -> reported(reportKey) == unchanged);
      FleetReport report = FleetReport.fromJson(Catalogs.get(etcd.client(), reportKey));
      assertThat(report.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(report.instance()).isEqualTo(source.instance());
      assertThat(report.problem()).isNull();
      assertThat(engine.reloadCount()).isEqualTo(1);
    }
    assertThat(Catalogs.get(etcd.client(), reportKey)).isNull(); // the lease was revoked
  }

  @Test
  void aReportWhoseLeaseExpiredIsWrittenAgainOnANewLease() throws Exception {
    String key = "/t/lease";
    long first = Catalogs.put(etcd.client(), key, Catalogs.serving("b"));
    EtcdCatalogSource source = source(key);
    String reportKey = source.target().fleetPrefix() + source.instance();
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      Await.until(WAIT, "a report of " + first, () -> reported(reportKey) == first);
      long lease = lease(reportKey);
      // What an etcd that was unreachable for longer than the lease's TTL does: the lease and its key go.
      etcd.client().getLeaseClient().revoke(lease).get(10, TimeUnit.SECONDS);
      assertThat(Catalogs.get(etcd.client(), reportKey)).isNull();
      Await.until(WAIT, "the report on a new lease", () -> reported(reportKey) == first);
      assertThat(lease(reportKey)).isNotEqualTo(lease).isNotZero();
      assertThat(served(engine)).isEqualTo("b");
    }
  }

  private long lease(String key) {
    try {
      return etcd.client().getKVClient().get(EtcdTarget.bytes(key)).get(10, TimeUnit.SECONDS).getKvs().get(0).getLease();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWatchThatWasCutResumesFromTheNextRevisionAndMissesNothing() throws Exception {
    String key = "/t/resume";
    Catalogs.put(etcd.client(), key, Catalogs.serving("a"));
    EtcdCatalogSource source = source(key);
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      source.pauseWatch();
      long r1 = Catalogs.put(etcd.client(), key, Catalogs.serving("b"));
      long r2 = Catalogs.put(etcd.client(), key, Catalogs.serving("c"));
      long r3 = Catalogs.put(etcd.client(), key, Catalogs.serving("d"));
      assertThat(served(engine)).isEqualTo("a");
      source.resumeWatch();
      Await.until(WAIT, "revision " + r3 + " served", () -> "d".equals(served(engine)));
      assertThat(source.delivered()).containsExactly(r1, r2, r3); // each change, not just the last value
      assertThat(source.rereads()).isZero();
    }
  }

  @Test
  void afterACompactionTheKeyIsReadAgain() throws Exception {
    String key = "/t/compacted";
    Catalogs.put(etcd.client(), key, Catalogs.serving("a"));
    EtcdCatalogSource source = source(key);
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      source.pauseWatch();
      Catalogs.put(etcd.client(), key, Catalogs.serving("b"));
      long last = Catalogs.put(etcd.client(), key, Catalogs.serving("c"));
      etcd.client().getKVClient().compact(last).get(10, TimeUnit.SECONDS);
      source.resumeWatch();
      Await.until(WAIT, "revision " + last + " served", () -> "c".equals(served(engine)));
      assertThat(source.rereads()).isEqualTo(1);
      Await.until(WAIT, "the copy of revision " + last, () -> saved(source) == last);
    }
  }

  @Test
  void aDeletedKeyKeepsTheCatalogInForce() throws Exception {
    String key = "/t/deleted";
    Catalogs.put(etcd.client(), key, Catalogs.serving("c"));
    EtcdCatalogSource source = source(key);
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      long deleted = etcd.client().getKVClient().delete(EtcdTarget.bytes(key)).get(10, TimeUnit.SECONDS).getHeader().getRevision();
      Await.until(WAIT, "the deletion seen", () -> uncheckedDelivered(source).contains(deleted));
      assertThat(served(engine)).isEqualTo("c");
      long back = Catalogs.put(etcd.client(), key, Catalogs.serving("b"));
      Await.until(WAIT, "revision " + back + " served", () -> "b".equals(served(engine)));
    }
  }

  @Test
  void openedByAddressWithOptions() throws Exception {
    String key = "/t/opened";
    Catalogs.put(etcd.client(), key, "{\"flags\": {\"checkout\": {\"variants\": {\"a\": 1, \"b\": 2}, \"default\": \"b\"}}}");
    CatalogSource source = CatalogSource.open("etcd://" + etcd.hostPort() + key,
        Map.of("cache", dir.toString(), "app", "billing", "wait", "1s", "reports", "off"));
    assertThat(source).isInstanceOf(EtcdCatalogSource.class);
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      assertThat(served(engine)).isEqualTo("b");
      assertThat(((EtcdCatalogSource) source).report()).isNull();
    }
    assertThatThrownBy(() -> CatalogSource.open("etcd://" + etcd.hostPort() + key, Map.of("cahce", "/tmp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option 'cahce'")
        .hasMessageContaining("cache=DIR|off");
    assertThatThrownBy(() -> CatalogSource.open("etcd://" + etcd.hostPort() + key, Map.of("wait", "soon")))
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  @SuppressWarnings("try")
  void theCacheFileIsNamedAfterTheAddress() throws Exception {
    EtcdCatalogSource source = EtcdCatalogSource.builder(EtcdTarget.parse("etcd://" + etcd.hostPort() + "/t/named"))
        .cache(dir).reports(false).build();
    try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
      assertThat(source.cache().file().getParent()).isEqualTo(dir);
      assertThat(source.cache().file().getFileName().toString())
          .isEqualTo(etcd.hostPort().replace(':', '_') + "_t_named.catalog");
      assertThat(Files.exists(source.cache().file())).isFalse(); // nothing applied, nothing saved
    }
  }

  private static long saved(EtcdCatalogSource source) {
    LastGoodCopy.Saved saved = source.cache().read();
    return saved == null ? -1 : saved.revision();
  }

  private static long reported(String reportKey) {
    String json = uncheckedGet(reportKey);
    return json == null ? -1 : FleetReport.fromJson(json).revision();
  }

  private static String uncheckedGet(String key) {
    try {
      return Catalogs.get(etcd.client(), key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.List<Long> uncheckedDelivered(EtcdCatalogSource source) {
    try {
      return source.delivered();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
