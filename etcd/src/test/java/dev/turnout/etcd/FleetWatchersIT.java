package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100 watchers in one JVM see each published change: the 99th percentile is under two seconds. */
class FleetWatchersIT {

  private static final int WATCHERS = 100;
  private static final int ROUNDS = 5;

  @TempDir Path dir;

  @Test
  void aHundredWatchersSeeEachChangeWithinTwoSecondsAtP99() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir); Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/fleet/catalog");
      Catalogs.put(client, target.key(), Catalogs.serving("a"));
      try (Watchers watchers = new Watchers(WATCHERS, target, dir.resolve("cache"))) {
        assertThat(watchers.serving("a")).isEqualTo(WATCHERS);
        List<Long> latencies = new ArrayList<>();
        String[] variants = {"b", "c", "d", "a", "b"};
        for (int round = 0; round < ROUNDS; round++) {
          String variant = variants[round];
          long before = System.nanoTime();
          Catalogs.put(client, target.key(), Catalogs.serving(variant));
          Await.until(Duration.ofSeconds(30), WATCHERS + " watchers serving " + variant,
              () -> watchers.serving(variant) == WATCHERS && watchers.appliedSince(before) == WATCHERS);
          for (int i = 0; i < WATCHERS; i++) {
            latencies.add(watchers.applied.get(i) - before);
          }
        }
        Collections.sort(latencies);
        Duration p50 = Duration.ofNanos(latencies.get(latencies.size() / 2));
        Duration p99 = Duration.ofNanos(latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
        Duration max = Duration.ofNanos(latencies.get(latencies.size() - 1));
        System.out.printf("FleetWatchersIT: %d watchers x %d changes: publish to applied p50 %d ms, p99 %d ms, max %d ms%n",
            WATCHERS, ROUNDS, p50.toMillis(), p99.toMillis(), max.toMillis());
        assertThat(p99).isLessThan(Duration.ofSeconds(2));
      }
    }
  }
}
