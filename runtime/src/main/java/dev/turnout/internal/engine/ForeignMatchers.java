package dev.turnout.internal.engine;

import com.google.re2j.Pattern;
import dev.turnout.EvaluationContext;
import dev.turnout.internal.catalog.Catalog.Clause;
import dev.turnout.internal.catalog.Patterns;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Matchers for what foreign formats brought into the model: case-insensitive string operators,
 * {@code in_cidr}, and normalised (Unleash) bucketing. Case-insensitive operators compare in place
 * ({@link String#regionMatches(boolean, int, String, int, int)}) and allocate nothing; {@code in_cidr}
 * parses the attribute's address per call.
 */
final class ForeignMatchers {

  private ForeignMatchers() {}

  /** The first present stickiness attribute's bucket, 1..n; 0 when the context has none of them. */
  static int normalizedBucket(EvaluationContext ctx, String[] stickiness, Murmur3 hash, int n, RandomGenerator random) {
    for (String name : stickiness) {
      if ("random".equals(name)) {
        return random.nextInt(n) + 1;
      }
      String v = ctx.getText(name);
      if (v != null) {
        return (int) ((hash.hash(v) & 0xffffffffL) % n) + 1;
      }
    }
    return 0;
  }

  static Matcher ignoringCase(Clause c) {
    String name = c.attribute();
    String[] texts = new String[c.values().size()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = String.valueOf(c.values().get(i));
    }
    switch (c.op()) {
      case EQUALS:
      case IN:
        return (ctx, clock) -> {
          String v = ctx.getText(name);
          return v != null && anyEqual(v, texts);
        };
      case NOT_EQUALS:
      case NOT_IN:
        return (ctx, clock) -> {
          String v = ctx.getText(name);
          return v != null && !anyEqual(v, texts);
        };
      case STARTS_WITH:
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
      case ENDS_WITH:
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
      case CONTAINS:
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
      case MATCHES: {
        Pattern[] patterns = new Pattern[texts.length];
        for (int i = 0; i < texts.length; i++) {
          patterns[i] = Pattern.compile(texts[i], Pattern.CASE_INSENSITIVE);
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
      default:
        return Matchers.clause(c);
    }
  }

  private static boolean anyEqual(String v, String[] texts) {
    for (String t : texts) {
      if (t.equalsIgnoreCase(v)) {
        return true;
      }
    }
    return false;
  }

  /** {@code in_cidr}: the attribute is an IP address inside one of the ranges ({@code 10.0.0.0/8}, a plain address, IPv6). */
  static Matcher inCidr(String name, String[] texts) {
    List<byte[]> networks = new ArrayList<>();
    List<Integer> prefixes = new ArrayList<>();
    for (String t : texts) {
      int slash = t.indexOf('/');
      byte[] address = parseAddress(slash < 0 ? t.strip() : t.substring(0, slash).strip());
      if (address == null) {
        continue; // an invalid range never matches; the others still do
      }
      int prefix = address.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(t.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
          continue;
        }
        if (prefix < 0 || prefix > address.length * 8) {
          continue;
        }
      }
      networks.add(address);
      prefixes.add(prefix);
    }
    byte[][] nets = networks.toArray(new byte[0][]);
    int[] bits = prefixes.stream().mapToInt(Integer::intValue).toArray();
    return (ctx, clock) -> {
      String v = ctx.getText(name);
      if (v == null || nets.length == 0) {
        return false;
      }
      byte[] address = parseAddress(v.strip());
      if (address == null) {
        return false;
      }
      for (int i = 0; i < nets.length; i++) {
        if (inRange(address, nets[i], bits[i])) {
          return true;
        }
      }
      return false;
    };
  }

  private static boolean inRange(byte[] address, byte[] network, int prefix) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  /** An IPv4 or IPv6 literal's bytes, or null; never a name lookup. */
  static byte[] parseAddress(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return parseIpv4(text);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') {
        return null; // only literals: a zone id or a name would let the JDK look something up
      }
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress(); // an IPv6 literal: parsed, not resolved
      return bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] parseIpv4(String text) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }
}
