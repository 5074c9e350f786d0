package dev.turnout.opentelemetry;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.GatedCall;
import dev.turnout.TurnoutListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import java.util.Objects;

/**
 * Emits an OpenTelemetry {@code feature_flag.evaluation} event for every flag evaluation, following the
 * semantic conventions for feature flags: {@code feature_flag.key}, {@code feature_flag.result.variant},
 * {@code feature_flag.result.reason}, {@code feature_flag.provider.name}, {@code feature_flag.context.id},
 * {@code error.type} when the flag is unknown or its evaluation failed, and, when asked for,
 * {@code feature_flag.result.value}. For a method gated by the agent the event also names the method
 * ({@code code.function.name}, {@code code.file.path}, {@code code.line.number}, from the annotation
 * processor's registry) and the track that ran ({@code turnout.gate.track} and the method of that track).
 *
 * <p>Off by default: nothing is emitted, and evaluation costs nothing more, until the listener is added to an
 * engine. Enabling it is one line:
 *
 * <pre>{@code
 * Turnout.engine().addListener(TurnoutOpenTelemetry.create(openTelemetry));
 * }</pre>
 *
 * <p>Events go through the Logs API of the {@link OpenTelemetry} instance given (the application's SDK and
 * exporters), on the thread that evaluated, so they carry the current span's trace context. While the
 * listener is registered every evaluation and every gated call is evaluated and emitted, so gates no longer
 * fold flags served alike to everyone into constants: the price of one event per evaluation.
 */
public final class TurnoutOpenTelemetry implements TurnoutListener {

  /** The event name the semantic conventions give a flag evaluation. */
  public static final String EVENT_NAME = "feature_flag.evaluation";
  /** The instrumentation scope of the events. */
  public static final String SCOPE = "dev.turnout.opentelemetry";

  static final AttributeKey<String> KEY = AttributeKey.stringKey("feature_flag.key");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("feature_flag.provider.name");
  static final AttributeKey<String> VARIANT = AttributeKey.stringKey("feature_flag.result.variant");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("feature_flag.result.reason");
  static final AttributeKey<String> CONTEXT_ID = AttributeKey.stringKey("feature_flag.context.id");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> ERROR_MESSAGE = AttributeKey.stringKey("error.message");
  static final String VALUE = "feature_flag.result.value";
  static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<String> FILE = AttributeKey.stringKey("code.file.path");
  static final AttributeKey<Long> LINE = AttributeKey.longKey("code.line.number");
  static final AttributeKey<String> TRACK = AttributeKey.stringKey("turnout.gate.track");
  static final AttributeKey<Long> TRACK_INDEX = AttributeKey.longKey("turnout.gate.track.index");
  static final AttributeKey<String> TRACK_FUNCTION = AttributeKey.stringKey("turnout.gate.track.function.name");

  private final Logger logger;
  private final String providerName;
  private final boolean values;

  private TurnoutOpenTelemetry(Builder b) {
    this.logger = b.openTelemetry.getLogsBridge().loggerBuilder(SCOPE).build();
    this.providerName = b.providerName;
    this.values = b.values;
  }

  /** A listener that emits through {@code openTelemetry}'s logger provider, with the default settings. */
  public static TurnoutOpenTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** A builder, for the provider name and the opt-in flag values. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /** A flag evaluated by the application's code (not by a gate). */
  @Override
  public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
    evaluationEvent(evaluation, context).emit();
  }

  /** A gated method's evaluation, with the method and the track that ran. */
  @Override
  public void onGate(GatedCall call, Evaluation evaluation, EvaluationContext context) {
    LogRecordBuilder event = evaluationEvent(evaluation, context);
    event.setAttribute(FUNCTION, call.className() + "." + call.methodName());
    if (call.sourceFile() != null) {
      event.setAttribute(FILE, call.sourceFile());
    }
    if (call.line() > 0) {
      event.setAttribute(LINE, (long) call.line());
    }
    event.setAttribute(TRACK, call.isOriginal() ? "original" : "alternate");
    event.setAttribute(TRACK_INDEX, (long) call.track());
    if (call.trackMethod() != null) {
      event.setAttribute(TRACK_FUNCTION, call.className() + "." + call.trackMethod());
    }
    event.emit();
  }

  private LogRecordBuilder evaluationEvent(Evaluation evaluation, EvaluationContext context) {
    LogRecordBuilder event = logger.logRecordBuilder().setEventName(EVENT_NAME);
    event.setAttribute(KEY, evaluation.flagKey());
    event.setAttribute(PROVIDER, providerName);
    if (evaluation.variant() != null) {
      event.setAttribute(VARIANT, evaluation.variant());
    }
    event.setAttribute(REASON, reason(evaluation.reason()));
    String id = context == null ? null : context.targetingKey();
    if (id != null && !id.isEmpty()) {
      event.setAttribute(CONTEXT_ID, id);
    }
    if (evaluation.reason() == Evaluation.Reason.FLAG_NOT_FOUND) {
      event.setAttribute(ERROR_TYPE, "flag_not_found");
    } else if (evaluation.reason() == Evaluation.Reason.ERROR) {
      event.setAttribute(ERROR_TYPE, "general");
      event.setAttribute(ERROR_MESSAGE, "evaluation failed inside Turnout; the flag's off variant is served");
    }
    if (values && evaluation.value() != null) {
      value(event, evaluation.value());
    }
    return event;
  }

  /** The semantic conventions' reason for each of Turnout's. */
  static String reason(Evaluation.Reason reason) {
    switch (reason) {
      case DISABLED:
        return "disabled";
      case TARGETING_MATCH:
        return "targeting_match";
      case SPLIT:
        return "split";
      case DEFAULT:
        return "default";
      case STATIC:
        return "static";
      case FLAG_NOT_FOUND:
      case ERROR:
        return "error";
      default:
        return "unknown";
    }
  }

  /** The value with its own type where the attribute API has one; lists and maps as their text. */
  private static void value(LogRecordBuilder event, Object value) {
    if (value instanceof Boolean b) {
      event.setAttribute(AttributeKey.booleanKey(VALUE), b);
    } else if (value instanceof Long l) {
      event.setAttribute(AttributeKey.longKey(VALUE), l);
    } else if (value instanceof Double d) {
      event.setAttribute(AttributeKey.doubleKey(VALUE), d);
    } else {
      event.setAttribute(AttributeKey.stringKey(VALUE), String.valueOf(value));
    }
  }

  /** Settings of a {@link TurnoutOpenTelemetry}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private String providerName = "Turnout";
    private boolean values;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /** The {@code feature_flag.provider.name} of every event; {@code Turnout} unless set. */
    public Builder providerName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("the provider name must not be blank");
      }
      this.providerName = name;
      return this;
    }

    /**
     * Also records {@code feature_flag.result.value}: off by default, as the conventions advise when the
     * variant names the value (values may be large or sensitive). Booleans, whole numbers and decimals keep
     * their type; strings, lists and maps are recorded as text.
     */
    public Builder recordValues(boolean on) {
      this.values = on;
      return this;
    }

    /** The listener; add it to an engine with {@code engine.addListener(...)}. */
    public TurnoutOpenTelemetry build() {
      return new TurnoutOpenTelemetry(this);
    }
  }
}
