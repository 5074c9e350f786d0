package dev.turnout.internal.catalog;

/** The one text form of attribute and catalog values, so the context and the catalog agree. */
public final class Values {

  private Values() {}

  /** A value's text: whole numbers without a trailing {@code .0} ({@code 2.0} is "2"), anything else by toString. */
  public static String text(Object value) {
    if (value instanceof Double) {
      double d = (Double) value;
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
    }
    return value.toString();
  }
}
