package dev.turnout.processor.internal;

import java.util.Map;
import java.util.Set;

/** The processor's {@code -A} options. */
public record Options(String catalogPath, String packageName, boolean strict) {

  public static final String CATALOG = "turnout.catalog";
  public static final String PACKAGE = "turnout.package";
  public static final String STRICT = "turnout.strict";

  /** Every option the processor reads. */
  public static final Set<String> NAMES = Set.of(CATALOG, PACKAGE, STRICT);

  /** The options among the compiler's {@code -A} options; blank values count as unset. */
  public static Options from(Map<String, String> options) {
    return new Options(blankToNull(options.get(CATALOG)), blankToNull(options.get(PACKAGE)),
        Boolean.parseBoolean(options.get(STRICT)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
