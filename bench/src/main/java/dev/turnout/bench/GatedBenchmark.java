package dev.turnout.bench;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A gated method through the agent versus the same method called directly, for a flag that is off
 * (compare with {@link #directOriginal}), fully on ({@link #directAlternate}) and rule-based
 * ({@link #directPlusEvaluation}: the direct call plus one evaluation). The forks run under
 * {@code -javaagent:target/turnout-agent.jar} (the pom copies the built agent there; JMH runs in
 * {@code bench/}), reading the catalog {@code turnout/flags.yaml} of this module's resources.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-javaagent:target/turnout-agent.jar", "-Xshare:off"})
public class GatedBenchmark {

  private final Gated gated = new Gated();
  private Turnout.Scope scope;
  public int x = 40;

  @Setup(Level.Trial)
  public void setUp() {
    scope = Turnout.bind(EvaluationContext.of("user-pro").with("plan", "pro"));
    expect("offGate", gated.offGate(x), x + 1);
    expect("onGate", gated.onGate(x), x + 2);
    expect("ruleGate", gated.ruleGate(x), x + 2);
  }

  private static void expect(String method, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalStateException(method + " took the wrong track (" + actual + " instead of " + expected
          + "): is the agent on -javaagent, and is the catalog turnout/flags.yaml on the class path?");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
  }

  /** The original body, called directly. */
  @Benchmark
  public int directOriginal() {
    return gated.plusOne(x);
  }

  /** The alternate body, called directly. */
  @Benchmark
  public int directAlternate() {
    return gated.plusTwo(x);
  }

  /** What rule-based routing may cost at most: one evaluation of the bound context, then the direct call. */
  @Benchmark
  public int directPlusEvaluation() {
    return Turnout.isEnabled("typical-flag") ? gated.plusTwo(x) : gated.plusOne(x);
  }

  /** A gate whose flag serves off to everyone. */
  @Benchmark
  public int gatedOff() {
    return gated.offGate(x);
  }

  /** A gate whose flag serves on to everyone. */
  @Benchmark
  public int gatedOn() {
    return gated.onGate(x);
  }

  /** A gate whose flag evaluates its rule for the bound context ({@code plan: pro}). */
  @Benchmark
  public int gatedRule() {
    return gated.ruleGate(x);
  }
}
