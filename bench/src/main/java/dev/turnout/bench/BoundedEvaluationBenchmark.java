package dev.turnout.bench;

import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.testkit.HostileCatalogs;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of the flag at the head of the deepest and the costliest shapes the reader accepts
 * (docs/catalog-limits.md): a prerequisite chain and prerequisites named twice per level, at a few
 * lengths up to the limits. Its time is bounded by the catalog's size, never exponential in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BoundedEvaluationBenchmark {

  /** chain-N: N flags each naming the one before; doubling-N: N flags each naming the one before twice. */
  @Param({"chain-3", "chain-30", "doubling-3", "doubling-6", "doubling-10"})
  public String shape;

  private FlagEngine engine;
  private String head;
  private final EvaluationContext context = EvaluationContext.of("user-1");

  @Setup(Level.Trial)
  public void setUp() {
    int n = Integer.parseInt(shape.substring(shape.indexOf('-') + 1));
    String text = shape.startsWith("chain") ? HostileCatalogs.flagChain(n) : HostileCatalogs.flagDoubling(n);
    engine = FlagEngine.builder().source(CatalogSource.of("bench.yaml", text)).watch(false).environment(null)
        .requireValidCatalog().build();
    head = "f" + (n - 1);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public Evaluation evaluate() {
    return engine.evaluate(head, context);
  }
}
