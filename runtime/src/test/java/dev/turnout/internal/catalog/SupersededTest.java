package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.testkit.HostileCatalogs;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupersededTest {

  private static String json(int flags) {
    StringBuilder text = new StringBuilder("{\"flags\": {");
    for (int i = 0; i < flags; i++) {
      text.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": {\"default\": \"on\"}");
    }
    return text.append("}}").toString();
  }

  @Test
  void aReadIsGivenUpInTheMiddleOfTheTextWhenTheCheckSaysSo() {
    for (var text : new String[][] {{HostileCatalogs.flatFlags(5_000), "YAML"}, {json(5_000), "JSON"}}) {
      AtomicInteger asked = new AtomicInteger();
      assertThatThrownBy(() -> CatalogReader.read("f", text[0], CatalogFormat.valueOf(text[1]),
          () -> asked.incrementAndGet() == 3))
          .as(text[1]).isInstanceOf(Superseded.class);
      assertThat(asked.get()).as(text[1] + ": asked before each chunk, given up at the third").isEqualTo(3);
    }
  }

  @Test
  void aCheckThatNeverSaysSoReadsAsWithout() {
    AtomicInteger asked = new AtomicInteger();
    Catalog catalog = CatalogReader.read("f", HostileCatalogs.flatFlags(5_000), CatalogFormat.YAML, () -> {
      asked.incrementAndGet();
      return false;
    });
    assertThat(catalog.flags()).hasSize(5_000);
    assertThat(asked.get()).as("asked once per chunk, and once before validating").isGreaterThan(10);
  }

  @Test
  void problemsAreStillReportedWithTheirPositions() {
    assertThatThrownBy(() -> CatalogReader.read("f", "flags:\n  a: { default: maybe }\n", CatalogFormat.YAML, () -> false))
        .isInstanceOf(CatalogException.class).hasMessageContaining("f:2:");
  }
}
