package dev.turnout.internal.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Flag key rules, the generated constant names, and "did you mean" suggestions. */
public final class Names {

  public static final int MAX_KEY_LENGTH = 128;

  private static final Pattern NON_ALNUM_RUN = Pattern.compile("[^A-Za-z0-9]+");

  private Names() {}

  /** Whether {@code key} is a valid flag (or variant) key: {@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most 128 characters. */
  public static boolean isValidKey(String key) {
    int n = key.length();
    if (n == 0 || n > MAX_KEY_LENGTH || !isAsciiAlnum(key.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = key.charAt(i);
      if (!isAsciiAlnum(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * The {@code Flags} constant for a key: upper-cased, each run of other characters turned into
   * {@code _}; a leading digit gets a {@code _} in front so the name is a Java identifier.
   */
  public static String constantName(String key) {
    if (key.isEmpty() || !isAscii(key)) {
      // Upper-casing can turn other letters into ASCII ones ('\u00df' is "SS"): the general way.
      String name = NON_ALNUM_RUN.matcher(key.toUpperCase(Locale.ROOT)).replaceAll("_");
      return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }
    StringBuilder name = new StringBuilder(key.length() + 1);
    boolean inRun = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (isAsciiAlnum(c)) {
        name.append(c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
        inRun = false;
      } else if (!inRun) {
        name.append('_');
        inRun = true;
      }
    }
    if (name.length() > 0 && name.charAt(0) >= '0' && name.charAt(0) <= '9') {
      name.insert(0, '_');
    }
    return name.toString();
  }

  /** Up to {@code max} candidates closest to {@code input}, closest first; only reasonably close ones. */
  public static List<String> closest(String input, Collection<String> candidates, int max) {
    List<String> close = new ArrayList<>();
    for (String c : candidates) {
      int limit = Math.max(2, Math.max(input.length(), c.length()) / 3);
      if (distance(input.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)) <= limit) {
        close.add(c);
      }
    }
    close.sort(Comparator.comparingInt((String c) -> distance(input, c)).thenComparing(Comparator.naturalOrder()));
    return close.size() > max ? close.subList(0, max) : close;
  }

  /** " (did you mean 'a' or 'b'?)" with the closest candidates (ties only), or "" when nothing is close. */
  public static String didYouMean(String input, Collection<String> candidates) {
    List<String> close = new ArrayList<>(closest(input, candidates, 3));
    if (close.isEmpty()) {
      return "";
    }
    int best = distance(input, close.get(0));
    close.removeIf(c -> distance(input, c) > best);
    StringBuilder s = new StringBuilder(" (did you mean ");
    for (int i = 0; i < close.size(); i++) {
      if (i > 0) {
        s.append(i == close.size() - 1 ? " or " : ", ");
      }
      s.append('\'').append(close.get(i)).append('\'');
    }
    return s.append("?)").toString();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
