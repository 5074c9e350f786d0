package dev.turnout.internal.engine;

import dev.turnout.CatalogSource;
import dev.turnout.FlagEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Engines over inline catalogs, with a fixed clock. */
final class TestEngines {

  /** The clock's instant unless a test says otherwise. */
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  private TestEngines() {}

  static FlagEngine yaml(String text) {
    return build("flags.yaml", text, NOW, null);
  }

  static FlagEngine yaml(String text, Instant now) {
    return build("flags.yaml", text, now, null);
  }

  static FlagEngine yaml(String text, Instant now, String environment) {
    return build("flags.yaml", text, now, environment);
  }

  static FlagEngine json(String text) {
    return build("flags.json", text, NOW, null);
  }

  private static FlagEngine build(String name, String text, Instant now, String environment) {
    return FlagEngine.builder()
        .source(CatalogSource.of(name, text))
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .environment(environment)
        .requireValidCatalog()
        .build();
  }
}
