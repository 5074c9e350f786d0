package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd stopped for 30 seconds and restarted while evaluations run: none fails, and every watcher gets
 * both the change published just before the stop (delivered live or by the watch resumed from its last
 * revision + 1) and one published after the restart, without reading the key again.
 */
class EtcdOutageIT {

  private static final int WATCHERS = 40;
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void thirtySecondsWithoutEtcdThenEveryWatcherCatchesUp() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir)) {
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/outage/catalog");
      try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
        Catalogs.put(client, target.key(), Catalogs.serving("a"));
      }
      try (Watchers watchers = new Watchers(WATCHERS, target, dir.resolve("cache"))) {
        assertThat(watchers.serving("a")).isEqualTo(WATCHERS);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong evaluations = new AtomicLong();
        Set<String> wrong = ConcurrentHashMap.newKeySet();
        List<Thread> evaluators = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          Thread thread = new Thread(() -> evaluate(watchers.engines, running, evaluations, wrong), "evaluator-" + t);
          thread.start();
          evaluators.add(thread);
        }

        long beforeStop;
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
          beforeStop = Catalogs.put(client, target.key(), Catalogs.serving("b"));
        }
        etcd.stop(); // at once: some watchers may not have had the change yet
        long duringOutage = evaluations.get();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a wait for a result
        assertThat(evaluations.get()).isGreaterThan(duringOutage);
        etcd.restart();

        long afterRestart;
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
          afterRestart = Catalogs.put(client, target.key(), Catalogs.serving("c"));
          Await.until(Duration.ofSeconds(60), "every watcher serving revision " + afterRestart,
              () -> watchers.serving("c") == WATCHERS);
          try {
            Await.until(Duration.ofSeconds(30), "every watcher reporting revision " + afterRestart,
                () -> reportsOf(client, target, afterRestart) == WATCHERS);
          } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; reports: " + reports(client, target), e);
          }
        }
        running.set(false);
        for (Thread thread : evaluators) {
          thread.join();
        }

        assertThat(wrong).isEmpty();
        for (int i = 0; i < WATCHERS; i++) {
          EtcdCatalogSource source = watchers.sources.get(i);
          FlagEngine engine = watchers.engines.get(i);
          assertThat(engine.errorCount("checkout")).as("errors of watcher %d", i).isZero();
          assertThat(source.delivered()).as("changes delivered to watcher %d", i).containsExactly(beforeStop, afterRestart);
          assertThat(source.rereads()).isZero();
          assertThat(source.cache().read().revision()).isEqualTo(afterRestart);
        }
        System.out.printf("EtcdOutageIT: %d evaluations on 2 threads across a %d s outage, %d watchers caught up%n",
            evaluations.get(), OUTAGE.toSeconds(), WATCHERS);
      }
    }
  }

  private static void evaluate(List<FlagEngine> engines, AtomicBoolean running, AtomicLong count, Set<String> wrong) {
    Set<String> valid = Set.of("a", "b", "c");
    int n = 0;
    while (running.get()) {
      FlagEngine engine = engines.get(n++ % engines.size());
      try {
        Evaluation e = engine.evaluate("checkout", EvaluationContext.of("user-" + n));
        if (e.reason() == Evaluation.Reason.ERROR || !valid.contains(e.variant())) {
          wrong.add(e.toString());
        }
      } catch (RuntimeException ex) {
        wrong.add("threw " + ex);
      }
      count.incrementAndGet();
    }
  }

  private static List<String> reports(Client client, EtcdTarget target) {
    try {
      return client.getKVClient().get(EtcdTarget.bytes(target.fleetPrefix()),
              GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS)
          .getKvs().stream()
          .map(kv -> FleetReport.fromJson(kv.getValue().toString(java.nio.charset.StandardCharsets.UTF_8)))
          .map(r -> r.revision() + "/" + r.origin() + (r.problem() == null ? "" : "/" + r.problem()))
          .toList();
    } catch (Exception e) {
      return List.of(e.toString());
    }
  }

  private static long reportsOf(Client client, EtcdTarget target, long revision) {
    try {
      return client.getKVClient().get(EtcdTarget.bytes(target.fleetPrefix()),
              GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS)
          .getKvs().stream()
          .map(kv -> FleetReport.fromJson(kv.getValue().toString(java.nio.charset.StandardCharsets.UTF_8)))
          .filter(r -> r.revision() == revision && r.origin().equals("etcd"))
          .count();
    } catch (Exception e) {
      return -1;
    }
  }
}
