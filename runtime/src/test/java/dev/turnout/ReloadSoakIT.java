package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch never fails: while 16 threads evaluate, the watched catalog (a symbolic link, swapped
 * to each file in turn) becomes one hostile file after another, each followed by a good catalog. No
 * hostile file may keep the good one after it from applying within 1 s, and nothing may reach the
 * evaluating threads. Bounded: about half a minute; every shape's result is reported at the end.
 */
@Tag("soak")
class ReloadSoakIT {

  /**
   * The good catalog after a hostile shape applies within a second: a read of a large or hostile version is
   * given up as soon as the newer file is there (docs/reliability.md), so what the hostile input costs to
   * parse does not count, on a busy machine or a quiet one.
   */
  private static final long GOOD_WITHIN_MILLIS = 1000;
  /** After this long, a shape counts as stuck and the later ones are not tried (the reload thread is busy). */
  private static final long STUCK_MILLIS = 15_000;

  @TempDir
  Path dir;

  private int generation;

  @Test
  void noHostileCatalogStopsALaterGoodOneFromApplyingAndNothingEscapes() throws Exception {
    Path link = dir.resolve("flags.yaml");
    swap(link, write("good-0.yaml", good(0)));
    Map<String, Object> shapes = shapes();
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, Long> timings = new LinkedHashMap<>();
    ConcurrentLinkedQueue<Throwable> escaped = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong evaluations = new AtomicLong();
    try (FlagEngine engine = FlagEngine.builder().source(CatalogSource.file(link)).environment(null).build()) {
      assertThat(engine.isEnabled("kill-switch", null)).isTrue();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        Thread thread = new Thread(() -> evaluate(engine, stop, evaluations, escaped), "soak-" + t);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
      for (Map.Entry<String, Object> shape : shapes.entrySet()) {
        Path hostile = shape.getValue() instanceof Path p ? p : write("hostile-" + generation + ".yaml",
            (String) shape.getValue());
        swap(link, hostile);
        Thread.sleep(300); // the engine notices, and works on it
        int next = ++generation;
        swap(link, write("good-" + next + ".yaml", good(next)));
        long took = awaitGeneration(engine, next, STUCK_MILLIS);
        timings.put(shape.getKey(), took);
        if (took < 0) {
          failures.put(shape.getKey(), "the good catalog after it did not apply within " + STUCK_MILLIS + " ms;"
              + " later shapes not tried");
          break;
        }
        if (took > GOOD_WITHIN_MILLIS) {
          failures.put(shape.getKey(), "the good catalog after it applied after " + took + " ms");
        }
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join(5000);
      }
    }
    System.out.println("Reload soak: " + evaluations.get() + " evaluations; ms until the next good catalog applied,"
        + " per shape: " + timings);
    assertThat(escaped).as("throwables that reached evaluating threads").isEmpty();
    assertThat(failures).as("shapes after which a good catalog did not apply within " + GOOD_WITHIN_MILLIS + " ms")
        .isEmpty();
  }

  private static void evaluate(FlagEngine engine, AtomicBoolean stop, AtomicLong evaluations,
      ConcurrentLinkedQueue<Throwable> escaped) {
    EvaluationContext ctx = EvaluationContext.of("user-1").with("email", "a@example.com");
    long n = 0;
    while (!stop.get()) {
      try {
        engine.isEnabled("kill-switch", ctx);
        engine.evaluate("flag-0", ctx);
        engine.evaluate("no-such-flag", ctx);
      } catch (Throwable t) { // NOPMD: what the test looks for
        escaped.add(t);
      }
      if (++n % 250 == 0) {
        evaluations.addAndGet(250);
        try {
          // Sixteen threads on a machine that may have two cores: each works about a tenth of a
          // millisecond between sleeps, so together they keep under half a core busy (millions of
          // evaluations still race every swap) and the time measured is the reload's, not the scheduler's.
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Waits until the generation's flag is on; the milliseconds it took, or -1 after {@code max}. */
  private static long awaitGeneration(FlagEngine engine, int generation, long max) throws InterruptedException {
    long start = System.nanoTime();
    String key = "generation-" + generation;
    while (!engine.isEnabled(key, null)) {
      if (System.nanoTime() - start > max * 1_000_000) {
        return -1;
      }
      Thread.sleep(2);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String good(int generation) {
    return "flags:\n  kill-switch: { default: on }\n  flag-0: { default: on }\n  generation-" + generation
        + ": { default: on }\n";
  }

  /** The hostile shapes, in order: a text to write, or a path to link to. Those that may be slow come last. */
  private Map<String, Object> shapes() throws Exception {
    Map<String, Object> shapes = new LinkedHashMap<>();
    // Not hostile, but as slow to read as the largest shapes below.
    StringBuilder benign = new StringBuilder("flags:\n");
    for (int i = 0; i < 15_000; i++) {
      benign.append("  c").append(i).append(":\n    default: off\n")
          .append("    rules: [ { when: { attribute: plan, op: in, values: [p").append(i).append("] }, serve: on } ]\n");
    }
    shapes.put("a valid 15,000-flag catalog", benign.toString());
    Random random = new Random(42);
    String valid = good(0) + "  rules-flag:\n    default: off\n    rules:\n"
        + "      - when: { attribute: email, op: ends_with, values: [\"@example.com\"] }\n        serve: on\n";
    for (int i = 0; i < 5; i++) {
      byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
      for (int m = 0; m < 4; m++) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      shapes.put("random byte mutations " + i, new String(bytes, StandardCharsets.ISO_8859_1));
    }
    for (int cut : new int[] {7, 30, 60, valid.length() - 20}) {
      shapes.put("truncated at " + cut, valid.substring(0, cut));
    }
    Path zero = dir.resolve("zero.yaml");
    Files.createSymbolicLink(zero, Path.of("/dev/zero"));
    shapes.put("/dev/zero via a symbolic link", zero);
    Path fifo = dir.resolve("fifo.yaml");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    shapes.put("a FIFO without writer", fifo);
    shapes.put("a directory", Files.createDirectory(dir.resolve("folder.yaml")));
    shapes.put("a dangling symbolic link", dir.resolve("absent.yaml"));

    // 100,000 flags of about 50 bytes each (5 MB), as the attack was reported: over the size limit, refused as read.
    StringBuilder flat = new StringBuilder("flags:\n");
    for (int i = 0; i < 100_000; i++) {
      flat.append("  flag-number-").append(i).append(": { default: on, description: \"flag ").append(i).append("\" }\n");
    }
    shapes.put("100k flat flags (5 MB)", flat.toString());
    shapes.put("a 1 MB matches pattern", "flags:\n  m:\n    default: off\n    rules:\n"
        + "      - when: { attribute: email, op: matches, values: [\"" + "a".repeat(1 << 20) + "\"] }\n"
        + "        serve: on\n");
    StringBuilder chain = new StringBuilder("flags:\n");
    for (int i = 0; i < 15_000; i++) {
      chain.append("  c").append(i).append(":\n    default: off\n")
          .append(i + 1 < 15_000 ? "    rules: [ { when: { flag: c" + (i + 1) + " }, serve: on } ]\n" : "");
    }
    shapes.put("a 15,000-flag prerequisite chain", chain.toString());
    StringBuilder twice = new StringBuilder("flags:\n");
    for (int i = 0; i < 28; i++) {
      twice.append("  p").append(i).append(":\n    default: off\n    rules: [ { when: { all: [ { flag: p")
          .append(i + 1).append(" }, { not: { flag: p").append(i + 1).append(" } } ] }, serve: on } ]\n");
    }
    twice.append("  p28: { default: on }\n");
    shapes.put("prerequisites referenced twice per level, depth 28", twice.toString());
    StringBuilder segments = new StringBuilder("flags:\n  s:\n    default: off\n"
        + "    rules: [ { when: { segment: s0 }, serve: on } ]\nsegments:\n");
    for (int i = 0; i < 28; i++) {
      segments.append("  s").append(i).append(":\n    when: { any: [ { segment: s").append(i + 1)
          .append(" }, { not: { segment: s").append(i + 1).append(" } } ] }\n");
    }
    segments.append("  s28:\n    keys: [user-1]\n");
    shapes.put("segments referenced twice per level, depth 28", segments.toString());
    return shapes;
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)
        ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    return file;
  }

  /** Points the link at the target atomically: a new link renamed over the old one. */
  private static void swap(Path link, Path target) throws Exception {
    Path next = link.resolveSibling(link.getFileName() + ".next");
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, target);
    Files.move(next, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
