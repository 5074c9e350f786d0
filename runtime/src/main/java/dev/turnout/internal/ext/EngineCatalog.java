package dev.turnout.internal.ext;

import dev.turnout.FlagEngine;
import dev.turnout.internal.catalog.Catalog;

/**
 * The catalog an engine has in force, for the extension modules (variants to vary a test over, metadata
 * for OpenFeature). {@code FlagEngine} registers the reader. Not an API.
 */
public final class EngineCatalog {

  /** Reads an engine's catalog; implemented inside {@code FlagEngine}. */
  public interface Reader {

    /** The catalog in force, or null before any catalog was loaded. */
    Catalog catalog(FlagEngine engine);
  }

  private static volatile Reader reader;

  private EngineCatalog() {}

  /** Called once by {@code FlagEngine}'s initializer; later calls are ignored. */
  public static synchronized void register(Reader r) {
    if (reader == null) {
      reader = r;
    }
  }

  /** The catalog in force in the engine, or null before any catalog was loaded. */
  public static Catalog of(FlagEngine engine) {
    Reader r = reader;
    return r == null ? null : r.catalog(engine);
  }
}
