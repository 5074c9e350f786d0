package dev.turnout.internal.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Semantic versions (semver.org precedence: numbers compare as numbers, a pre-release sorts before its
 * release, build metadata is ignored). Accepted leniently as people write them: an optional leading
 * {@code v}, and missing minor or patch numbers read as 0 ({@code 2.4} is {@code 2.4.0}).
 *
 * <p>Hand-written rather than a library: {@link #compare(String, SemVer)} compares an attribute's text
 * against a version parsed at load time without allocating, which is what the hot path needs.
 */
public final class SemVer implements Comparable<SemVer> {

  /** What {@link #compare} answers for text that is not a version. */
  public static final int INVALID = Integer.MIN_VALUE;

  private final long major;
  private final long minor;
  private final long patch;
  /** Pre-release identifiers; empty for a release. */
  private final String[] pre;

  private SemVer(long major, long minor, long patch, String[] pre) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
  }

  /** The major number. */
  public long major() {
    return major;
  }

  /** The minor number. */
  public long minor() {
    return minor;
  }

  /** The version, or null when {@code text} is not one. */
  public static SemVer parse(String text) {
    Scan s = new Scan(text);
    if (!s.run()) {
      return null;
    }
    String[] pre = new String[0];
    if (s.preStart < s.preEnd) {
      List<String> ids = new ArrayList<>();
      int from = s.preStart;
      for (int i = s.preStart; i <= s.preEnd; i++) {
        if (i == s.preEnd || text.charAt(i) == '.') {
          ids.add(text.substring(from, i));
          from = i + 1;
        }
      }
      pre = ids.toArray(pre);
    }
    return new SemVer(s.major, s.minor, s.patch, pre);
  }

  /**
   * Compares the version written in {@code text} with {@code target} without allocating: negative,
   * zero or positive as text is lower, equal or higher; {@link #INVALID} when text is not a version.
   */
  public static int compare(String text, SemVer target) {
    if (text == null) {
      return INVALID;
    }
    // The scanner's state lives in locals here (not a Scan object) so the hot path allocates nothing.
    int n = text.length();
    int i = 0;
    if (n > 0 && (text.charAt(0) == 'v' || text.charAt(0) == 'V')) {
      i = 1;
    }
    long major = 0;
    int start = i;
    while (i < n && isDigit(text.charAt(i))) {
      if (major > (Long.MAX_VALUE - 9) / 10) {
        return INVALID;
      }
      major = major * 10 + (text.charAt(i++) - '0');
    }
    if (i == start) {
      return INVALID;
    }
    long minor = 0;
    long patch = 0;
    if (i < n && text.charAt(i) == '.') {
      start = ++i;
      while (i < n && isDigit(text.charAt(i))) {
        if (minor > (Long.MAX_VALUE - 9) / 10) {
          return INVALID;
        }
        minor = minor * 10 + (text.charAt(i++) - '0');
      }
      if (i == start) {
        return INVALID;
      }
      if (i < n && text.charAt(i) == '.') {
        start = ++i;
        while (i < n && isDigit(text.charAt(i))) {
          if (patch > (Long.MAX_VALUE - 9) / 10) {
            return INVALID;
          }
          patch = patch * 10 + (text.charAt(i++) - '0');
        }
        if (i == start) {
          return INVALID;
        }
      }
    }
    int preStart = i;
    int preEnd = i;
    if (i < n && text.charAt(i) == '-') {
      preStart = ++i;
      while (i < n && text.charAt(i) != '+') {
        char c = text.charAt(i);
        if (!(isIdentChar(c) || c == '.') || (c == '.' && (i == preStart || text.charAt(i - 1) == '.'))) {
          return INVALID;
        }
        i++;
      }
      preEnd = i;
      if (preEnd == preStart || text.charAt(preEnd - 1) == '.') {
        return INVALID;
      }
    }
    if (i < n && text.charAt(i) == '+') {
      int buildStart = ++i;
      while (i < n && (isIdentChar(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      if (i == buildStart) {
        return INVALID;
      }
    }
    if (i != n) {
      return INVALID;
    }
    int c = Long.compare(major, target.major);
    if (c == 0) {
      c = Long.compare(minor, target.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, target.patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    return comparePre(text, preStart, preEnd, target.pre);
  }

  private static int comparePre(String text, int from, int end, String[] pre) {
    boolean textRelease = from == end;
    boolean targetRelease = pre.length == 0;
    if (textRelease || targetRelease) {
      return textRelease == targetRelease ? 0 : textRelease ? 1 : -1;
    }
    int id = 0;
    int i = from;
    while (true) {
      if (i >= end && id >= pre.length) {
        return 0;
      }
      if (i >= end) {
        return -1; // fewer identifiers: lower precedence
      }
      if (id >= pre.length) {
        return 1;
      }
      int j = i;
      while (j < end && text.charAt(j) != '.') {
        j++;
      }
      int c = compareIdentifier(text, i, j, pre[id]);
      if (c != 0) {
        return c;
      }
      i = j + 1;
      id++;
    }
  }

  private static int compareIdentifier(String text, int from, int to, String other) {
    boolean aNumeric = isNumeric(text, from, to);
    boolean bNumeric = isNumeric(other, 0, other.length());
    if (aNumeric && bNumeric) {
      // Compare as numbers without parsing: strip leading zeros, then longer is larger.
      while (from < to - 1 && text.charAt(from) == '0') {
        from++;
      }
      int bFrom = 0;
      while (bFrom < other.length() - 1 && other.charAt(bFrom) == '0') {
        bFrom++;
      }
      int lenA = to - from;
      int lenB = other.length() - bFrom;
      if (lenA != lenB) {
        return lenA < lenB ? -1 : 1;
      }
      for (int k = 0; k < lenA; k++) {
        int c = Character.compare(text.charAt(from + k), other.charAt(bFrom + k));
        if (c != 0) {
          return Integer.signum(c);
        }
      }
      return 0;
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1; // numeric identifiers sort before alphanumeric ones
    }
    int lenA = to - from;
    int len = Math.min(lenA, other.length());
    for (int k = 0; k < len; k++) {
      int c = Character.compare(text.charAt(from + k), other.charAt(k));
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return Integer.compare(lenA, other.length());
  }

  private static boolean isNumeric(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return to > from;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  @Override
  public int compareTo(SemVer o) {
    return -compare(o.toString(), this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemVer && compareTo((SemVer) o) == 0;
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre.length == 0 ? "" : "-" + String.join(".", pre));
  }

  /** The structural scan for {@link #parse}; {@link #compare} repeats it in locals to stay allocation-free. */
  private static final class Scan {
    final String text;
    long major;
    long minor;
    long patch;
    int preStart;
    int preEnd;

    Scan(String text) {
      this.text = text;
    }

    boolean run() {
      if (text == null) {
        return false;
      }
      // Reuse compare's validation by comparing with a zero version; INVALID means not a version.
      if (compare(text, ZERO) == INVALID) {
        return false;
      }
      int i = text.startsWith("v") || text.startsWith("V") ? 1 : 0;
      int end = text.indexOf('+');
      String core = end < 0 ? text.substring(i) : text.substring(i, end);
      int dash = core.indexOf('-');
      String numbers = dash < 0 ? core : core.substring(0, dash);
      String[] parts = numbers.split("\\.");
      major = Long.parseLong(parts[0]);
      minor = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
      patch = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
      if (dash < 0) {
        preStart = preEnd = 0;
      } else {
        preStart = i + dash + 1;
        preEnd = i + core.length();
      }
      return true;
    }
  }

  private static final SemVer ZERO = new SemVer(0, 0, 0, new String[0]);
}
