package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A context built for one call to a flag decided by its key and one attribute (the usual flag: a rule
 * on an attribute and a percentage) is not allocated at all once the JIT has compiled the caller: the
 * JIT inlines every method the context reaches and removes the allocation (escape analysis). See
 * {@code CompiledFlag.evaluate} for what keeps this so, and {@code InlineBudgetTest}.
 *
 * <p>Checked in a JVM of its own: the JIT's inlining follows the profile of every call a method has
 * seen, and this module's other tests evaluate flags of every kind through the same methods. A flag
 * whose rules read the context through calls that are not inlined makes a context escape wherever
 * those calls have been seen, so an application whose hot flags include such flags pays one context
 * allocation (48 bytes) per context it builds; a context built once and reused allocates nothing
 * either way ({@code AllocationTest}).
 */
class ContextEscapeTest {

  /** Bytes per batch of 10,000 calls under which no call allocated its context (one would be 48). */
  private static final long LIMIT = 10_000;

  @Test
  void aContextBuiltForOneCallIsNotAllocatedOnceCompiled() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        Probe.class.getName()).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    String last = output.lines().filter(l -> l.startsWith("batch ")).reduce((a, b) -> b).orElse("");
    assertThat(last).as(output).isNotEmpty();
    long bytes = Long.parseLong(last.substring(last.lastIndexOf(' ') + 1));
    assertThat(bytes).as("bytes allocated by the last batch of 10,000 calls that each build a context\n" + output)
        .isLessThan(LIMIT);
  }

  /**
   * Builds a context per call, in batches, until a batch allocates less than {@link #LIMIT} bytes or
   * 30 s have passed, printing each batch's bytes. The JIT compiles the batch in the background, so
   * the first batches allocate every context; how many depends on the machine.
   */
  public static final class Probe {

    public static void main(String[] args) {
      if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
          || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
        System.out.println("batch (this JVM cannot count allocated bytes per thread) 0");
        return;
      }
      FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("f.yaml", """
          flags:
            typical:
              rules:
                - when: { attribute: plan, op: in, values: [pro, enterprise] }
                  serve: on
              percentage: 10
          """)).environment(null).requireValidCatalog().build();
      String[] keys = new String[64];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = "user-" + i;
      }
      long tid = Thread.currentThread().getId();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long bytes;
      long enabled = 0;
      do {
        long before = threads.getThreadAllocatedBytes(tid);
        enabled += batch(engine, keys);
        bytes = threads.getThreadAllocatedBytes(tid) - before;
        System.out.println("batch " + bytes);
      } while (bytes >= LIMIT && System.nanoTime() < deadline);
      System.out.println("enabled " + enabled);
    }

    private static long batch(FlagEngine engine, String[] keys) {
      long enabled = 0;
      for (int i = 0; i < 10_000; i++) {
        EvaluationContext ctx = EvaluationContext.of(keys[i & 63]).with("plan", (i & 1) == 0 ? "pro" : "free");
        if (engine.isEnabled("typical", ctx)) {
          enabled++;
        }
      }
      return enabled;
    }
  }
}
