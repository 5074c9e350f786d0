package dev.turnout.bench;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The typical flag of the performance goals ({@code plan in [pro, enterprise]} serves on, else a 10 %
 * rollout by user key), evaluated in catalogs of 10, 1,000 and 100,000 flags: the cost must not
 * depend on the catalog's size, and nothing may be allocated (see the GC profiler's gc.alloc.rate.norm).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EvaluationBenchmark {

  private static final String TYPICAL = "typical-flag";

  @Param({"10", "1000", "100000"})
  public int flags;

  private FlagEngine engine;
  private EvaluationContext proUser;
  private EvaluationContext[] rolloutUsers;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder yaml = new StringBuilder("flags:\n");
    yaml.append("  ").append(TYPICAL).append(":\n")
        .append("    rules:\n")
        .append("      - when: { attribute: plan, op: in, values: [pro, enterprise] }\n")
        .append("        serve: on\n")
        .append("    percentage: 10\n");
    for (int i = 1; i < flags; i++) {
      yaml.append("  other-flag-").append(i).append(": { percentage: ").append(i % 100).append(" }\n");
    }
    engine = FlagEngine.builder().source(CatalogSource.of("bench.yaml", yaml.toString())).watch(false)
        .environment(null).requireValidCatalog().build();
    proUser = EvaluationContext.of("user-pro").with("plan", "pro");
    rolloutUsers = new EvaluationContext[1024];
    for (int i = 0; i < rolloutUsers.length; i++) {
      rolloutUsers[i] = EvaluationContext.of("user-" + i).with("plan", "free");
    }
  }

  /** The rule matches: one attribute lookup and a small set membership. */
  @Benchmark
  public boolean ruleMatch() {
    return engine.isEnabled(TYPICAL, proUser);
  }

  /** The rule fails and the 10 % rollout hashes the key; rotates over 1,024 prebuilt contexts. */
  @Benchmark
  public boolean rollout() {
    EvaluationContext ctx = rolloutUsers[next++ & 1023];
    return engine.isEnabled(TYPICAL, ctx);
  }

  /** Build the context and evaluate, as a request handler would. */
  @Benchmark
  public boolean buildContextAndEvaluate() {
    return engine.isEnabled(TYPICAL, EvaluationContext.of("user-42").with("plan", "free"));
  }
}
