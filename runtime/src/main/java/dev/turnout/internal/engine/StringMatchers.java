package dev.turnout.internal.engine;

import com.google.re2j.Pattern;
import dev.turnout.internal.catalog.Patterns;

/**
 * The string operators, for both case handlings: the native format's (exact) and the foreign formats'
 * case-insensitive clauses. Each operator is a lambda of its own, and the case handling is chosen when the
 * clause is compiled, so a call site sees one class per operator and case handling. Case-insensitive
 * comparisons are made in place ({@link String#regionMatches(boolean, int, String, int, int)}) and allocate
 * nothing. Exact {@code equals}/{@code in} is {@link Matchers.Membership}, which also compares numbers.
 */
final class StringMatchers {

  private StringMatchers() {}

  /** {@code equals}/{@code in} ignoring case; negated: the attribute is present and equals none of them. */
  static Matcher equalsIgnoringCase(String name, String[] texts, boolean negate) {
    return (ctx, clock) -> {
      String v = ctx.getText(name);
      return v != null && anyEqualIgnoringCase(v, texts) != negate;
    };
  }

  private static boolean anyEqualIgnoringCase(String v, String[] texts) {
    for (String t : texts) {
      if (t.equalsIgnoreCase(v)) {
        return true;
      }
    }
    return false;
  }

  static Matcher startsWith(String name, String[] texts, boolean ignoreCase) {
    if (!ignoreCase) {
      return (ctx, clock) -> {
        String v = ctx.getText(name);
        if (v != null) {
          for (String t : texts) {
            if (v.startsWith(t)) {
              return true;
            }
          }
        }
        return false;
      };
    }
    return (ctx, clock) -> {
      String v = ctx.getText(name);
      if (v != null) {
        for (String t : texts) {
          if (v.regionMatches(true, 0, t, 0, t.length())) {
            return true;
          }
        }
      }
      return false;
    };
  }

  static Matcher endsWith(String name, String[] texts, boolean ignoreCase) {
    if (!ignoreCase) {
      return (ctx, clock) -> {
        String v = ctx.getText(name);
        if (v != null) {
          for (String t : texts) {
            if (v.endsWith(t)) {
              return true;
            }
          }
        }
        return false;
      };
    }
    return (ctx, clock) -> {
      String v = ctx.getText(name);
      if (v != null) {
        for (String t : texts) {
          if (v.length() >= t.length() && v.regionMatches(true, v.length() - t.length(), t, 0, t.length())) {
            return true;
          }
        }
      }
      return false;
    };
  }

  static Matcher contains(String name, String[] texts, boolean ignoreCase) {
    if (!ignoreCase) {
      return (ctx, clock) -> {
        String v = ctx.getText(name);
        if (v != null) {
          for (String t : texts) {
            if (v.contains(t)) {
              return true;
            }
          }
        }
        return false;
      };
    }
    return (ctx, clock) -> {
      String v = ctx.getText(name);
      if (v != null) {
        for (String t : texts) {
          for (int at = 0; at + t.length() <= v.length(); at++) {
            if (v.regionMatches(true, at, t, 0, t.length())) {
              return true;
            }
          }
        }
      }
      return false;
    };
  }

  /** {@code matches}: RE2 syntax, found anywhere in the attribute; an attribute over the input limit never matches. */
  static Matcher matches(String name, String[] texts, boolean ignoreCase) {
    Pattern[] patterns = new Pattern[texts.length];
    for (int i = 0; i < texts.length; i++) {
      patterns[i] = ignoreCase ? Pattern.compile(texts[i], Pattern.CASE_INSENSITIVE) : Pattern.compile(texts[i]);
    }
    return (ctx, clock) -> {
      String v = ctx.getText(name);
      // An attribute longer than the limit does not match: matching time stays bounded (Patterns).
      if (v != null && v.length() <= Patterns.MAX_INPUT) {
        for (Pattern p : patterns) {
          if (p.matcher(v).find()) {
            return true;
          }
        }
      }
      return false;
    };
  }
}
