package dev.turnout.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.GatedCall;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TurnoutOpenTelemetryTest {

  private static final String CATALOG = """
      flags:
        new-checkout:
          default: off
          rules:
            - when: { attribute: plan, op: in, values: [pro] }
              serve: on
        switched-off:
          enabled: false
          default: on
        everyone:
          percentage: 100
        banner-color:
          variants: { red: "#c05543", blue: "#3050c0" }
          default: red
        limit:
          variants: { low: 10, high: 1000 }
          default: high
      """;

  private final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
  private OpenTelemetrySdk sdk;
  private FlagEngine engine;

  @BeforeEach
  void setUp() {
    sdk = OpenTelemetrySdk.builder()
        .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build())
        .setTracerProvider(SdkTracerProvider.builder().build())
        .build();
    engine = FlagEngine.builder().source(CatalogSource.of("flags.yaml", CATALOG)).watch(false).environment(null)
        .requireValidCatalog().build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    sdk.close();
  }

  private List<LogRecordData> events() {
    return exporter.getFinishedLogRecordItems();
  }

  @Test
  void nothingIsEmittedUntilTheListenerIsAddedNorAfterItIsRemoved() {
    TurnoutOpenTelemetry listener = TurnoutOpenTelemetry.create(sdk);
    engine.isEnabled("new-checkout", EvaluationContext.of("u1"));
    assertThat(events()).isEmpty();

    engine.addListener(listener);
    engine.isEnabled("new-checkout", EvaluationContext.of("u1"));
    assertThat(events()).hasSize(1);

    engine.removeListener(listener);
    engine.isEnabled("new-checkout", EvaluationContext.of("u1"));
    assertThat(events()).hasSize(1);
  }

  @Test
  void anEvaluationIsAFeatureFlagEvaluationEventWithTheConventionsAttributes() {
    engine.addListener(TurnoutOpenTelemetry.create(sdk));

    engine.isEnabled("new-checkout", EvaluationContext.of("user-42").with("plan", "pro"));

    assertThat(events()).hasSize(1);
    LogRecordData event = events().get(0);
    assertThat(event.getEventName()).isEqualTo("feature_flag.evaluation");
    assertThat(event.getInstrumentationScopeInfo().getName()).isEqualTo("dev.turnout.opentelemetry");
    assertThat(event.getAttributes()).isEqualTo(Attributes.builder()
        .put("feature_flag.key", "new-checkout")
        .put("feature_flag.provider.name", "Turnout")
        .put("feature_flag.result.variant", "on")
        .put("feature_flag.result.reason", "targeting_match")
        .put("feature_flag.context.id", "user-42")
        .build());
  }

  @Test
  void eachReasonMapsToTheConventionsReason() {
    engine.addListener(TurnoutOpenTelemetry.create(sdk));
    EvaluationContext free = EvaluationContext.of("u7").with("plan", "free");

    engine.evaluate("new-checkout", free);
    engine.evaluate("switched-off", free);
    engine.evaluate("everyone", free);

    assertThat(events()).extracting(e -> e.getAttributes().get(AttributeKey.stringKey("feature_flag.result.reason")),
        e -> e.getAttributes().get(AttributeKey.stringKey("feature_flag.result.variant")))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("default", "off"),
            org.assertj.core.groups.Tuple.tuple("disabled", "off"),
            org.assertj.core.groups.Tuple.tuple("split", "on"));
    assertThat(TurnoutOpenTelemetry.reason(Evaluation.Reason.STATIC)).isEqualTo("static");
  }

  @Test
  void anUnknownFlagIsAnErrorOfTypeFlagNotFoundWithoutVariant() {
    engine.addListener(TurnoutOpenTelemetry.create(sdk));

    engine.isEnabled("no-such-flag", EvaluationContext.anonymous());

    Attributes attributes = events().get(0).getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("feature_flag.key"))).isEqualTo("no-such-flag");
    assertThat(attributes.get(AttributeKey.stringKey("feature_flag.result.reason"))).isEqualTo("error");
    assertThat(attributes.get(AttributeKey.stringKey("error.type"))).isEqualTo("flag_not_found");
    assertThat(attributes.get(AttributeKey.stringKey("feature_flag.result.variant"))).isNull();
    assertThat(attributes.get(AttributeKey.stringKey("feature_flag.context.id"))).as("anonymous").isNull();
  }

  @Test
  void anEvaluationErrorIsAGeneralErrorWithAMessage() {
    TurnoutOpenTelemetry listener = TurnoutOpenTelemetry.create(sdk);

    listener.onEvaluation(Evaluation.of("broken", "off", false, Evaluation.Reason.ERROR, -1, false),
        EvaluationContext.of("u1"));

    Attributes attributes = events().get(0).getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("error.type"))).isEqualTo("general");
    assertThat(attributes.get(AttributeKey.stringKey("error.message"))).contains("off variant");
    assertThat(attributes.get(AttributeKey.stringKey("feature_flag.result.reason"))).isEqualTo("error");
  }

  @Test
  void valuesAreRecordedOnlyWhenAskedForWithTheirType() {
    engine.addListener(TurnoutOpenTelemetry.create(sdk));
    engine.evaluate("banner-color", EvaluationContext.of("u1"));
    assertThat(events().get(0).getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
        .doesNotContain("feature_flag.result.value");

    engine.addListener(TurnoutOpenTelemetry.builder(sdk).providerName("shop flags").recordValues(true).build());
    exporter.reset();
    engine.evaluate("banner-color", EvaluationContext.of("u1"));
    engine.evaluate("limit", EvaluationContext.of("u1"));
    engine.evaluate("everyone", EvaluationContext.of("u1"));

    List<LogRecordData> withValues = events().stream()
        .filter(e -> "shop flags".equals(e.getAttributes().get(AttributeKey.stringKey("feature_flag.provider.name"))))
        .toList();
    assertThat(withValues).hasSize(3);
    assertThat(withValues.get(0).getAttributes().get(AttributeKey.stringKey("feature_flag.result.value")))
        .isEqualTo("#c05543");
    assertThat(withValues.get(1).getAttributes().get(AttributeKey.longKey("feature_flag.result.value")))
        .isEqualTo(1000L);
    assertThat(withValues.get(2).getAttributes().get(AttributeKey.booleanKey("feature_flag.result.value")))
        .isTrue();
  }

  @Test
  void aGatedCallNamesTheMethodItsSourceAndTheTrackThatRan() {
    TurnoutOpenTelemetry listener = TurnoutOpenTelemetry.create(sdk);
    Evaluation on = engine.evaluate("new-checkout", EvaluationContext.of("u1").with("plan", "pro"));

    listener.onGate(GatedCall.of("com.example.Shop$Basket", "total", "new-checkout", 1, "newTotal",
        "com/example/Shop.java", 42), on, EvaluationContext.of("u1"));
    listener.onGate(GatedCall.of("com.example.Shop", "price", "new-checkout", 0, "price", null, 0), on,
        EvaluationContext.of("u1"));

    Attributes alternate = events().get(0).getAttributes();
    assertThat(events().get(0).getEventName()).isEqualTo("feature_flag.evaluation");
    assertThat(alternate.get(AttributeKey.stringKey("feature_flag.key"))).isEqualTo("new-checkout");
    assertThat(alternate.get(AttributeKey.stringKey("code.function.name"))).isEqualTo("com.example.Shop$Basket.total");
    assertThat(alternate.get(AttributeKey.stringKey("code.file.path"))).isEqualTo("com/example/Shop.java");
    assertThat(alternate.get(AttributeKey.longKey("code.line.number"))).isEqualTo(42L);
    assertThat(alternate.get(AttributeKey.stringKey("turnout.gate.track"))).isEqualTo("alternate");
    assertThat(alternate.get(AttributeKey.longKey("turnout.gate.track.index"))).isEqualTo(1L);
    assertThat(alternate.get(AttributeKey.stringKey("turnout.gate.track.function.name")))
        .isEqualTo("com.example.Shop$Basket.newTotal");

    Attributes original = events().get(1).getAttributes();
    assertThat(original.get(AttributeKey.stringKey("turnout.gate.track"))).isEqualTo("original");
    assertThat(original.get(AttributeKey.stringKey("code.file.path"))).as("unknown").isNull();
    assertThat(original.get(AttributeKey.longKey("code.line.number"))).as("unknown").isNull();
  }

  @Test
  void anEvaluationInsideASpanCarriesItsTraceContext() {
    engine.addListener(TurnoutOpenTelemetry.create(sdk));
    Span span = sdk.getTracer("test").spanBuilder("checkout").startSpan();
    Scope current = span.makeCurrent();
    try {
      engine.isEnabled("new-checkout", EvaluationContext.of("u1"));
    } finally {
      current.close();
      span.end();
    }

    assertThat(events().get(0).getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(events().get(0).getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> TurnoutOpenTelemetry.create(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("openTelemetry");
    assertThatThrownBy(() -> TurnoutOpenTelemetry.builder(sdk).providerName(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider name");
  }
}
