package dev.turnout.internal.catalog;

import java.io.IOException;
import java.io.Reader;
import java.util.function.BooleanSupplier;

/**
 * Thrown by {@link CatalogReader#read(String, String, dev.turnout.CatalogFormat, BooleanSupplier)} when its
 * {@code newer} check says a newer version of the catalog is there: reading this one is given up, so that a
 * large or hostile version never keeps a later one waiting for its whole parse. Not a problem of the catalog.
 */
public final class Superseded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A check that never stops a read. */
  public static final BooleanSupplier NEVER = () -> false;

  Superseded() {
    super("a newer version of the catalog is there", null, false, false);
  }

  /** Throws when {@code newer} says so. */
  static void check(BooleanSupplier newer) {
    if (newer.getAsBoolean()) {
      throw new Superseded();
    }
  }

  /** The text as a reader that asks {@code newer} before each chunk the parser takes. */
  static Reader reader(String text, BooleanSupplier newer) {
    return new Reader() {
      private int at;

      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        if (at >= text.length()) {
          return -1;
        }
        check(newer);
        int n = Math.min(length, text.length() - at);
        text.getChars(at, at + n, buffer, offset);
        at += n;
        return n;
      }

      @Override
      public void close() {
        // nothing held
      }
    };
  }
}
