package dev.turnout.openfeature.internal;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.ext.FlagMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between OpenFeature and Turnout. */
public final class Convert {

  private Convert() {}

  /** Turnout's context for an OpenFeature one: its targeting key and scalar attributes (others are skipped). */
  public static EvaluationContext context(dev.openfeature.sdk.EvaluationContext of) {
    if (of == null) {
      return EvaluationContext.anonymous();
    }
    String key = of.getTargetingKey();
    EvaluationContext ctx = EvaluationContext.of(key == null || key.isEmpty() ? null : key);
    for (Map.Entry<String, Value> e : of.asMap().entrySet()) {
      String name = e.getKey();
      Value v = e.getValue();
      if (dev.openfeature.sdk.EvaluationContext.TARGETING_KEY.equals(name) || v == null || v.isNull()) {
        continue;
      }
      if (v.isBoolean()) {
        ctx = ctx.with(name, v.asBoolean().booleanValue());
      } else if (v.isString()) {
        ctx = ctx.with(name, v.asString());
      } else if (v.isNumber()) {
        ctx = ctx.with(name, (Number) v.asObject());
      } else if (v.isInstant()) {
        ctx = ctx.with(name, v.asInstant());
      }
    }
    return ctx;
  }

  /**
   * OpenFeature's context for Turnout's: its targeting key, and every attribute (whole numbers that fit an
   * {@code int} as integers, others as they are).
   */
  public static dev.openfeature.sdk.EvaluationContext openFeatureContext(EvaluationContext turnout) {
    Map<String, Value> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : turnout.attributes().entrySet()) {
      Object v = e.getValue();
      Value value;
      if (v instanceof String s) {
        value = new Value(s);
      } else if (v instanceof Boolean b) {
        value = new Value(b);
      } else if (v instanceof Long l) {
        value = l == l.intValue() ? new Value(Integer.valueOf(l.intValue())) : new Value(l);
      } else if (v instanceof Double d) {
        value = new Value(d);
      } else if (v instanceof Instant i) {
        value = new Value(i);
      } else {
        continue;
      }
      attributes.put(e.getKey(), value);
    }
    String key = turnout.targetingKey();
    return key == null ? new ImmutableContext(attributes) : new ImmutableContext(key, attributes);
  }

  /** OpenFeature's reason for Turnout's. */
  public static Reason reason(Evaluation.Reason reason) {
    switch (reason) {
      case DISABLED:
        return Reason.DISABLED;
      case TARGETING_MATCH:
        return Reason.TARGETING_MATCH;
      case SPLIT:
        return Reason.SPLIT;
      case DEFAULT:
        return Reason.DEFAULT;
      default:
        return Reason.ERROR;
    }
  }

  /** Turnout's reason for OpenFeature's reason text (providers may send their own: those are DEFAULT). */
  public static Evaluation.Reason reason(String reason, ErrorCode error) {
    if (error == ErrorCode.FLAG_NOT_FOUND) {
      return Evaluation.Reason.FLAG_NOT_FOUND;
    }
    if (error != null || Reason.ERROR.name().equals(reason)) {
      return Evaluation.Reason.ERROR;
    }
    if (reason == null) {
      return Evaluation.Reason.DEFAULT;
    }
    switch (reason) {
      case "DISABLED":
        return Evaluation.Reason.DISABLED;
      case "TARGETING_MATCH":
        return Evaluation.Reason.TARGETING_MATCH;
      case "SPLIT":
        return Evaluation.Reason.SPLIT;
      default:
        return Evaluation.Reason.DEFAULT;
    }
  }

  /** An OpenFeature value for a catalog value: String, Long, Double, Boolean, or lists and maps of those. */
  public static Value value(Object v) {
    if (v == null) {
      return new Value();
    }
    if (v instanceof Boolean b) {
      return new Value(b);
    }
    if (v instanceof String s) {
      return new Value(s);
    }
    if (v instanceof Long l) {
      return new Value(l);
    }
    if (v instanceof Integer i) {
      return new Value(i);
    }
    if (v instanceof Number n) {
      return new Value(n.doubleValue());
    }
    if (v instanceof Instant i) {
      return new Value(i);
    }
    if (v instanceof List<?> list) {
      List<Value> out = new ArrayList<>();
      list.forEach(item -> out.add(value(item)));
      return new Value(out);
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Value> out = new LinkedHashMap<>();
      map.forEach((k, item) -> out.put(String.valueOf(k), value(item)));
      return new Value(new ImmutableStructure(out));
    }
    return new Value(v.toString());
  }

  /** The flag's catalog metadata (see {@link FlagMetadata}) and the catalog's version. */
  public static ImmutableMetadata metadata(Catalog.Flag flag, long catalogVersion) {
    ImmutableMetadata.ImmutableMetadataBuilder b = ImmutableMetadata.builder();
    FlagMetadata.of(flag).forEach(b::addString);
    b.addLong("catalogVersion", catalogVersion);
    return b.build();
  }
}
