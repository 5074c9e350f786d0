package dev.turnout;

import java.util.Locale;

/**
 * The syntax a catalog is written in. Both mean the same thing.
 *
 * <pre>{@code
 * CatalogSource.of("inline.json", "{\"flags\": {\"dark-mode\": {\"enabled\": true}}}");
 * }</pre>
 */
public enum CatalogFormat {
  YAML,
  JSON;

  /** The format a file name implies: {@code .json} is JSON, anything else ({@code .yaml}, {@code .yml}) YAML. */
  public static CatalogFormat forName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }
}
