package dev.turnout.bench;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import dev.turnout.TurnoutListener;
import dev.turnout.opentelemetry.TurnoutOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.util.Collection;
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
 * What turnout-opentelemetry costs: an evaluation of the typical flag and gated methods (under the agent, as in
 * {@link GatedBenchmark}) with the module {@code absent} (its classes never loaded), present but {@code off}
 * (an SDK configured and the listener built, not added: must match {@code absent}) and {@code on} (every call
 * emits a {@code feature_flag.evaluation} event through the SDK's batch processor to an exporter that drops it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The SDK's emit path needs longer than Turnout's to compile: with 3 s of warm-up the on rows still measure it
// being compiled (tens of microseconds), with 8 s they are steady.
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-javaagent:target/turnout-agent.jar", "-Xshare:off"})
public class OpenTelemetryBenchmark {

  @Param({"absent", "off", "on"})
  public String events;

  private final Gated gated = new Gated();
  private Turnout.Scope scope;
  private AutoCloseable sdk;
  private TurnoutListener listener;
  public int x = 40;

  @Setup(Level.Trial)
  public void setUp() {
    scope = Turnout.bind(EvaluationContext.of("user-pro").with("plan", "pro"));
    if (!events.equals("absent")) {
      OpenTelemetrySdk otel = sdk();
      sdk = otel;
      listener = TurnoutOpenTelemetry.create(otel);
      if (events.equals("on")) {
        Turnout.engine().addListener(listener);
      }
    }
    if (gated.offGate(x) != x + 1 || gated.ruleGate(x) != x + 2) {
      throw new IllegalStateException("a gate took the wrong track: is the agent on -javaagent?");
    }
  }

  /**
   * An SDK as applications configure it (the batch processor: records queued, exported on its own thread), whose
   * exporter drops every record: the cost of building and emitting events, without I/O.
   */
  private static OpenTelemetrySdk sdk() {
    LogRecordExporter dropAll = new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    return OpenTelemetrySdk.builder()
        .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(BatchLogRecordProcessor.builder(dropAll).build())
            .build())
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (listener != null) {
      Turnout.engine().removeListener(listener);
    }
    if (sdk != null) {
      sdk.close();
    }
    scope.close();
  }

  /** {@code Turnout.isEnabled} of the typical flag (the rule matches the bound context). */
  @Benchmark
  public boolean evaluate() {
    return Turnout.isEnabled("typical-flag");
  }

  /** A gate whose flag serves off to everyone: folded into a constant unless events are on. */
  @Benchmark
  public int gatedOff() {
    return gated.offGate(x);
  }

  /** A gate by the typical flag, evaluated per call. */
  @Benchmark
  public int gatedRule() {
    return gated.ruleGate(x);
  }
}
