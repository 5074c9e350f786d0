package dev.turnout.ofrep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.TurnoutListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfrepServiceTest {

  private static final String CATALOG = """
      flags:
        new-checkout:
          description: The new checkout
          owner: shop-team
          ticket: SHOP-1
          kind: release
          tags: [checkout, web]
          created: 2026-11-01
          expires: 2027-06-30
          default: off
          allow: [vip]
          rules:
            - when: { attribute: plan, op: equals, values: [pro] }
              serve: on
            - when: { attribute: seats, op: gt, values: [10] }
              serve: on
        kill-switch:
          enabled: false
          default: on
        banner:
          variants: { plain: "Hello", fancy: "Hello!" }
          default: plain
        retries:
          variants: { few: 3, many: 10 }
          default: few
        ratio:
          variants: { low: 0.5, high: 1.0 }
          default: high
        limits:
          variants: { small: { size: 1, labels: [a, b], strict: true }, big: { size: 100 } }
          default: small
        experiment:
          variants: [classic, compact]
          default: classic
          rules:
            - serve: { rollout: { classic: 50, compact: 50 } }
      """;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<FlagEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(FlagEngine::close);
  }

  private FlagEngine engine(String yaml) {
    return engine(FlagEngine.builder().source(CatalogSource.of("flags.yaml", yaml)));
  }

  private FlagEngine engine(FlagEngine.Builder builder) {
    FlagEngine engine = builder.environment(null).watch(false).build();
    engines.add(engine);
    return engine;
  }

  private OfrepService service() {
    return new OfrepService(engine(CATALOG));
  }

  private static byte[] body(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(OfrepResponse response) throws IOException {
    assertThat(response.contentType()).isEqualTo("application/json");
    return MAPPER.readTree(response.body());
  }

  @Test
  void aRuleOnAnAttributeIsATargetingMatchWithTheFlagsMetadata() throws IOException {
    OfrepResponse r = service().evaluateFlag("new-checkout",
        body("{\"context\": {\"targetingKey\": \"user-1\", \"plan\": \"pro\"}}"));

    assertThat(r.status()).isEqualTo(200);
    JsonNode b = json(r);
    assertThat(b.get("key").asText()).isEqualTo("new-checkout");
    assertThat(b.get("value").isBoolean()).isTrue();
    assertThat(b.get("value").booleanValue()).isTrue();
    assertThat(b.get("variant").asText()).isEqualTo("on");
    assertThat(b.get("reason").asText()).isEqualTo("TARGETING_MATCH");
    JsonNode m = b.get("metadata");
    assertThat(m.get("description").asText()).isEqualTo("The new checkout");
    assertThat(m.get("owner").asText()).isEqualTo("shop-team");
    assertThat(m.get("ticket").asText()).isEqualTo("SHOP-1");
    assertThat(m.get("kind").asText()).isEqualTo("release");
    assertThat(m.get("tags").asText()).isEqualTo("checkout,web");
    assertThat(m.get("created").asText()).isEqualTo("2026-11-01");
    assertThat(m.get("expires").asText()).isEqualTo("2027-06-30");
    assertThat(m.get("catalogVersion").isIntegralNumber()).isTrue();
    assertThat(b.has("errorCode")).isFalse();
  }

  @Test
  void nothingMatchingIsTheDefaultAndTheAllowListATargetingMatch() throws IOException {
    OfrepService service = service();

    JsonNode other = json(service.evaluateFlag("new-checkout", body("{\"context\": {\"targetingKey\": \"u\", \"plan\": \"free\"}}")));
    assertThat(other.get("value").booleanValue()).isFalse();
    assertThat(other.get("variant").asText()).isEqualTo("off");
    assertThat(other.get("reason").asText()).isEqualTo("DEFAULT");

    JsonNode vip = json(service.evaluateFlag("new-checkout", body("{\"context\": {\"targetingKey\": \"vip\"}}")));
    assertThat(vip.get("value").booleanValue()).isTrue();
    assertThat(vip.get("reason").asText()).isEqualTo("TARGETING_MATCH");
  }

  @Test
  void aSwitchedOffFlagIsDisabledWithItsOffValue() throws IOException {
    JsonNode b = json(service().evaluateFlag("kill-switch", body("{\"context\": {\"targetingKey\": \"u\"}}")));
    assertThat(b.get("value").booleanValue()).isFalse();
    assertThat(b.get("variant").asText()).isEqualTo("off");
    assertThat(b.get("reason").asText()).isEqualTo("DISABLED");
  }

  @Test
  void valuesKeepTheirCatalogTypes() throws IOException {
    OfrepService service = service();
    byte[] ctx = body("{\"context\": {\"targetingKey\": \"u\"}}");

    JsonNode banner = json(service.evaluateFlag("banner", ctx));
    assertThat(banner.get("value").isTextual()).isTrue();
    assertThat(banner.get("value").asText()).isEqualTo("Hello");
    assertThat(banner.get("variant").asText()).isEqualTo("plain");

    JsonNode retries = json(service.evaluateFlag("retries", ctx));
    assertThat(retries.get("value").isIntegralNumber()).isTrue();
    assertThat(retries.get("value").longValue()).isEqualTo(3);

    JsonNode ratio = json(service.evaluateFlag("ratio", ctx));
    assertThat(ratio.get("value").isFloatingPointNumber()).as("1.0 stays a float, not an integer").isTrue();
    assertThat(ratio.get("value").doubleValue()).isEqualTo(1.0);

    JsonNode limits = json(service.evaluateFlag("limits", ctx));
    assertThat(limits.get("value").isObject()).isTrue();
    assertThat(limits.get("value").get("size").longValue()).isEqualTo(1);
    assertThat(limits.get("value").get("labels").get(1).asText()).isEqualTo("b");
    assertThat(limits.get("value").get("strict").booleanValue()).isTrue();

    JsonNode names = json(service.evaluateFlag("experiment", ctx));
    assertThat(names.get("reason").asText()).isEqualTo("SPLIT");
    assertThat(names.get("value").asText()).isEqualTo(names.get("variant").asText()).isIn("classic", "compact");
  }

  @Test
  void aRolloutAnswersWhatTheEngineAnswersForEachKey() throws IOException {
    FlagEngine engine = engine(CATALOG);
    OfrepService service = new OfrepService(engine);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String key = "user-" + i;
      JsonNode b = json(service.evaluateFlag("experiment", body("{\"context\": {\"targetingKey\": \"" + key + "\"}}")));
      assertThat(b.get("variant").asText()).isEqualTo(engine.variant("experiment", EvaluationContext.of(key)));
      seen.add(b.get("variant").asText());
    }
    assertThat(seen).contains("classic", "compact");
  }

  @Test
  void theContextKeepsItsTypesAndSkipsNullsObjectsAndArrays() {
    AtomicReference<EvaluationContext> asked = new AtomicReference<>();
    FlagEngine engine = engine(FlagEngine.builder().source(CatalogSource.of("flags.yaml", CATALOG))
        .decisions((key, isBoolean, variants, ctx) -> {
          asked.set(ctx);
          return null;
        }));
    OfrepResponse r = new OfrepService(engine).evaluateFlag("banner", body("""
        {"context": {"targetingKey": "user-7", "plan": "pro", "seats": 12, "ratio": 0.25, "beta": true,
                     "huge": 123456789012345678901234567890, "gone": null, "address": {"city": "Oslo"},
                     "roles": ["admin"]}, "ignored": [1, {"x": 2}]}
        """));

    assertThat(r.status()).isEqualTo(200);
    EvaluationContext ctx = asked.get();
    assertThat(ctx.targetingKey()).isEqualTo("user-7");
    assertThat(ctx.attributes()).containsOnlyKeys("plan", "seats", "ratio", "beta", "huge");
    assertThat(ctx.get("plan")).isEqualTo("pro");
    assertThat(ctx.get("seats")).isEqualTo(12L);
    assertThat(ctx.get("ratio")).isEqualTo(0.25);
    assertThat(ctx.get("beta")).isEqualTo(Boolean.TRUE);
    assertThat(ctx.get("huge")).isEqualTo(1.2345678901234568E29);
  }

  @Test
  void aNumberAttributeMatchesANumericRule() throws IOException {
    OfrepService service = service();
    assertThat(json(service.evaluateFlag("new-checkout", body("{\"context\": {\"targetingKey\": \"u\", \"seats\": 12}}")))
        .get("value").booleanValue()).isTrue();
    assertThat(json(service.evaluateFlag("new-checkout", body("{\"context\": {\"targetingKey\": \"u\", \"seats\": 9.5}}")))
        .get("value").booleanValue()).isFalse();
  }

  @Test
  void withoutATargetingKeyTheContextIsAnonymous() throws IOException {
    AtomicReference<EvaluationContext> asked = new AtomicReference<>();
    FlagEngine engine = engine(FlagEngine.builder().source(CatalogSource.of("flags.yaml", CATALOG))
        .decisions((key, isBoolean, variants, ctx) -> {
          asked.set(ctx);
          return null;
        }));
    OfrepService service = new OfrepService(engine);

    assertThat(service.evaluateFlag("banner", body("{\"context\": {}}")).status()).isEqualTo(200);
    assertThat(asked.get().targetingKey()).isNull();
    assertThat(service.evaluateFlag("banner", body("{\"context\": {\"targetingKey\": \"\"}}")).status()).isEqualTo(200);
    assertThat(asked.get().targetingKey()).isNull();
    // without a context (OFREP asks for one; some clients leave an empty one out)
    for (String text : List.of("{}", "{\"other\": [1]}", "{\"context\": null}")) {
      asked.set(null);
      assertThat(service.evaluateFlag("banner", body(text)).status()).as(text).isEqualTo(200);
      assertThat(asked.get()).isEqualTo(EvaluationContext.anonymous());
    }
    // "key" is Turnout's name for the targeting key
    assertThat(service.evaluateFlag("banner", body("{\"context\": {\"key\": \"k-1\"}}")).status()).isEqualTo(200);
    assertThat(asked.get().targetingKey()).isEqualTo("k-1");
    assertThat(json(service.evaluateFlag("new-checkout", body("{\"context\": {\"key\": \"vip\"}}"))).get("value").booleanValue())
        .isTrue();
  }

  @Test
  void anUnknownFlagIs404FlagNotFound() throws IOException {
    FlagEngine engine = engine(CATALOG);
    List<String> heard = new ArrayList<>();
    engine.addListener(new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        heard.add(evaluation.flagKey());
      }
    });
    OfrepService service = new OfrepService(engine);
    OfrepResponse r = service.evaluateFlag("no-such-flag", body("{\"context\": {\"targetingKey\": \"u\"}}"));
    assertThat(service.evaluateFlag("banner", body("{\"context\": {}}")).status()).isEqualTo(200);
    assertThat(heard).as("keys from the network that the catalog lacks reach no listener").containsExactly("banner");

    assertThat(r.status()).isEqualTo(404);
    JsonNode b = json(r);
    assertThat(b.get("key").asText()).isEqualTo("no-such-flag");
    assertThat(b.get("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");
    assertThat(b.get("errorDetails").asText()).contains("no-such-flag");
    assertThat(b.get("metadata").isObject()).isTrue();
    assertThat(b.has("value")).isFalse();
  }

  @Test
  void malformedBodiesAre400ParseErrors() throws IOException {
    OfrepService service = service();
    String[] bad = {"", "not json", "{\"context\": {\"targetingKey\": \"u\"}", "[]", "\"context\"", "null",
        "{\"context\": {}} {}", "{\"context\": {}, \"context\": {}}", "{\"context\": {\"a\": 1, \"a\": 2}}",
        "{\"context\": {\"a\": 01}}", "{'context': {}}"};
    for (String text : bad) {
      OfrepResponse r = service.evaluateFlag("banner", body(text));
      assertThat(r.status()).as(text).isEqualTo(400);
      JsonNode b = json(r);
      assertThat(b.get("errorCode").asText()).as(text).isEqualTo("PARSE_ERROR");
      assertThat(b.get("key").asText()).isEqualTo("banner");
      assertThat(b.get("errorDetails").asText()).isNotBlank();
    }
    OfrepResponse invalidUtf8 = service.evaluateFlag("banner",
        new byte[] {'{', '"', 'c', 'o', 'n', 't', 'e', 'x', 't', '"', ':', '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '}'});
    assertThat(invalidUtf8.status()).isEqualTo(400);
    assertThat(json(invalidUtf8).get("errorCode").asText()).isEqualTo("PARSE_ERROR");
    assertThat(service.evaluateFlag("banner", null).status()).isEqualTo(400);
  }

  @Test
  void aContextOfTheWrongShapeIs400InvalidContext() throws IOException {
    OfrepService service = service();
    String[] bad = {"{\"context\": []}", "{\"context\": \"u\"}", "{\"context\": 1}",
        "{\"context\": {\"targetingKey\": 42}}", "{\"context\": {\"targetingKey\": {\"id\": 1}}}",
        "{\"context\": {\"targetingKey\": \"a\", \"key\": \"b\"}}"};
    for (String text : bad) {
      OfrepResponse r = service.evaluateFlag("banner", body(text));
      assertThat(r.status()).as(text).isEqualTo(400);
      assertThat(json(r).get("errorCode").asText()).as(text).isEqualTo("INVALID_CONTEXT");
    }
    // a syntax error later in the body wins: the body is not JSON at all
    assertThat(json(service.evaluateFlag("banner", body("{\"context\": [], x}"))).get("errorCode").asText())
        .isEqualTo("PARSE_ERROR");
    // the same targeting key twice is fine
    assertThat(service.evaluateFlag("banner", body("{\"context\": {\"targetingKey\": \"a\", \"key\": \"a\"}}")).status())
        .isEqualTo(200);
  }

  @Test
  void deepOrHugeBodiesAre400NotFailures() throws IOException {
    OfrepService service = service();
    String deep = "{\"context\": {\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
    String deepObjects = "{\"context\": " + "{\"a\": ".repeat(20) + "1" + "}".repeat(20) + "}";
    String justDeepEnough = "{\"context\": {\"a\": " + "[".repeat(OfrepService.MAX_NESTING_DEPTH - 2) + "]".repeat(
        OfrepService.MAX_NESTING_DEPTH - 2) + ", \"targetingKey\": \"u\"}}";
    String huge = "{\"context\": {\"targetingKey\": \"" + "x".repeat(OfrepService.MAX_REQUEST_BYTES) + "\"}}";
    String hugeNumber = "{\"context\": {\"n\": " + "9".repeat(5_000) + "}}";

    for (String text : List.of(deep, deepObjects, huge, hugeNumber)) {
      OfrepResponse one = service.evaluateFlag("banner", body(text));
      assertThat(one.status()).isEqualTo(400);
      assertThat(json(one).get("errorCode").asText()).isEqualTo("PARSE_ERROR");
      OfrepResponse all = service.evaluateAll(body(text), null);
      assertThat(all.status()).isEqualTo(400);
      assertThat(json(all).get("errorCode").asText()).isEqualTo("PARSE_ERROR");
    }
    assertThat(json(service.evaluateFlag("banner", body(huge))).get("errorDetails").asText())
        .contains(String.valueOf(OfrepService.MAX_REQUEST_BYTES));
    assertThat(service.evaluateFlag("banner", body(justDeepEnough)).status()).isEqualTo(200);
  }

  @Test
  void randomBytesNeverFailTheService() throws IOException {
    OfrepService service = service();
    Random random = new Random(16);
    String alphabet = "{}[]\":,0123456789.eE-+truefalsnl \\u\t\ncontextargeingKy";
    for (int i = 0; i < 3_000; i++) {
      byte[] b;
      if (i % 3 == 0) {
        b = new byte[random.nextInt(200)];
        random.nextBytes(b);
      } else {
        StringBuilder s = new StringBuilder(i % 2 == 0 ? "{\"context\": " : "");
        int n = random.nextInt(120);
        for (int j = 0; j < n; j++) {
          s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        b = body(s.toString());
      }
      OfrepResponse one = service.evaluateFlag("banner", b);
      assertThat(one.status()).isIn(200, 400);
      MAPPER.readTree(one.body());
      OfrepResponse all = service.evaluateAll(b, null);
      assertThat(all.status()).isIn(200, 400);
      MAPPER.readTree(all.body());
    }
  }

  @Test
  void bulkEvaluatesEveryFlagInKeyOrder() throws IOException {
    FlagEngine engine = engine(CATALOG);
    OfrepResponse r = new OfrepService(engine).evaluateAll(body("{\"context\": {\"targetingKey\": \"u\", \"plan\": \"pro\"}}"), null);

    assertThat(r.status()).isEqualTo(200);
    JsonNode b = json(r);
    List<String> keys = new ArrayList<>();
    b.get("flags").forEach(f -> keys.add(f.get("key").asText()));
    assertThat(keys).containsExactly("banner", "experiment", "kill-switch", "limits", "new-checkout", "ratio", "retries");
    JsonNode checkout = b.get("flags").get(4);
    assertThat(checkout.get("value").booleanValue()).isTrue();
    assertThat(checkout.get("reason").asText()).isEqualTo("TARGETING_MATCH");
    assertThat(checkout.get("metadata").get("owner").asText()).isEqualTo("shop-team");
    assertThat(checkout.get("metadata").has("catalogVersion")).as("once for the answer, not per flag").isFalse();
    assertThat(b.get("flags").get(2).get("reason").asText()).isEqualTo("DISABLED");
    assertThat(b.get("metadata").get("catalogVersion").longValue()).isEqualTo(engine.catalogVersion());
    assertThat(r.headers().get("ETag")).matches("\"[0-9a-f]{32}\"");
  }

  @Test
  void bulkAnswers304WhileNothingChangedForTheContext(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("flags.yaml");
    Files.writeString(file, CATALOG);
    FlagEngine engine = engine(FlagEngine.builder().source(CatalogSource.file(file)));
    OfrepService service = new OfrepService(engine);
    byte[] ctx = body("{\"context\": {\"targetingKey\": \"u\"}}");

    OfrepResponse first = service.evaluateAll(ctx, null);
    String etag = first.headers().get("ETag");
    OfrepResponse again = service.evaluateAll(ctx, etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers()).containsEntry("ETag", etag);
    assertThat(service.evaluateAll(ctx, "W/" + etag).status()).isEqualTo(304);
    assertThat(service.evaluateAll(ctx, "\"other\", " + etag).status()).isEqualTo(304);
    assertThat(service.evaluateAll(ctx, "*").status()).isEqualTo(304);
    assertThat(service.evaluateAll(ctx, "\"other\"").status()).isEqualTo(200);

    // another context gets another answer, so the ETag does not match it
    OfrepResponse pro = service.evaluateAll(body("{\"context\": {\"targetingKey\": \"u\", \"plan\": \"pro\"}}"), etag);
    assertThat(pro.status()).isEqualTo(200);
    assertThat(pro.headers().get("ETag")).isNotEqualTo(etag);

    // the kill switch flipped: a new answer and a new ETag
    Files.writeString(file, CATALOG.replace("enabled: false", "enabled: true"));
    assertThat(engine.reload()).isTrue();
    OfrepResponse flipped = service.evaluateAll(ctx, etag);
    assertThat(flipped.status()).isEqualTo(200);
    assertThat(flipped.headers().get("ETag")).isNotEqualTo(etag);
    JsonNode kill = json(flipped).get("flags").get(2);
    assertThat(kill.get("key").asText()).isEqualTo("kill-switch");
    assertThat(kill.get("value").booleanValue()).isTrue();
    assertThat(kill.get("reason").asText()).isEqualTo("DEFAULT");
    assertThat(service.evaluateAll(ctx, flipped.headers().get("ETag")).status()).isEqualTo(304);
  }

  @Test
  void bulkRefusesABadRequestWithoutAKey() throws IOException {
    OfrepResponse r = service().evaluateAll(body("{\"context\": 5}"), null);
    assertThat(r.status()).isEqualTo(400);
    JsonNode b = json(r);
    assertThat(b.get("errorCode").asText()).isEqualTo("INVALID_CONTEXT");
    assertThat(b.has("key")).isFalse();
    assertThat(r.headers()).doesNotContainKey("ETag");
  }

  @Test
  void flagdFailuresAreGeneralErrorsAndMissingDefaultsAreCodeDefaults() throws IOException {
    String flagd = """
        {"flags": {
          "color": {"state": "ENABLED", "variants": {"red": "#f00", "blue": "#00f"}, "defaultVariant": "red",
                    "targeting": {"var": "color"}},
          "fixed": {"state": "ENABLED", "variants": {"a": 1, "b": 2}, "defaultVariant": "b"},
          "code-default": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": null}
        }}
        """;
    FlagEngine engine = engine(FlagEngine.builder().source(CatalogSource.of("flags.json", flagd)));
    OfrepService service = new OfrepService(engine);

    JsonNode blue = json(service.evaluateFlag("color", body("{\"context\": {\"targetingKey\": \"u\", \"color\": \"blue\"}}")));
    assertThat(blue.get("value").asText()).isEqualTo("#00f");
    assertThat(blue.get("reason").asText()).isEqualTo("TARGETING_MATCH");

    OfrepResponse failed = service.evaluateFlag("color", body("{\"context\": {\"targetingKey\": \"u\", \"color\": \"green\"}}"));
    assertThat(failed.status()).isEqualTo(500);
    assertThat(json(failed).get("errorCode").asText()).isEqualTo("GENERAL");
    assertThat(json(failed).get("key").asText()).isEqualTo("color");

    JsonNode fixed = json(service.evaluateFlag("fixed", body("{\"context\": {\"targetingKey\": \"u\"}}")));
    assertThat(fixed.get("reason").asText()).isEqualTo("STATIC");
    assertThat(fixed.get("value").longValue()).isEqualTo(2);

    OfrepResponse codeDefault = service.evaluateFlag("code-default", body("{\"context\": {\"targetingKey\": \"u\"}}"));
    assertThat(codeDefault.status()).isEqualTo(200);
    assertThat(json(codeDefault).has("value")).as("no value: the caller's default applies").isFalse();
    assertThat(json(codeDefault).get("reason").asText()).isEqualTo("DEFAULT");

    JsonNode all = json(service.evaluateAll(body("{\"context\": {\"targetingKey\": \"u\", \"color\": \"green\"}}"), null));
    JsonNode color = all.get("flags").get(1);
    assertThat(color.get("key").asText()).isEqualTo("color");
    assertThat(color.get("errorCode").asText()).isEqualTo("GENERAL");
    assertThat(all.get("flags").get(2).get("value").longValue()).isEqualTo(2);
  }

  @Test
  void etagsMatchAsHttpSays() {
    String etag = OfrepService.etag(body("{}"));
    assertThat(etag).isEqualTo(OfrepService.etag(body("{}"))).isNotEqualTo(OfrepService.etag(body("{ }")));
    assertThat(OfrepService.matches(null, etag)).isFalse();
    assertThat(OfrepService.matches("", etag)).isFalse();
    assertThat(OfrepService.matches(etag, etag)).isTrue();
    assertThat(OfrepService.matches(etag.replace("\"", ""), etag)).isTrue();
    assertThat(OfrepService.matches(" W/" + etag + " ", etag)).isTrue();
    assertThat(OfrepService.matches("\"a\",\"b\"", etag)).isFalse();
  }
}
