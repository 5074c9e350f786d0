package dev.turnout.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.turnout.FlagEngine;
import dev.turnout.testkit.MutableSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnoutProviderTest {

  static final String CATALOG = """
      flags:
        new-checkout:
          description: The new checkout page
          owner: checkout-team
          ticket: SHOP-12
          kind: release
          tags: [web, checkout]
          expires: 2999-01-01
          default: off
          allow: [ann]
        checkout-flow:
          variants: [v1, v2, v3]
          default: v1
          rules:
            - when: { attribute: plan, op: equals, values: [pro] }
              serve: v2
        max-items:
          variants: { small: 10, large: 100, huge: 10000000000 }
          default: small
          rules:
            - when: { attribute: seats, op: gte, values: [1000] }
              serve: huge
            - when: { attribute: seats, op: gte, values: [50] }
              serve: large
        ratio:
          variants: { low: 0.25, high: 0.75 }
          default: high
        banner:
          variants:
            plain: { text: Hello, colours: [red, blue], size: 3 }
          default: plain
        everyone:
          percentage: 100
        killed:
          enabled: false
      """;
  private final MutableSource source = new MutableSource("of.yaml", CATALOG);
  private final FlagEngine engine = FlagEngine.builder().source(source).watch(false).environment(null)
      .requireValidCatalog().build();
  private final OpenFeatureAPI api = OpenFeatureAPI.getInstance();
  private final String domain = "turnout-" + System.nanoTime();

  private Client client() {
    api.setProviderAndWait(domain, new TurnoutProvider(engine));
    return api.getClient(domain);
  }

  @AfterEach
  void shutdown() {
    api.shutdown();
  }

  private static ImmutableContext user(String key, Map<String, Value> attributes) {
    return new ImmutableContext(key, attributes);
  }

  @Test
  void booleanEvaluationsCarryVariantReasonAndTheFlagsMetadata() {
    Client client = client();

    FlagEvaluationDetails<Boolean> ann = client.getBooleanDetails("new-checkout", false, user("ann", Map.of()));
    FlagEvaluationDetails<Boolean> bob = client.getBooleanDetails("new-checkout", true, user("bob", Map.of()));

    assertThat(ann.getValue()).isTrue();
    assertThat(ann.getVariant()).isEqualTo("on");
    assertThat(ann.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
    assertThat(ann.getErrorCode()).isNull();
    assertThat(ann.getFlagMetadata().getString("owner")).isEqualTo("checkout-team");
    assertThat(ann.getFlagMetadata().getString("ticket")).isEqualTo("SHOP-12");
    assertThat(ann.getFlagMetadata().getString("kind")).isEqualTo("release");
    assertThat(ann.getFlagMetadata().getString("tags")).isEqualTo("web,checkout");
    assertThat(ann.getFlagMetadata().getString("expires")).isEqualTo("2999-01-01");
    assertThat(ann.getFlagMetadata().getLong("catalogVersion")).isEqualTo(1L);
    assertThat(bob.getValue()).isFalse();
    assertThat(bob.getReason()).isEqualTo(Reason.DEFAULT.name());
    assertThat(client.getBooleanDetails("everyone", false, user("cy", Map.of())).getReason())
        .isEqualTo(Reason.SPLIT.name());
    FlagEvaluationDetails<Boolean> killed = client.getBooleanDetails("killed", true, user("cy", Map.of()));
    assertThat(killed.getValue()).isFalse();
    assertThat(killed.getReason()).isEqualTo(Reason.DISABLED.name());
  }

  @Test
  void stringIntegerDoubleAndObjectEvaluationsWithContextAttributes() {
    Client client = client();

    assertThat(client.getStringValue("checkout-flow", "none", user("u", Map.of("plan", new Value("pro")))))
        .isEqualTo("v2");
    assertThat(client.getStringValue("checkout-flow", "none", user("u", Map.of()))).isEqualTo("v1");
    assertThat(client.getIntegerValue("max-items", 0, user("u", Map.of("seats", new Value(60))))).isEqualTo(100);
    assertThat(client.getDoubleValue("max-items", 0.0, user("u", Map.of("seats", new Value(60.0))))).isEqualTo(100.0);
    assertThat(client.getDoubleValue("ratio", 0.0)).isEqualTo(0.75);
    Value banner = client.getObjectValue("banner", new Value());
    assertThat(banner.asStructure().getValue("text").asString()).isEqualTo("Hello");
    assertThat(banner.asStructure().getValue("colours").asList()).extracting(Value::asString)
        .containsExactly("red", "blue");
    assertThat(banner.asStructure().getValue("size").asInteger()).isEqualTo(3);
  }

  @Test
  void unknownFlagsAndTypeMismatchesReturnTheCallersDefaultWithAnErrorCode() {
    Client client = client();

    FlagEvaluationDetails<Boolean> missing = client.getBooleanDetails("new-chekout", true);
    FlagEvaluationDetails<Integer> wrongType = client.getIntegerDetails("checkout-flow", 7);
    FlagEvaluationDetails<Integer> tooBig = client.getIntegerDetails("max-items", 7,
        user("u", Map.of("seats", new Value(5000))));

    assertThat(missing.getValue()).isTrue();
    assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(missing.getReason()).isEqualTo(Reason.ERROR.name());
    assertThat(wrongType.getValue()).isEqualTo(7);
    assertThat(wrongType.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(wrongType.getErrorMessage()).contains("serves String v1 (variant 'v1'), not a integer value");
    assertThat(tooBig.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(client.getBooleanDetails("checkout-flow", false).getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void eachCatalogAppliedEmitsConfigurationChangedWithTheChangedKeys() throws Exception {
    Client client = client();
    BlockingQueue<List<String>> changed = new LinkedBlockingQueue<>();
    client.on(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED, details -> changed.add(details.getFlagsChanged()));

    source.set(CATALOG.replace("default: high", "default: low").replace("  killed:\n    enabled: false\n", "")
        + "  dark-mode: { default: on }\n");
    assertThat(engine.reload()).isTrue();

    assertThat(changed.poll(10, TimeUnit.SECONDS)).containsExactly("dark-mode", "killed", "ratio");
    assertThat(client.getDoubleValue("ratio", 0.0)).isEqualTo(0.25);
    assertThat(api.getProviderMetadata(domain).getName()).isEqualTo(TurnoutProvider.NAME);
  }
}
