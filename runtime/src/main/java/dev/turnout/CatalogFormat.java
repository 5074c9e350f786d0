package dev.turnout;

import java.util.Locale;

/**
 * The syntax and schema a catalog is written in. {@code YAML} and {@code JSON} are Turnout's own format
 * (and mean the same thing); a JSON or YAML document shaped like an Unleash or flagd document is read
 * as one. {@code UNLEASH} and {@code FLAGD} name those formats explicitly.
 *
 * <pre>{@code
 * CatalogSource.of("inline.json", "{\"flags\": {\"dark-mode\": {\"enabled\": true}}}");
 * CatalogSource.file(Path.of("features.json"), CatalogFormat.UNLEASH);
 * }</pre>
 */
public enum CatalogFormat {
  /** Turnout's format in YAML (or an Unleash or flagd document in YAML, recognised by its shape). */
  YAML,
  /** Turnout's format in JSON (or an Unleash or flagd document, recognised by its shape). */
  JSON,
  /**
   * An Unleash client-features document ({@code {"version", "features", "segments"}}, as served by
   * {@code /api/client/features}) or a list of delta events ({@code {"events": [...]}}), in JSON.
   */
  UNLEASH,
  /** A flagd flag definition file ({@code {"flags": {...}, "$evaluators": {...}}}), in JSON. */
  FLAGD;

  /**
   * The format named by {@code text}, case-insensitively: {@code yaml}, {@code json}, {@code unleash} or
   * {@code flagd} (an agent's or tool's {@code format=} option).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static CatalogFormat forOption(String text) {
    for (CatalogFormat f : values()) {
      if (f.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown catalog format '" + text + "' (known: yaml, json, unleash, flagd)");
  }

  /** The format a file name implies: {@code .json} is JSON, anything else ({@code .yaml}, {@code .yml}) YAML. */
  public static CatalogFormat forName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }
}
