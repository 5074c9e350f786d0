package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.testsupport.Eventually;
import dev.turnout.testsupport.TestJvm;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code /flags} page: every flag of the generated registry, its state, owner, expiry and counts. */
class FlagsPageIT extends SharedSample {

  static JsonNode registry;

  @BeforeAll
  static void readTheRegistry() throws Exception {
    try (JarFile jar = new JarFile(TestJvm.property("sample.jar"));
        InputStream in = jar.getInputStream(jar.getEntry("META-INF/turnout/registry.json"))) {
      registry = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void listsEveryRegisteredFlagWithOwnerExpiryAndStateForTheViewer() {
    String page = sample.http.get("ann", "flags").body();
    List<String> keys = new ArrayList<>();
    for (JsonNode flag : registry.path("flags")) {
      keys.add(flag.path("key").asText());
      String row = row(page, flag.path("key").asText());
      assertThat(row).contains("<td class=\"owner\">" + flag.path("owner").asText() + "</td>");
      if (flag.hasNonNull("expires")) {
        assertThat(row).contains("<td class=\"expires\">" + flag.path("expires").asText() + "</td>");
      }
    }
    assertThat(keys).containsExactly("product-TASKS-103-comments", "api-count-field", "disable-registration",
        "log-level", "task-form-experiment");
    assertThat(page).contains("<b id=\"environment\">production</b>");
    assertThat(row(page, "product-TASKS-103-comments")).contains("<b>on</b> <small>rule 1</small>")
        .contains("CommentsFeature.page");
    assertThat(row(sample.http.get("cho", "flags").body(), "product-TASKS-103-comments"))
        .contains("<b>off</b> <small>rollout</small>");
  }

  @Test
  void countsEachVariantServedButNotPageViews() {
    long on = served("api-count-field", "on");
    long off = served("api-count-field", "off");
    sample.http.get("bob", "api/tasks");
    sample.http.get("bob", "api/tasks");
    sample.http.get("cho", "api/tasks");
    sample.http.get("bob", "flags");
    assertThat(served("api-count-field", "on")).isEqualTo(on + 2);
    assertThat(served("api-count-field", "off")).isEqualTo(off + 1);
  }

  @Test
  void aFlagAddedToTheCatalogShowsWithinOneSecondAsNotInTheBuild() throws Exception {
    sample.catalog.replace("segments:", "  dark-mode:\n    description: Not in the code yet\n    default: on\n\nsegments:");
    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(row(sample.http.get("ann", "flags").body(), "dark-mode"))
        .contains("(not in this build's registry)").contains("<b>on</b> <small>default</small>"));
    sample.reset();
  }

  @Test
  void thePageReadsTheApplicationsEngineOneVersionCounterPerCatalog() throws Exception {
    long before = sample.catalogVersion();
    assertThat(sample.http.get("dee", "api/tasks").json()).doesNotContainKey("count");
    sample.catalog.replace("keys: [bob]", "keys: [bob, dee]");
    // the gated behaviour first, then the page: both at the version the application has in force
    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(sample.http.get("dee", "api/tasks").json()).containsKey("count"));
    long version = sample.catalogVersion();
    assertThat(version).isGreaterThan(before);
    String page = sample.http.get("dee", "flags").body();
    assertThat(page).contains("<b id=\"catalog-version\">" + version + "</b>");
    assertThat(row(page, "api-count-field")).contains("<b>on</b>");
    sample.reset();

    // One engine reads the catalog: its versions are logged once each, counting up from 1.
    List<Long> logged = new ArrayList<>();
    Matcher m = Pattern.compile("catalog (\\S+) version (\\d+) in force").matcher(String.join("\n", sample.app.output()));
    while (m.find()) {
      assertThat(m.group(1)).isEqualTo(sample.catalog.path().toString());
      logged.add(Long.parseLong(m.group(2)));
    }
    assertThat(logged).startsWith(1L).isSorted().doesNotHaveDuplicates().contains(version);
  }

  @SuppressWarnings("unchecked")
  private static long served(String flag, String variant) {
    List<Map<String, Object>> flags = (List<Map<String, Object>>) sample.http.get(null, "api/flags").json().get("flags");
    Map<String, Object> f = flags.stream().filter(m -> m.get("key").equals(flag)).findFirst().orElseThrow();
    Number n = ((Map<String, Number>) f.get("served")).get(variant);
    return n == null ? 0 : n.longValue();
  }

  private static String row(String page, String key) {
    int start = page.indexOf("<tr class=\"flag\" id=\"flag-" + key + "\">");
    assertThat(start).as("a row for %s", key).isNotNegative();
    return page.substring(start, page.indexOf("</tr>", start));
  }
}
