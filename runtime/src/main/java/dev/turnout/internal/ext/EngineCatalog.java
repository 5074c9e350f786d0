package dev.turnout.internal.ext;

import dev.turnout.FlagEngine;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.engine.Cores;

/** The catalog an engine has in force, for the extension modules (variants to vary a test over, metadata for OpenFeature). Not an API. */
public final class EngineCatalog {

  private EngineCatalog() {}

  /** The catalog in force in the engine, or null before any catalog was loaded. */
  public static Catalog of(FlagEngine engine) {
    return Cores.of(engine).catalog();
  }
}
