package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Evaluating against a built context allocates nothing: counted in bytes by the JVM's per-thread
 * allocation counter (a behaviour check, not a speed measurement; speed lives in the JMH benchmarks).
 */
class AllocationTest {

  private static final String CATALOG = """
      flags:
        rule-match:
          rules:
            - when: { attribute: plan, op: in, values: [pro, enterprise] }
              serve: on
          percentage: 10
        rollout:
          variants: [a, b, c]
          default: a
          rules:
            - when: { all: [ { attribute: country, op: in, values: [US, CA] },
                             { attribute: appVersion, op: semver_gte, values: ["2.4.0"] } ] }
              serve: { rollout: { a: 50, b: 25, c: 25 } }
        segment-flag:
          rules:
            - when: { segment: staff }
              serve: on
        windowed:
          rules:
            - when: { attribute: now, op: after, values: ["2020-01-01T00:00:00Z"] }
              serve: on
          schedule:
            - { at: 2020-01-01T00:00:00Z, percentage: 5 }
      segments:
        staff:
          keys: [ann]
          when: { attribute: email, op: ends_with, values: ["@example.com"] }
      """;

  @Test
  void evaluationAllocatesNothing() {
    FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("f.yaml", CATALOG)).environment(null)
        .requireValidCatalog().build();
    EvaluationContext[] contexts = new EvaluationContext[64];
    for (int i = 0; i < contexts.length; i++) {
      contexts[i] = EvaluationContext.of("user-" + i + "-é")
          .with("plan", i % 3 == 0 ? "pro" : "free")
          .with("country", i % 2 == 0 ? "US" : "FR")
          .with("appVersion", i % 4 == 0 ? "2.5.0-beta.1" : "2.4.1")
          .with("email", "u" + i + "@example.com");
    }
    String[] flags = {"rule-match", "rollout", "segment-flag", "windowed"};
    long allocated = allocatedBy(engine, contexts, flags);
    // 400,000 evaluations; a single allocation per call would be over 6 MB. The slack covers the
    // counter reads themselves.
    assertThat(allocated).as("bytes allocated by 400,000 evaluations").isLessThan(4096);
  }

  @Test
  void flagdFractionalAllocatesNothing() {
    FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("flags.json", "{\"flags\": {\"split\": {"
        + "\"state\": \"ENABLED\", \"variants\": {\"a\": \"A\", \"b\": \"B\", \"c\": \"C\"}, \"defaultVariant\": \"a\","
        + "\"targeting\": {\"fractional\": [[\"a\", 50], [\"b\", 30], [\"c\", 20]]}}}}"))
        .environment(null).requireValidCatalog().build();
    EvaluationContext[] contexts = new EvaluationContext[64];
    for (int i = 0; i < contexts.length; i++) {
      contexts[i] = EvaluationContext.of("user-" + i);
    }
    long allocated = allocatedBy(engine, contexts, new String[] {"split"});
    // 100,000 evaluations: an array of three weights per call alone would be 4 MB, the smallest object
    // per call 1.6 MB. The slack (under a byte per call) covers what the JIT's recompiling may allocate.
    assertThat(allocated).as("bytes allocated by 100,000 fractional evaluations").isLessThan(100_000);
  }

  /**
   * The bytes this thread allocates in 100,000 rounds over the contexts and flags, after 20,000 rounds of warm-up
   * (class loading, lazy counters); skipped where the JVM cannot count them.
   */
  private static long allocatedBy(FlagEngine engine, EvaluationContext[] contexts, String[] flags) {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "this JVM cannot count allocated bytes per thread");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "per-thread allocation counting is off in this JVM");
    long sink = run(engine, contexts, flags, 20_000);
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    sink += run(engine, contexts, flags, 100_000);
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertThat(sink).isPositive();
    return allocated;
  }

  private static long run(FlagEngine engine, EvaluationContext[] contexts, String[] flags, int rounds) {
    long enabled = 0;
    for (int r = 0; r < rounds; r++) {
      EvaluationContext ctx = contexts[r & 63];
      for (String flag : flags) {
        if (engine.evaluate(flag, ctx).isEnabled()) {
          enabled++;
        }
      }
    }
    return enabled;
  }
}
