package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.testsupport.Eventually;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The experiment {@code task-form-experiment}: three versions of the new-task page split by a rollout,
 * each user always in the same one, exposures and conversions counted per variant.
 */
class TaskFormExperimentIT extends SharedSample {

  private static final Pattern VARIANT = Pattern.compile("id=\"new-task-form\" data-variant=\"([a-z]+)\"");
  private static final int USERS = 12;


  @BeforeEach
  void shippedCatalog() throws Exception {
    sample.reset();
  }

  @Test
  void eachUserSeesTheVariantTheRolloutPicksAndExposuresAreCounted() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    try (FlagEngine reference = FlagEngine.builder().source(CatalogSource.of("flags.yaml", sample.catalog.original()))
        .environment("production").watch(false).requireValidCatalog().build()) {
      for (int i = 0; i < USERS; i++) {
        String name = "user" + i;
        sample.signUp(name, name + "@customer.org");
        expected.put(name, reference.variant("task-form-experiment",
            EvaluationContext.of(name).with("email", name + "@customer.org")));
      }
    }
    assertThat(expected.values()).as("twelve users spread over the variants").contains("classic", "compact", "guided");

    Map<String, Map<String, Long>> before = experimentStats();
    Map<String, Long> shown = new HashMap<>();
    for (String user : expected.keySet()) {
      for (int visit = 0; visit < 2; visit++) {
        String variant = variant(user);
        assertThat(variant).as("the variant %s sees", user).isEqualTo(expected.get(user));
        shown.merge(variant, 1L, Long::sum);
      }
    }
    String converter = expected.keySet().iterator().next();
    assertThat(sample.http.postForm(converter, "tasks", Map.of("title", "Converted")).status()).isEqualTo(303);

    Map<String, Map<String, Long>> after = experimentStats();
    for (Map.Entry<String, Long> e : shown.entrySet()) {
      String variant = e.getKey();
      assertThat(delta(before, after, variant, "exposures")).as("exposures of %s", variant).isEqualTo(e.getValue());
      assertThat(delta(before, after, variant, "users")).as("users of %s", variant).isEqualTo(e.getValue() / 2);
      assertThat(delta(before, after, variant, "conversions")).as("conversions of %s", variant)
          .isEqualTo(variant.equals(expected.get(converter)) ? 1 : 0);
    }
  }

  private static long delta(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after,
      String variant, String field) {
    return after.getOrDefault(variant, Map.of()).getOrDefault(field, 0L)
        - before.getOrDefault(variant, Map.of()).getOrDefault(field, 0L);
  }

  @Test
  void endingTheExperimentOnOneVariantShowsItToEveryoneWithinOneSecond() throws Exception {
    sample.catalog.replace("rollout: { classic: 34, compact: 33, guided: 33 }",
        "rollout: { classic: 0, compact: 0, guided: 100 }");
    Eventually.within(Eventually.ONE_SECOND, () -> {
      for (String user : new String[] {"ann", "bob", "cho", "dee"}) {
        assertThat(variant(user)).as(user).isEqualTo("guided");
      }
    });
  }

  private static String variant(String user) {
    Matcher m = VARIANT.matcher(sample.http.get(user, "tasks/new").body());
    assertThat(m.find()).as("the new-task form").isTrue();
    return m.group(1);
  }

  /** Variant to field to number, from {@code /api/flags}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Long>> experimentStats() {
    Map<String, Object> experiments = (Map<String, Object>) sample.http.get(null, "api/flags").json().get("experiments");
    Map<String, Map<String, Number>> byVariant = (Map<String, Map<String, Number>>) experiments.get("task-form-experiment");
    Map<String, Map<String, Long>> out = new HashMap<>();
    byVariant.forEach((variant, fields) -> {
      Map<String, Long> numbers = new HashMap<>();
      fields.forEach((k, v) -> numbers.put(k, v.longValue()));
      out.put(variant, numbers);
    });
    return out;
  }
}
