package dev.turnout.internal.ext;

import dev.turnout.internal.catalog.Catalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flag's catalog metadata as OpenFeature's flag metadata carries it, for turnout-openfeature (the provider's
 * answers) and turnout-ofrep (the protocol's {@code metadata} object): one mapping for both. Not an API.
 */
public final class FlagMetadata {

  private FlagMetadata() {}

  /**
   * The flag's description, owner, ticket, kind, tags (joined with commas), created and expires dates (ISO), in
   * that order, each only where the catalog gives it; empty for no flag.
   */
  public static Map<String, String> of(Catalog.Flag flag) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (flag == null) {
      return metadata;
    }
    put(metadata, "description", flag.description());
    put(metadata, "owner", flag.owner());
    put(metadata, "ticket", flag.ticket());
    put(metadata, "kind", flag.kind());
    if (flag.tags() != null && !flag.tags().isEmpty()) {
      metadata.put("tags", String.join(",", flag.tags()));
    }
    put(metadata, "created", flag.created() == null ? null : flag.created().toString());
    put(metadata, "expires", flag.expires() == null ? null : flag.expires().toString());
    return metadata;
  }

  private static void put(Map<String, String> metadata, String name, String value) {
    if (value != null) {
      metadata.put(name, value);
    }
  }
}
