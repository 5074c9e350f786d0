package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 threads evaluate while the catalog file is rewritten 500 times, valid and invalid alternating: no
 * exception reaches a caller, every evaluation comes from one whole valid catalog, catalogs are seen in
 * order, and the last good catalog is in force at the end.
 */
class ReloadUnderLoadTest {

  @TempDir
  Path dir;

  /** Catalog n: the flag serves variant "v" + n with value n, by default or through a rule. */
  static String valid(int n) {
    return "flags:\n"
        + "  f:\n"
        + "    variants: { v" + n + ": " + n + ", other: -" + n + " }\n"
        + "    default: v" + n + "\n"
        + "    off: other\n"
        + "    rules:\n"
        + "      - when: { attribute: plan, op: in, values: [pro] }\n"
        + "        serve: { rollout: { v" + n + ": 100, other: 0 } }\n";
  }

  /** An invalid catalog that, if it were ever applied, would serve "bad". */
  static String invalid(int n) {
    return "flags:\n"
        + "  f:\n"
        + "    variants: { bad: -1 }\n"
        + "    default: bad\n"
        + "    rules:\n"
        + "      - when: { attribute: plan, op: inn, values: [pro] }\n"  // unknown operator
        + "        serve: bad\n"
        + "# " + n + "\n";
  }

  private void rewrite(Path file, String text) throws java.io.IOException {
    Path tmp = dir.resolve("flags.yaml.tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void evaluationsStayConsistentWhileTheFileIsRewritten() throws Exception {
    Path file = dir.resolve("flags.yaml");
    Files.writeString(file, valid(0));
    try (FlagEngine engine = FlagEngine.builder().source(CatalogSource.file(file)).environment(null).build()) {
      int threads = 8;
      AtomicBoolean stop = new AtomicBoolean();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      AtomicLong evaluations = new AtomicLong();
      CountDownLatch started = new CountDownLatch(threads);
      Thread[] workers = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        EvaluationContext ctx = t % 2 == 0
            ? EvaluationContext.of("user-" + t).with("plan", "pro")
            : EvaluationContext.of("user-" + t);
        workers[t] = new Thread(() -> {
          long lastSeen = 0;
          started.countDown();
          while (!stop.get()) {
            try {
              Evaluation e = engine.evaluate("f", ctx);
              long value = (Long) e.value();
              if (!e.variant().equals("v" + value)) {
                failures.add(new AssertionError("mixed catalogs: " + e));
              }
              if (value < lastSeen) {
                failures.add(new AssertionError("went back from catalog " + lastSeen + " to " + value));
              }
              lastSeen = value;
              evaluations.incrementAndGet();
            } catch (Throwable x) {
              failures.add(x);
            }
          }
        });
        workers[t].start();
      }
      started.await();
      for (int i = 1; i <= 498; i++) {
        rewrite(file, i % 2 == 1 ? valid(i) : invalid(i));
        if (i % 10 == 0) {
          Thread.sleep(2); // let the watcher see some intermediate versions too
        }
      }
      // The last two rewrites are spaced so the engine surely reads each: the valid 499 is applied,
      // the invalid 500 rejected, and 499 stays in force.
      rewrite(file, valid(499));
      FlagEngineTest.within(2000, () -> (Long) engine.evaluate("f", EvaluationContext.of("x")).value() == 499,
          "catalog 499 applied");
      long failuresBefore = engine.reloadFailureCount();
      rewrite(file, invalid(500));
      FlagEngineTest.within(2000, () -> engine.reloadFailureCount() > failuresBefore, "catalog 500 rejected");
      stop.set(true);
      for (Thread w : workers) {
        w.join();
      }
      assertThat(failures).isEmpty();
      assertThat(evaluations.get()).isGreaterThan(1000);
      assertThat(engine.evaluate("f", EvaluationContext.of("x")).variant()).isEqualTo("v499");
      assertThat(engine.reloadCount()).isGreaterThan(1);
    }
  }
}
