package dev.turnout.conformance.flagd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.CatalogFormat;
import dev.turnout.EvaluationContext;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.internal.engine.CompiledFlag;
import dev.turnout.internal.engine.Compiler;
import dev.turnout.internal.engine.Outcome;
import dev.turnout.internal.engine.Snapshot;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Step definitions of flagd's evaluator test kit. The kit's flag file is read as a flagd catalog and
 * compiled into a snapshot once; each scenario evaluates one flag of it. OpenFeature's typed resolution
 * (a typed caller default, error codes) lives here, in the test, on top of the engine's
 * {@link Outcome}: the public API stays Turnout's.
 */
public class FlagdSteps {

  // Whole numbers as Long, as the catalog reader gives them.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static volatile Loaded loaded;

  private Loaded kit;
  private String type;
  private String key;
  private Object fallback;
  private EvaluationContext context = EvaluationContext.anonymous();
  private Resolution resolution;

  private record Loaded(Catalog catalog, Snapshot snapshot) {}

  /** OpenFeature's resolution details. */
  private record Resolution(Object value, String variant, String reason, String errorCode, Map<String, Object> metadata) {}

  static Path kitDir() {
    return Path.of(System.getProperty("turnout.conformance.dir"), "flagd-testbed", "evaluator");
  }

  private static Loaded load() {
    Loaded l = loaded;
    if (l == null) {
      Path file = kitDir().resolve("flags/testkit-flags.json");
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Catalog catalog = CatalogReader.read(file.getFileName().toString(), text, CatalogFormat.FLAGD);
        Snapshot snapshot = Compiler.compile(catalog, null, 1, Instant.EPOCH, (f, v) -> new LongAdder());
        l = new Loaded(catalog, snapshot);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loaded = l;
    }
    return l;
  }

  @Given("an evaluator")
  public void anEvaluator() {
    kit = load();
  }

  @Given("^a (Boolean|String|Integer|Float|Object)-flag with key \"([^\"]*)\" and a fallback value \"(.*)\"$")
  public void aFlag(String type, String key, String fallback) {
    this.type = type;
    this.key = key;
    this.fallback = typed(type, fallback);
  }

  @Given("^a context containing a key \"([^\"]*)\", with type \"([^\"]*)\" and with value \"(.*)\"$")
  public void aContextKey(String name, String type, String value) {
    switch (type) {
      case "Integer":
        context = context.with(name, Long.parseLong(value));
        break;
      case "Float":
        context = context.with(name, Double.parseDouble(value));
        break;
      case "Boolean":
        context = context.with(name, Boolean.parseBoolean(value));
        break;
      default:
        context = context.with(name, value);
    }
  }

  @Given("^a context containing a targeting key with value \"(.*)\"$")
  public void aTargetingKey(String value) {
    context = context.withTargetingKey(value);
  }

  /** Turnout's attributes are flat: a nested property is the attribute named by its path, as JsonLogic's var writes it. */
  @Given("^a context containing a nested property with outer key \"([^\"]*)\" and inner key \"([^\"]*)\", with value \"(.*)\"$")
  public void aNestedProperty(String outer, String inner, String value) {
    context = context.with(outer + "." + inner, value);
  }

  @When("the flag was evaluated with details")
  public void evaluated() {
    resolution = resolve(kit == null ? load() : kit);
  }

  @Then("^the resolved details value should be \"(.*)\"$")
  public void theValue(String expected) {
    assertThat(resolution.value()).as("value of %s for %s: %s", key, context, resolution).isEqualTo(typed(type, expected));
  }

  @Then("^the reason should be \"([^\"]*)\"$")
  public void theReason(String expected) {
    assertThat(resolution.reason()).as("reason of %s for %s: %s", key, context, resolution).isEqualTo(expected);
  }

  @Then("^the error-code should be \"([^\"]*)\"$")
  public void theErrorCode(String expected) {
    assertThat(resolution.errorCode()).as("error code of %s: %s", key, resolution).isEqualTo(expected.isEmpty() ? null : expected);
  }

  @Then("the resolved metadata should contain")
  public void theMetadata(DataTable table) {
    for (Map<String, String> row : table.asMaps()) {
      assertThat(resolution.metadata()).as("metadata of %s", key)
          .containsEntry(row.get("key"), typed(row.get("metadata_type"), row.get("value")));
    }
  }

  @Then("the resolved metadata is empty")
  public void theMetadataIsEmpty() {
    assertThat(resolution.metadata()).as("metadata of %s", key).isEmpty();
  }

  // ---- OpenFeature's typed resolution over the engine's outcome

  private Resolution resolve(Loaded kit) {
    CompiledFlag flag = kit.snapshot().flag(key);
    if (flag == null) {
      return new Resolution(fallback, null, "ERROR", "FLAG_NOT_FOUND", Map.of());
    }
    Map<String, Object> metadata = kit.catalog().flags().get(key).metadata();
    Outcome o;
    try {
      o = flag.evaluate(context, Clock.systemUTC());
    } catch (RuntimeException e) {
      o = flag.error; // as FlagEngine does: evaluation never throws
    }
    var e = o.evaluation;
    if (e.reason() == dev.turnout.Evaluation.Reason.ERROR) {
      return new Resolution(fallback, null, "ERROR", o.errorCode == null ? "GENERAL" : o.errorCode, metadata);
    }
    if (e.variant() == null) {
      return new Resolution(fallback, null, e.reason().name(), null, metadata);
    }
    Object value = ofType(type, e.value());
    if (value == null) {
      return new Resolution(fallback, null, "ERROR", "TYPE_MISMATCH", metadata);
    }
    return new Resolution(value, e.variant(), e.reason().name(), null, metadata);
  }

  /** The value as the caller's type asks for it, or null when it is not of that type. */
  private static Object ofType(String type, Object value) {
    switch (type) {
      case "Boolean":
        return value instanceof Boolean ? value : null;
      case "String":
        return value instanceof String ? value : null;
      case "Integer":
        return value instanceof Long ? value : null;
      case "Float":
        return value instanceof Number ? ((Number) value).doubleValue() : null;
      default:
        return value instanceof Map ? value : null;
    }
  }

  private static Object typed(String type, String text) {
    switch (type) {
      case "Boolean":
        return Boolean.parseBoolean(text);
      case "Integer":
        return Long.parseLong(text);
      case "Float":
        return Double.parseDouble(text);
      case "Object":
        try {
          return JSON.readValue(text.replace("\\\"", "\""), Map.class);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      default:
        return text;
    }
  }
}
