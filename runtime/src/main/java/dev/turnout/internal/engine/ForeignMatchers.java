package dev.turnout.internal.engine;

import dev.turnout.EvaluationContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Matchers for what foreign formats brought into the model besides case-insensitive strings (those are
 * {@link StringMatchers}'): {@code in_cidr}, and normalised (Unleash) bucketing. {@code in_cidr} parses
 * the attribute's address per call.
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
