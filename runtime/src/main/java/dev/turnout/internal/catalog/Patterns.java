package dev.turnout.internal.catalog;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The limits on {@code matches} patterns, checked before RE2/J compiles them: RE2/J runs in time linear
 * in the input, but its compiled program is as large as the pattern's counted repetitions make it
 * ({@code ((a{100}){100}){100}} is a million instructions, tens of megabytes) and parsing a very long
 * pattern takes seconds. Both are refused at load; an attribute longer than {@link #MAX_INPUT} never
 * matches.
 */
public final class Patterns {

  /** Longest pattern accepted, in characters. */
  public static final int MAX_LENGTH = 1_000;
  /** Largest program accepted, as an upper estimate of RE2/J instructions (repetitions expanded). */
  public static final int MAX_PROGRAM_SIZE = 5_000;
  /** Longest attribute a pattern is matched against, in characters; a longer one does not match. */
  public static final int MAX_INPUT = 4_096;

  /**
   * RE2/J's case-insensitive flag, for readers: naming RE2/J's own constant from a class that does not
   * otherwise use RE2/J leaves an unused reference the agent jar's relocation does not rewrite.
   */
  public static final int CASE_INSENSITIVE = Pattern.CASE_INSENSITIVE;

  private static final long CAP = Long.MAX_VALUE / 4;

  private Patterns() {}

  /** Why {@code pattern} is refused (a one-line message that does not quote it), or null when it is fine. */
  public static String problem(String pattern) {
    return problem(pattern, 0);
  }

  /** As {@link #problem(String)}, for a pattern compiled with RE2/J's {@code flags}. */
  public static String problem(String pattern, int flags) {
    if (pattern.length() > MAX_LENGTH) {
      return "regular expression is longer than " + MAX_LENGTH + " characters (" + String.format("%,d", pattern.length())
          + ")";
    }
    long size = programSize(pattern);
    if (size > MAX_PROGRAM_SIZE) {
      return "regular expression is too large: its repetitions expand to about "
          + (size >= CAP ? "more than " + String.format("%,d", CAP) : String.format("%,d", size))
          + " instructions, at most " + String.format("%,d", MAX_PROGRAM_SIZE) + " are allowed (use * or + rather than large counts)";
    }
    try {
      Pattern.compile(pattern, flags);
    } catch (PatternSyntaxException e) {
      return "invalid regular expression '" + pattern + "': " + e.getDescription();
    }
    return null;
  }

  /** Whether {@code pattern} compiles within the limits. */
  public static boolean isAcceptable(String pattern) {
    return problem(pattern) == null;
  }

  /**
   * An upper estimate of the size of the program RE2/J compiles {@code pattern} to: every literal, class,
   * group and operator counts one, and a counted repetition {@code x{n,m}} counts {@code x} max(n, m) times
   * (n + 1 times for {@code {n,}}), as RE2/J expands it. One pass, no recursion.
   */
  static long programSize(String p) {
    long[] total = new long[p.length() + 2];
    long[] last = new long[p.length() + 2];
    int depth = 0;
    int i = 0;
    int n = p.length();
    while (i < n) {
      char c = p.charAt(i);
      long atom = 1;
      switch (c) {
        case '(':
          depth++;
          total[depth] = 0;
          last[depth] = 0;
          i++;
          continue;
        case ')':
          if (depth == 0) {
            i++; // a syntax error, reported by the compiler
            break;
          }
          atom = add(total[depth], 2);
          depth--;
          i++;
          break;
        case '\\': {
          char e = i + 1 < n ? p.charAt(i + 1) : ' ';
          i = Math.min(n, i + 2);
          if ((e == 'p' || e == 'P' || e == 'x') && i < n && p.charAt(i) == '{') {
            int close = p.indexOf('}', i);
            i = close < 0 ? n : close + 1;
          } else if (e == 'Q') {
            int end = p.indexOf("\\E", i);
            int stop = end < 0 ? n : end;
            atom = Math.max(1, stop - i);
            i = end < 0 ? n : end + 2;
          }
          break;
        }
        case '[': {
          int j = i + 1;
          if (j < n && p.charAt(j) == '^') {
            j++;
          }
          if (j < n && p.charAt(j) == ']') {
            j++;
          }
          while (j < n && p.charAt(j) != ']') {
            if (p.charAt(j) == '\\') {
              j++;
            } else if (p.charAt(j) == '[' && j + 1 < n && p.charAt(j + 1) == ':') {
              int close = p.indexOf(":]", j + 2);
              j = close < 0 ? j : close + 1;
            }
            j++;
          }
          i = Math.min(n, j + 1);
          break;
        }
        case '*':
        case '+':
        case '?':
          total[depth] = add(total[depth], 1);
          last[depth] = add(last[depth], 1);
          i++;
          continue;
        case '|':
          total[depth] = add(total[depth], 1);
          last[depth] = 0;
          i++;
          continue;
        case '{': {
          int close = p.indexOf('}', i);
          long count = close < 0 ? -1 : repeatCount(p.substring(i + 1, close));
          if (count >= 0) {
            long grown = mul(last[depth], count);
            total[depth] = add(Math.max(0, total[depth] - last[depth]), grown);
            last[depth] = grown;
            i = close + 1;
            continue;
          }
          i++;
          break;
        }
        default:
          i++;
      }
      total[depth] = add(total[depth], atom);
      last[depth] = atom;
    }
    long size = 0;
    for (int d = 0; d <= depth; d++) {
      size = add(size, total[d]); // unclosed groups: a syntax error, but counted
    }
    return size;
  }

  /** The copies {@code {n}}, {@code {n,}} or {@code {n,m}} makes, or -1 when it is no repetition. */
  private static long repeatCount(String inside) {
    int comma = inside.indexOf(',');
    String low = comma < 0 ? inside : inside.substring(0, comma);
    String high = comma < 0 ? inside : inside.substring(comma + 1);
    if (!digits(low) || (!high.isEmpty() && !digits(high))) {
      return -1;
    }
    long lo = number(low);
    long hi = high.isEmpty() ? lo + 1 : number(high);
    return Math.max(1, Math.max(lo, hi));
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  private static long number(String s) {
    return s.length() > 9 ? 1_000_000_000L : Long.parseLong(s);
  }

  private static long add(long a, long b) {
    return Math.min(CAP, a + b);
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > CAP / b ? CAP : Math.min(CAP, a * b);
  }
}
