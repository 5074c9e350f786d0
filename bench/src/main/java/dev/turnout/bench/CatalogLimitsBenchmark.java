package dev.turnout.bench;

import dev.turnout.CatalogException;
import dev.turnout.CatalogSource;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading (or refusing) the hostile catalog shapes of docs/catalog-limits.md at 1x, 10x and 100x their
 * base size: reading, validating and, when accepted, compiling. Linear loading shows as times growing
 * tenfold per step (or less); refusals stay fast at every size. Single shots.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class CatalogLimitsBenchmark {

  /** The shape: flat (accepted), chain, segmentChain, doubling, segmentDoubling, flagdRefs, longPattern, largePrograms. */
  @Param({"flat", "chain", "segmentChain", "doubling", "segmentDoubling", "flagdRefs", "longPattern", "largePrograms"})
  public String shape;

  /** 1, 10 or 100 times the shape's base size. */
  @Param({"1", "10", "100"})
  public int scale;

  private String name;
  private String text;

  @Setup(Level.Trial)
  public void setUp() {
    name = "bench.yaml";
    switch (shape) {
      case "flat":
        text = HostileCatalogs.flatFlags(1_000 * scale);
        break;
      case "chain":
        text = HostileCatalogs.flagChain(150 * scale);
        break;
      case "segmentChain":
        text = HostileCatalogs.segmentChain(200 * scale);
        break;
      case "doubling":
        text = HostileCatalogs.flagDoubling(28 * scale);
        break;
      case "segmentDoubling":
        text = HostileCatalogs.segmentDoubling(24 * scale);
        break;
      case "flagdRefs":
        name = "bench.json";
        text = HostileCatalogs.flagdRefDoubling(24 * scale);
        break;
      case "longPattern":
        name = "bench.json";
        text = HostileCatalogs.pattern("a".repeat(1_000 * scale));
        break;
      case "largePrograms":
        text = HostileCatalogs.largePrograms(40 * scale);
        break;
      default:
        throw new IllegalArgumentException(shape);
    }
  }

  /** Loads the catalog into a new engine, or has it refused; answers how many flags it holds (0: refused). */
  @Benchmark
  public int load() {
    try (FlagEngine engine = FlagEngine.builder().source(CatalogSource.of(name, text)).watch(false)
        .environment(null).requireValidCatalog().build()) {
      return engine.flagKeys().size();
    } catch (CatalogException refused) {
      return 0;
    }
  }
}
