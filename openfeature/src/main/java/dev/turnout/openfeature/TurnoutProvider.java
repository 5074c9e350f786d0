package dev.turnout.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.turnout.CatalogChange;
import dev.turnout.Evaluation;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.TurnoutListener;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.ext.EngineCatalog;
import dev.turnout.openfeature.internal.Convert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An OpenFeature provider that evaluates with a Turnout {@link FlagEngine}: applications written against
 * the OpenFeature API get Turnout's catalog, rules and hot reload.
 *
 * <pre>{@code
 * OpenFeatureAPI.getInstance().setProviderAndWait(new TurnoutProvider());   // Turnout.engine()
 * Client client = OpenFeatureAPI.getInstance().getClient();
 * boolean on = client.getBooleanValue("new-checkout", false,
 *     new ImmutableContext("user-42", Map.of("plan", new Value("pro"))));
 * }</pre>
 *
 * <p>Boolean, string, integer, double and object evaluations return the variant's catalog value, the
 * variant, and the reason ({@code TARGETING_MATCH}, {@code SPLIT}, {@code DEFAULT}, {@code DISABLED}).
 * A key the catalog lacks returns the caller's default with {@code FLAG_NOT_FOUND}; a value of another
 * type, {@code TYPE_MISMATCH}; an internal failure, {@code GENERAL}: each with reason {@code ERROR}.
 * The flag's catalog metadata (description, owner, ticket, kind, tags, created, expires) and the catalog
 * version travel as flag metadata. Each catalog applied emits {@code PROVIDER_CONFIGURATION_CHANGED} with
 * the keys of the flags added, removed or modified. The OpenFeature context's targeting key and its scalar
 * attributes (strings, numbers, booleans, instants) become Turnout's context.
 */
public final class TurnoutProvider extends EventProvider {

  /** The provider's name in OpenFeature's metadata. */
  public static final String NAME = "turnout";

  private final FlagEngine engine;
  private final TurnoutListener listener = new TurnoutListener() {
    @Override
    public void onCatalogChange(CatalogChange change) {
      changed(change);
    }
  };
  private volatile Map<String, ImmutableMetadata> metadata = new ConcurrentHashMap<>();
  private volatile Catalog metadataOf;

  /** A provider for the JVM-wide engine, {@link Turnout#engine()}. */
  public TurnoutProvider() {
    this(Turnout.engine());
  }

  /** A provider for the given engine. */
  public TurnoutProvider(FlagEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The engine this provider evaluates with. */
  public FlagEngine engine() {
    return engine;
  }

  @Override
  public Metadata getMetadata() {
    return () -> NAME;
  }

  /** Starts following catalog changes (a listener that costs evaluations nothing). */
  @Override
  public void initialize(EvaluationContext evaluationContext) {
    engine.addListener(listener);
  }

  @Override
  public void shutdown() {
    engine.removeListener(listener);
    super.shutdown();
  }

  private void changed(CatalogChange change) {
    TreeSet<String> keys = new TreeSet<>(change.added());
    keys.addAll(change.removed());
    keys.addAll(change.modified());
    emitProviderConfigurationChanged(ProviderEventDetails.builder().flagsChanged(new ArrayList<>(keys))
        .message("catalog " + change.source() + " version " + change.version()).build());
  }

  @Override
  public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
    return evaluate(key, defaultValue, ctx, "boolean", v -> v instanceof Boolean b ? b : null);
  }

  @Override
  public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
    return evaluate(key, defaultValue, ctx, "string", v -> v instanceof String s ? s : null);
  }

  @Override
  public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
    return evaluate(key, defaultValue, ctx, "integer", v -> v instanceof Long l && l == l.intValue() ? l.intValue()
        : v instanceof Integer i ? i : null);
  }

  @Override
  public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
    return evaluate(key, defaultValue, ctx, "double", v -> v instanceof Number n ? n.doubleValue() : null);
  }

  @Override
  public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
    return evaluate(key, defaultValue, ctx, "object", Convert::value);
  }

  private <T> ProviderEvaluation<T> evaluate(String key, T defaultValue, EvaluationContext ctx, String type,
      Function<Object, T> convert) {
    Evaluation e = engine.evaluate(key, Convert.context(ctx));
    ProviderEvaluation.ProviderEvaluationBuilder<T, ?, ?> result = ProviderEvaluation.<T>builder()
        .flagMetadata(metadata(key));
    switch (e.reason()) {
      case FLAG_NOT_FOUND:
        return result.value(defaultValue).reason(Reason.ERROR.name()).errorCode(ErrorCode.FLAG_NOT_FOUND)
            .errorMessage("flag '" + key + "' is not in the catalog " + engine.source().name()).build();
      case ERROR:
        return result.value(defaultValue).variant(e.variant()).reason(Reason.ERROR.name())
            .errorCode(ErrorCode.GENERAL).errorMessage("evaluating flag '" + key + "' failed inside Turnout").build();
      default:
        break;
    }
    T value = convert.apply(e.value());
    if (value == null) {
      return result.value(defaultValue).variant(e.variant()).reason(Reason.ERROR.name())
          .errorCode(ErrorCode.TYPE_MISMATCH).errorMessage("flag '" + key + "' serves " + describe(e.value())
              + " (variant '" + e.variant() + "'), not a " + type + " value").build();
    }
    return result.value(value).variant(e.variant()).reason(Convert.reason(e.reason()).name()).build();
  }

  private static String describe(Object value) {
    return value == null ? "no value" : value.getClass().getSimpleName() + " " + value;
  }

  private ImmutableMetadata metadata(String key) {
    Catalog catalog = EngineCatalog.of(engine);
    if (catalog == null) {
      return ImmutableMetadata.EMPTY;
    }
    if (catalog != metadataOf) {
      metadata = new ConcurrentHashMap<>();
      metadataOf = catalog;
    }
    Catalog.Flag flag = catalog.flags().get(key);
    return flag == null ? ImmutableMetadata.EMPTY
        : metadata.computeIfAbsent(key, k -> Convert.metadata(flag, engine.catalogVersion()));
  }

  /** The keys of the flags in force, for tools that list them. */
  public List<String> flagKeys() {
    return List.copyOf(engine.flagKeys());
  }
}
