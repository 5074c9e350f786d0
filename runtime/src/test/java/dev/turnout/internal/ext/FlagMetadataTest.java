package dev.turnout.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagMetadataTest {

  private static final Catalog CATALOG = CatalogReader.read("flags.yaml", """
      flags:
        new-checkout:
          description: The one-page checkout.
          owner: shop-team
          ticket: SHOP-12
          kind: release
          tags: [web, checkout]
          created: 2026-01-15
          expires: 2999-01-01
          default: off
        bare:
          default: on
      """, CatalogFormat.YAML);

  @Test
  void everyFieldTheCatalogGivesInOrderTagsJoinedDatesInIsoForm() {
    assertThat(FlagMetadata.of(CATALOG.flags().get("new-checkout"))).containsExactly(
        Map.entry("description", "The one-page checkout."),
        Map.entry("owner", "shop-team"),
        Map.entry("ticket", "SHOP-12"),
        Map.entry("kind", "release"),
        Map.entry("tags", "web,checkout"),
        Map.entry("created", "2026-01-15"),
        Map.entry("expires", "2999-01-01"));
  }

  @Test
  void nothingForFieldsTheCatalogLeavesOutNorForNoFlag() {
    assertThat(FlagMetadata.of(CATALOG.flags().get("bare"))).isEmpty();
    assertThat(FlagMetadata.of(null)).isEmpty();
  }
}
