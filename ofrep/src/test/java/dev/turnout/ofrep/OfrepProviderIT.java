package dev.turnout.ofrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.FlagEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenFeature's own OFREP provider for Java (dev.openfeature.contrib.providers:ofrep), a client we did not
 * write, evaluates the sample application's catalog over HTTP against {@link OfrepServer}: the answers are
 * the engine's, in-process. The provider keeps no cache (each evaluation is a request), so a catalog change
 * applies to the next evaluation.
 */
class OfrepProviderIT {

  private static final String DOMAIN = "turnout-ofrep-it";

  @TempDir
  static Path dir;
  private static Path catalog;
  private static String sampleText;
  private static FlagEngine engine;
  private static OfrepServer server;
  private static Client client;

  @BeforeAll
  static void start() throws Exception {
    Path sample = Path.of(System.getProperty("turnout.sample.catalog", "../sample-app/flags.yaml"));
    sampleText = Files.readString(sample);
    catalog = dir.resolve("flags.yaml"); // a copy, so that the kill switch can be flipped
    Files.writeString(catalog, sampleText);
    engine = FlagEngine.builder().source(CatalogSource.file(catalog)).environment(null).watch(false).build();
    server = OfrepServer.start(new OfrepService(engine), 0);
    OfrepProvider provider = OfrepProvider.constructProvider(
        OfrepProviderOptions.builder().baseUrl(server.baseUri().toString()).build());
    OpenFeatureAPI.getInstance().setProviderAndWait(DOMAIN, provider);
    client = OpenFeatureAPI.getInstance().getClient(DOMAIN);
  }

  @AfterAll
  static void stop() {
    OpenFeatureAPI.getInstance().shutdown();
    server.close();
    engine.close();
  }

  private static List<Map<String, Value>> contexts() {
    List<Map<String, Value>> contexts = new ArrayList<>();
    contexts.add(attributes("alice", "email", new Value("alice@example.com"), "seats", new Value(12)));
    contexts.add(attributes("bob", "email", new Value("bob@partner.org"), "beta", new Value(true)));
    contexts.add(attributes("carol", "email", new Value("carol@EXAMPLE.com.evil"), "ratio", new Value(0.5)));
    for (int i = 0; i < 30; i++) {
      contexts.add(attributes("user-" + i));
    }
    contexts.add(attributes(null, "email", new Value("anonymous@example.com")));
    return contexts;
  }

  private static Map<String, Value> attributes(String targetingKey, Object... pairs) {
    Map<String, Value> map = new LinkedHashMap<>();
    if (targetingKey != null) {
      map.put(EvaluationContext.TARGETING_KEY, new Value(targetingKey));
    }
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Value) pairs[i + 1]);
    }
    return map;
  }

  private static ImmutableContext openFeature(Map<String, Value> attributes) {
    Value key = attributes.get(EvaluationContext.TARGETING_KEY);
    Map<String, Value> rest = new HashMap<>(attributes);
    rest.remove(EvaluationContext.TARGETING_KEY);
    return key == null ? new ImmutableContext(rest) : new ImmutableContext(key.asString(), rest);
  }

  /** Turnout's context for the same attributes, built by hand as an application would. */
  private static dev.turnout.EvaluationContext turnout(Map<String, Value> attributes) {
    Value key = attributes.get(EvaluationContext.TARGETING_KEY);
    dev.turnout.EvaluationContext ctx = dev.turnout.EvaluationContext.of(key == null ? null : key.asString());
    for (Map.Entry<String, Value> e : attributes.entrySet()) {
      Value v = e.getValue();
      if (e.getKey().equals(EvaluationContext.TARGETING_KEY)) {
        continue;
      } else if (v.isString()) {
        ctx = ctx.with(e.getKey(), v.asString());
      } else if (v.isBoolean()) {
        ctx = ctx.with(e.getKey(), v.asBoolean().booleanValue());
      } else if (v.isNumber()) {
        ctx = ctx.with(e.getKey(), (Number) v.asObject());
      }
    }
    return ctx;
  }

  @Test
  void everySampleFlagAnswersAsTheEngineDoesInProcess() {
    Set<String> keys = engine.flagKeys();
    assertThat(keys).contains("product-TASKS-103-comments", "api-count-field", "disable-registration", "log-level",
        "task-form-experiment");
    Set<String> reasons = new HashSet<>();
    Set<String> experimentVariants = new HashSet<>();
    int checked = 0;
    for (Map<String, Value> attributes : contexts()) {
      ImmutableContext ofContext = openFeature(attributes);
      for (String key : keys) {
        Evaluation expected = engine.evaluate(key, turnout(attributes));
        FlagEvaluationDetails<?> actual = expected.value() instanceof Boolean
            ? client.getBooleanDetails(key, !(Boolean) expected.value(), ofContext)
            : client.getStringDetails(key, "fallback", ofContext);
        String what = key + " for " + attributes;
        assertThat(actual.getErrorCode()).as(what).isNull();
        assertThat(actual.getValue()).as(what).isEqualTo(expected.value());
        assertThat(actual.getVariant()).as(what).isEqualTo(expected.variant());
        assertThat(actual.getReason()).as(what).isEqualTo(expected.reason().name());
        assertThat(actual.getFlagMetadata().getString("owner")).as(what).endsWith("-team");
        reasons.add(actual.getReason());
        if (key.equals("task-form-experiment")) {
          experimentVariants.add(actual.getVariant());
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(contexts().size() * keys.size());
    assertThat(reasons).as("the contexts reach every kind of answer")
        .containsExactlyInAnyOrder("TARGETING_MATCH", "SPLIT", "DEFAULT", "DISABLED");
    assertThat(experimentVariants).containsExactlyInAnyOrder("classic", "compact", "guided");
  }

  @Test
  void specificAnswersOfTheSample() {
    ImmutableContext alice = new ImmutableContext("alice", Map.of("email", new Value("alice@example.com")));
    ImmutableContext bob = new ImmutableContext("bob", Map.of("email", new Value("bob@partner.org")));

    FlagEvaluationDetails<Boolean> comments = client.getBooleanDetails("product-TASKS-103-comments", false, alice);
    assertThat(comments.getValue()).isTrue();
    assertThat(comments.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
    assertThat(comments.getFlagMetadata().getString("ticket")).isEqualTo("TASKS-103");
    assertThat(comments.getFlagMetadata().getString("expires")).isEqualTo("2027-06-30");
    assertThat(client.getBooleanValue("product-TASKS-103-comments", true, bob)).isFalse();
    assertThat(client.getBooleanValue("api-count-field", false, bob)).isTrue();
    assertThat(client.getBooleanValue("api-count-field", true, alice)).isFalse();
    assertThat(client.getStringValue("log-level", "fallback", alice)).isEqualTo("INFO");
  }

  @Test
  void anUnknownFlagIsFlagNotFoundWithTheCallersDefault() {
    FlagEvaluationDetails<Boolean> missing = client.getBooleanDetails("no-such-flag", true, new ImmutableContext("alice"));
    assertThat(missing.getValue()).isTrue();
    assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(missing.getReason()).isEqualTo(Reason.ERROR.name());
  }

  @Test
  void aValueOfAnotherTypeIsATypeMismatch() {
    FlagEvaluationDetails<Boolean> mismatch = client.getBooleanDetails("log-level", false, new ImmutableContext("alice"));
    assertThat(mismatch.getValue()).isFalse();
    assertThat(mismatch.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void theKillSwitchFlippedAppliesToTheNextEvaluation() throws Exception {
    ImmutableContext ctx = new ImmutableContext("alice");
    FlagEvaluationDetails<Boolean> before = client.getBooleanDetails("disable-registration", true, ctx);
    assertThat(before.getValue()).isFalse();
    assertThat(before.getReason()).isEqualTo(Reason.DISABLED.name());

    assertThat(sampleText.split("enabled: false", -1)).as("the sample's kill switch is its one `enabled: false`").hasSize(2);
    try {
      Files.writeString(catalog, sampleText.replace("enabled: false", "enabled: true"));
      assertThat(engine.reload()).isTrue();

      FlagEvaluationDetails<Boolean> after = client.getBooleanDetails("disable-registration", false, ctx);
      assertThat(after.getValue()).isTrue();
      assertThat(after.getVariant()).isEqualTo("on");
      assertThat(after.getReason()).isEqualTo(Reason.DEFAULT.name());
    } finally {
      Files.writeString(catalog, sampleText);
      engine.reload();
    }
    assertThat(client.getBooleanValue("disable-registration", true, ctx)).isFalse();
  }
}
