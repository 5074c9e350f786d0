package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading Unleash and flagd documents, their hashing against Guava's murmur3, and the native extensions. */
class ForeignFormatsTest {

  private static FlagEngine engine(String name, String text) {
    return FlagEngine.builder().source(CatalogSource.of(name, text)).watch(false).environment(null)
        .requireValidCatalog().build();
  }

  private static long unleashBucket(String groupId, String id, int seed, int n) {
    int h = Hashing.murmur3_32_fixed(seed).hashString(groupId + ":" + id, StandardCharsets.UTF_8).asInt();
    return (h & 0xffffffffL) % n + 1;
  }

  @Test
  void unleashDocumentIsRecognisedByShapeAndRollsOutByTheNormalisedHash() {
    FlagEngine e = engine("features.json", "{\"version\": 2, \"features\": [{\"name\": \"f\", \"enabled\": true,"
        + " \"strategies\": [{\"name\": \"flexibleRollout\", \"parameters\":"
        + " {\"rollout\": \"37\", \"stickiness\": \"userId\", \"groupId\": \"g\"}}]}]}");
    int in = 0;
    for (int i = 0; i < 500; i++) {
      String user = "user-" + i;
      boolean expected = unleashBucket("g", user, 0, 100) <= 37;
      assertThat(e.isEnabled("f", EvaluationContext.of(user))).as(user).isEqualTo(expected);
      in += expected ? 1 : 0;
    }
    assertThat(in).isBetween(100, 270); // both outcomes occur, so the comparison above means something
    assertThat(e.isEnabled("f", EvaluationContext.anonymous())).isFalse(); // userId stickiness without a user
  }

  @Test
  void unleashVariantsUseTheVariantSeedOverTheTotalWeight() {
    FlagEngine e = engine("features.json", "{\"features\": [{\"name\": \"f\", \"enabled\": true, \"strategies\": [],"
        + " \"variants\": [{\"name\": \"a\", \"weight\": 300, \"stickiness\": \"userId\"},"
        + " {\"name\": \"b\", \"weight\": 700, \"stickiness\": \"userId\","
        + "  \"payload\": {\"type\": \"string\", \"value\": \"B\"}}]}]}");
    for (int i = 0; i < 200; i++) {
      String user = "u" + i;
      String expected = unleashBucket("f", user, 86_028_157, 1000) <= 300 ? "a" : "b";
      Evaluation ev = e.evaluate("f", EvaluationContext.of(user));
      assertThat(ev.variant()).as(user).isEqualTo(expected);
      assertThat(ev.isEnabled()).isTrue();
      assertThat(ev.value()).isEqualTo(expected.equals("b") ? java.util.Map.of("type", "string", "value", "B") : null);
    }
  }

  @Test
  void flagdFractionalBucketsByMurmurTimesTotalWeight() {
    FlagEngine e = engine("flags.json", "{\"flags\": {\"f\": {\"state\": \"ENABLED\","
        + " \"variants\": {\"x\": \"X\", \"y\": \"Y\"}, \"defaultVariant\": \"x\","
        + " \"targeting\": {\"fractional\": [[\"x\", 3], [\"y\", 7]]}}}}");
    for (int i = 0; i < 200; i++) {
      String key = "k" + i;
      int h = Hashing.murmur3_32_fixed().hashString("f" + key, StandardCharsets.UTF_8).asInt();
      long bucket = ((h & 0xffffffffL) * 10) >>> 32;
      Evaluation ev = e.evaluate("f", EvaluationContext.of(key));
      assertThat(ev.variant()).as(key).isEqualTo(bucket < 3 ? "x" : "y");
      assertThat(ev.reason()).isEqualTo(Evaluation.Reason.TARGETING_MATCH);
    }
    assertThat(e.evaluate("f", EvaluationContext.anonymous()).reason()).isEqualTo(Evaluation.Reason.DEFAULT);
  }

  @Test
  void flagdFractionalWithComputedWeightsBucketsAsWithTheirValues() {
    FlagEngine e = engine("flags.json", "{\"flags\": {\"f\": {\"state\": \"ENABLED\","
        + " \"variants\": {\"x\": \"X\", \"y\": \"Y\", \"z\": \"Z\"}, \"defaultVariant\": \"x\","
        + " \"targeting\": {\"fractional\": [[\"x\", {\"var\": \"wx\"}], [\"y\", {\"+\": [1, 1]}], [\"z\", 5]]}}}}");
    for (int i = 0; i < 300; i++) {
      String key = "k" + i;
      long wx = i % 4; // 0 to 3: a weight of 0 never serves its variant
      int h = Hashing.murmur3_32_fixed().hashString("f" + key, StandardCharsets.UTF_8).asInt();
      long total = wx + 2 + 5;
      long bucket = ((h & 0xffffffffL) * total) >>> 32;
      String expected = bucket < wx ? "x" : bucket < wx + 2 ? "y" : "z";
      Evaluation ev = e.evaluate("f", EvaluationContext.of(key).with("wx", wx));
      assertThat(ev.variant()).as(key + " with wx " + wx).isEqualTo(expected);
    }
    assertThat(e.evaluate("f", EvaluationContext.of("k1").with("wx", "three")).reason())
        .as("a weight that is not a number").isEqualTo(Evaluation.Reason.DEFAULT);
    assertThat(e.evaluate("f", EvaluationContext.of("k1").with("wx", 1.5)).reason())
        .as("a weight that is not whole").isEqualTo(Evaluation.Reason.DEFAULT);
  }

  @Test
  void flagdStaticAndDisabledFlags() {
    FlagEngine e = engine("flags.json", "{\"flags\": {"
        + "\"on\": {\"state\": \"ENABLED\", \"variants\": {\"a\": true, \"b\": false}, \"defaultVariant\": \"a\"},"
        + "\"off\": {\"state\": \"DISABLED\", \"variants\": {\"a\": true}, \"defaultVariant\": \"a\"}}}");
    Evaluation on = e.evaluate("on", EvaluationContext.anonymous());
    assertThat(on.reason()).isEqualTo(Evaluation.Reason.STATIC);
    assertThat(on.value()).isEqualTo(true);
    assertThat(on.isEnabled()).isTrue();
    Evaluation off = e.evaluate("off", EvaluationContext.anonymous());
    assertThat(off.reason()).isEqualTo(Evaluation.Reason.DISABLED);
    assertThat(off.variant()).isNull();
    assertThat(off.isEnabled()).isFalse();
  }

  @Test
  void badFlagdFilesAreRejectedWithPositions() {
    assertThatThrownBy(() -> engine("flags.json", "{\"flags\": {\"f\": {\"state\": \"ON\", \"variants\": {\"a\": 1}}}}"))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("flags.json:1:27: flag 'f': state must be ENABLED or DISABLED, not 'ON'");
  }

  @Test
  void explicitFormatOption() {
    assertThat(CatalogFormat.forOption("Unleash")).isEqualTo(CatalogFormat.UNLEASH);
    assertThat(CatalogFormat.forOption("flagd")).isEqualTo(CatalogFormat.FLAGD);
    assertThatThrownBy(() -> CatalogFormat.forOption("toml")).hasMessageContaining("known: yaml, json, unleash, flagd");
    FlagEngine e = FlagEngine.builder().source(CatalogSource.of("features.txt",
        "{\"features\": [{\"name\": \"f\", \"enabled\": true, \"strategies\": [{\"name\": \"default\"}]}]}",
        CatalogFormat.UNLEASH)).watch(false).requireValidCatalog().build();
    assertThat(e.isEnabled("f", EvaluationContext.anonymous())).isTrue();
  }

  @Test
  void nativeIgnoreCaseEqInCidrAndFlagConditions() {
    FlagEngine e = engine("flags.yaml", String.join("\n",
        "flags:",
        "  parent:",
        "    rules: [ { when: { attribute: email, op: ends_with, values: ['@example.com'], ignore_case: true }, serve: on } ]",
        "  child:",
        "    rules: [ { when: { flag: parent }, serve: on } ]",
        "  seats:",
        "    rules: [ { when: { attribute: seats, op: eq, values: [12] }, serve: on } ]",
        "  office:",
        "    rules: [ { when: { attribute: ip, op: in_cidr, values: ['10.1.0.0/16', '2001:db8::/32'] }, serve: on } ]",
        ""));
    EvaluationContext upper = EvaluationContext.of("u").with("email", "Ann@EXAMPLE.com");
    assertThat(e.isEnabled("parent", upper)).isTrue();
    assertThat(e.isEnabled("child", upper)).isTrue();
    assertThat(e.isEnabled("child", upper.with("email", "ann@example.org"))).isFalse();
    assertThat(e.isEnabled("seats", EvaluationContext.of("u").with("seats", "12.0"))).isTrue();
    assertThat(e.isEnabled("seats", EvaluationContext.of("u").with("seats", 13))).isFalse();
    assertThat(e.isEnabled("office", EvaluationContext.of("u").with("ip", "10.1.200.3"))).isTrue();
    assertThat(e.isEnabled("office", EvaluationContext.of("u").with("ip", "10.2.0.1"))).isFalse();
    assertThat(e.isEnabled("office", EvaluationContext.of("u").with("ip", "2001:db8::1"))).isTrue();
    assertThat(e.isEnabled("office", EvaluationContext.of("u").with("ip", "example.com"))).isFalse();
  }
}
