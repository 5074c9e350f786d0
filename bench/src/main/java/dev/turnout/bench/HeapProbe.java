package dev.turnout.bench;

import dev.turnout.CatalogSource;
import dev.turnout.FlagEngine;
import dev.turnout.bench.peer.Typical;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import javax.management.ObjectName;

/**
 * The heap an engine retains for a catalog of N flags (default 10,000): used heap after full GCs with the
 * engine reachable, minus the same before it (after a small engine was built and dropped, so shared
 * class data and caches are not counted; the catalog text is dropped before measuring). Prints
 * {@code heap flags=N retainedBytes=B}; with {@code N --histogram} also the top of the live-object
 * class histogram. Run with a fixed heap and the serial collector for stable numbers.
 */
public final class HeapProbe {

  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    int flags = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    boolean histogram = args.length > 1 && args[1].equals("--histogram");
    // A small engine first, so the class data and caches every engine shares are not counted.
    FlagEngine.builder().source(CatalogSource.of("warm.yaml", Typical.turnoutYaml(10))).watch(false)
        .environment(null).requireValidCatalog().build().close();
    long before = settledUsedHeap();
    FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("bench.yaml", Typical.turnoutYaml(flags)))
        .watch(false).environment(null).requireValidCatalog().build();
    long after = settledUsedHeap();
    if (engine.flagKeys().size() != flags) {
      throw new IllegalStateException("loaded " + engine.flagKeys().size() + " flags, not " + flags);
    }
    System.out.printf(Locale.ROOT, "heap flags=%d retainedBytes=%d%n", flags, after - before);
    if (histogram) {
      // The JVM's own class histogram of live objects (as jcmd GC.class_histogram prints it): the profile
      // that says where the retained bytes are.
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      text.lines().limit(28).forEach(line -> System.out.println("histogram " + line));
    }
    engine.close();
  }

  private static long settledUsedHeap() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
