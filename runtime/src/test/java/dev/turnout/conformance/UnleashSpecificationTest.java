package dev.turnout.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Unleash's client specification (https://github.com/Unleash/client-specification): every case of every
 * file in {@code specifications/index.json}, against the file's state loaded as an Unleash catalog.
 * {@code isEnabled} cases compare {@link Evaluation#isEnabled()}; {@code getVariant} cases compare the
 * variant name ({@code disabled} for none), whether a variant was served, {@code feature_enabled} and
 * the payload.
 */
class UnleashSpecificationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_VARIANT = "disabled";

  @TestFactory
  List<DynamicNode> specification() throws IOException {
    Path dir = ConformanceData.find("unleash-client-specification/specifications");
    if (dir == null) {
      return new ArrayList<>(ConformanceData.skipped("unleash-client-specification/specifications", "Unleash client specification"));
    }
    List<DynamicNode> files = new ArrayList<>();
    int cases = 0;
    for (JsonNode name : JSON.readTree(dir.resolve("index.json").toFile())) {
      JsonNode spec = JSON.readTree(dir.resolve(name.asText()).toFile());
      FlagEngine engine = FlagEngine.builder()
          .source(CatalogSource.of(name.asText(), JSON.writeValueAsString(spec.get("state")), CatalogFormat.UNLEASH))
          .random(new SplittableRandom(86_028_157)) // only 0 % and 100 % random rollouts are specified
          .watch(false)
          .requireValidCatalog()
          .environment(null)
          .build();
      List<DynamicNode> tests = new ArrayList<>();
      for (JsonNode t : spec.path("tests")) {
        tests.add(dynamicTest(t.get("description").asText(), () -> {
          EvaluationContext ctx = context(t.get("context"));
          assertThat(engine.isEnabled(t.get("toggleName").asText(), ctx))
              .as("isEnabled(%s, %s)", t.get("toggleName").asText(), ctx)
              .isEqualTo(t.get("expectedResult").asBoolean());
        }));
      }
      for (JsonNode t : spec.path("variantTests")) {
        tests.add(dynamicTest(t.get("description").asText(), () -> {
          EvaluationContext ctx = context(t.get("context"));
          Evaluation e = engine.evaluate(t.get("toggleName").asText(), ctx);
          assertThat(variant(e)).as("getVariant(%s, %s) = %s", t.get("toggleName").asText(), ctx, e)
              .isEqualTo(expected(t.get("expectedResult")));
        }));
      }
      cases += tests.size();
      files.add(dynamicContainer(spec.get("name").asText(), tests));
    }
    assertThat(cases).as("cases in the Unleash client specification").isEqualTo(279);
    return files;
  }

  /** An Unleash context: userId is the targeting key; other fields and every property are attributes. */
  static EvaluationContext context(JsonNode json) {
    EvaluationContext ctx = EvaluationContext.anonymous();
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      JsonNode value = field.getValue();
      if ("properties".equals(field.getKey())) {
        for (Map.Entry<String, JsonNode> property : value.properties()) {
          if (property.getValue().isValueNode() && !property.getValue().isNull()) {
            ctx = ctx.with(property.getKey(), property.getValue().asText());
          }
        }
      } else if ("userId".equals(field.getKey())) {
        ctx = ctx.withTargetingKey(value.asText());
      } else if (value.isValueNode() && !value.isNull()) {
        ctx = ctx.with(field.getKey(), value.asText());
      }
    }
    return ctx;
  }

  private static Map<String, Object> variant(Evaluation e) {
    Map<String, Object> out = new LinkedHashMap<>();
    String name = e.variant() == null ? NO_VARIANT : e.variant();
    out.put("name", name);
    out.put("enabled", !NO_VARIANT.equals(name));
    out.put("feature_enabled", e.isEnabled());
    if (e.value() != null) {
      out.put("payload", e.value());
    }
    return out;
  }

  private static Map<String, Object> expected(JsonNode json) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", json.get("name").asText());
    out.put("enabled", json.get("enabled").asBoolean());
    out.put("feature_enabled", json.path("feature_enabled").asBoolean());
    if (json.hasNonNull("payload")) {
      Map<String, Object> payload = new LinkedHashMap<>();
      json.get("payload").properties().forEach(f -> payload.put(f.getKey(), f.getValue().asText()));
      out.put("payload", payload);
    }
    return out;
  }
}
