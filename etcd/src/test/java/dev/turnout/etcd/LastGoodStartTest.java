package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.FlagEngine;
import io.etcd.jetcd.Client;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting while etcd is down: the bounded wait, then the last-good copy (or nothing), then catching up. */
class LastGoodStartTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void startsFromTheLastGoodCopyThenCatchesUp() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir); Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/shop/catalog");
      long saved = Catalogs.put(client, target.key(), Catalogs.serving("b"));
      EtcdCatalogSource first = EtcdCatalogSource.builder(target).cache(dir.resolve("cache")).build();
      try (FlagEngine engine = FlagEngine.builder().source(first).build()) {
        Await.until(WAIT, "the copy of " + saved, () -> first.cache().read() != null);
        assertThat(engine.variant("checkout", null)).isEqualTo("b");
      }
      etcd.stop();

      EtcdCatalogSource source = EtcdCatalogSource.builder(target).cache(dir.resolve("cache"))
          .startupWait(Duration.ofMillis(300)).build();
      long started = System.nanoTime();
      try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
        // Bounded: well under the 5 s a request to the stopped etcd may take.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(engine.variant("checkout", null)).isEqualTo("b");
        assertThat(source.report().origin()).isEqualTo("last-good");
        assertThat(source.report().revision()).isEqualTo(saved);

        etcd.restart();
        // etcd holds the very revision the copy has: the report says it now comes from etcd.
        Await.until(WAIT, "a report of " + saved + " from etcd", () -> {
          FleetReport report = source.report();
          return report.revision() == saved && report.origin().equals("etcd");
        });
        long next;
        try (Client fresh = Client.builder().endpoints(etcd.endpoint()).build()) {
          next = Catalogs.put(fresh, target.key(), Catalogs.serving("c"));
        }
        Await.until(WAIT, "revision " + next + " served", () -> "c".equals(engine.variant("checkout", null)));
        Await.until(WAIT, "a report of " + next, () -> {
          FleetReport report = source.report();
          return report.revision() == next && report.origin().equals("etcd");
        });
        assertThat(engine.errorCount("checkout")).isZero();
      }
    }
  }

  @Test
  void withoutACopyStartsEmptyThenCatchesUp() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir); Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/shop/catalog");
      long published = Catalogs.put(client, target.key(), Catalogs.serving("d"));
      etcd.stop();
      EtcdCatalogSource source = EtcdCatalogSource.builder(target).cache(dir.resolve("empty-cache"))
          .startupWait(Duration.ofMillis(200)).build();
      try (FlagEngine engine = FlagEngine.builder().source(source).build()) {
        assertThat(engine.flagKeys()).isEmpty();
        assertThat(engine.variant("checkout", null)).isNull(); // the caller's fallback
        assertThat(source.report().origin()).isEqualTo("none");
        etcd.restart();
        Await.until(WAIT, "revision " + published + " served", () -> "d".equals(engine.variant("checkout", null)));
      }
    }
  }
}
