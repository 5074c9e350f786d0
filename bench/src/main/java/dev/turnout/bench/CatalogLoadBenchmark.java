package dev.turnout.bench;

import dev.turnout.CatalogSource;
import dev.turnout.FlagEngine;
import dev.turnout.bench.peer.Typical;
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
 * Loading a catalog of 10,000 flags (each the typical flag's shape: a rule and a percentage) from its
 * text: parse, validate, compile. Single shots: the first iteration of the fork is a cold start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
public class CatalogLoadBenchmark {

  @Param({"10000"})
  public int flags;

  private String yaml;

  @Setup(Level.Trial)
  public void setUp() {
    yaml = Typical.turnoutYaml(flags);
  }

  /** Parses, validates and compiles the catalog into a new engine. */
  @Benchmark
  public FlagEngine load() {
    FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("bench.yaml", yaml)).watch(false)
        .environment(null).requireValidCatalog().build();
    engine.close();
    return engine;
  }
}
