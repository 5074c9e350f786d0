package dev.turnout.internal.engine;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x86_32 (seed 0) over {@code utf8(prefix + value)}, streaming the value's UTF-8 bytes so
 * that hashing a context allocates nothing. The prefix ({@code salt + "/"}) is mixed in once, when the
 * catalog is compiled. Unpaired surrogates encode as {@code '?'}, as {@link String#getBytes} does.
 *
 * <pre>{@code
 * Murmur3 prefix = Murmur3.prefix("new-checkout/");
 * int bucket = prefix.bucket("user_123");   // 0 .. 99,999
 * }</pre>
 */
public final class Murmur3 {

  /** Number of rollout buckets: weights have three decimals, so 100 % is 100,000 buckets. */
  public static final int BUCKETS = 100_000;

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private final int h1;
  private final int pending;
  private final int pendingCount;
  private final int length;

  private Murmur3(int h1, int pending, int pendingCount, int length) {
    this.h1 = h1;
    this.pending = pending;
    this.pendingCount = pendingCount;
    this.length = length;
  }

  /** The hash state after {@code prefix}'s UTF-8 bytes. */
  public static Murmur3 prefix(String prefix) {
    return prefix(prefix, 0);
  }

  /** The hash state, with the given seed, after {@code prefix}'s UTF-8 bytes (Unleash seeds its variant hash). */
  public static Murmur3 prefix(String prefix, int seed) {
    byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
    int h1 = seed;
    int k = 0;
    int count = 0;
    for (byte b : bytes) {
      k |= (b & 0xff) << (8 * count);
      if (++count == 4) {
        h1 = mixH1(h1, k);
        k = 0;
        count = 0;
      }
    }
    return new Murmur3(h1, k, count, bytes.length);
  }

  /** The unsigned hash of prefix + value, modulo {@link #BUCKETS}. */
  public int bucket(String value) {
    return (int) ((hash(value) & 0xffffffffL) % BUCKETS);
  }

  /** The 32-bit hash of prefix + value. */
  public int hash(String value) {
    int h = h1;
    int shift = 8 * pendingCount;
    // The bytes not yet mixed, lowest first: the prefix's leftover bytes, then the value's. Holding them in
    // a long lets four characters join a block that the prefix started, whatever its leftover count.
    long bytes = pending & 0xffffffffL;
    int n = value.length();
    int i = 0;
    // ASCII, one byte per character, is the usual key: four characters make one block.
    for (; i + 4 <= n; i += 4) {
      int c0 = value.charAt(i);
      int c1 = value.charAt(i + 1);
      int c2 = value.charAt(i + 2);
      int c3 = value.charAt(i + 3);
      if ((c0 | c1 | c2 | c3) >= 0x80) {
        break;
      }
      bytes |= (c0 | c1 << 8 | c2 << 16 | (long) c3 << 24) << shift;
      h = mixH1(h, (int) bytes);
      bytes >>>= 32;
    }
    int k = (int) bytes;
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        return hashUtf8(value, i, h, k, shift >>> 3, length + i);
      }
      k |= c << shift;
      shift += 8;
      if (shift == 32) {
        h = mixH1(h, k);
        k = 0;
        shift = 0;
      }
    }
    return finish(h, k, shift >>> 3, length + n);
  }

  /** Hashing from character {@code from} on, with the state after the characters before it. */
  private static int hashUtf8(String value, int from, int h, int k, int count, int len) {
    int n = value.length();
    for (int i = from; i < n; i++) {
      char c = value.charAt(i);
      int cp = c;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        cp = Character.toCodePoint(c, value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        cp = '?';
      }
      int bytes;
      int first;
      if (cp < 0x80) {
        bytes = 1;
        first = cp;
      } else if (cp < 0x800) {
        bytes = 2;
        first = 0xc0 | (cp >>> 6);
      } else if (cp < 0x10000) {
        bytes = 3;
        first = 0xe0 | (cp >>> 12);
      } else {
        bytes = 4;
        first = 0xf0 | (cp >>> 18);
      }
      for (int b = 0; b < bytes; b++) {
        int octet = b == 0 ? first : 0x80 | ((cp >>> (6 * (bytes - 1 - b))) & 0x3f);
        k |= octet << (8 * count);
        len++;
        if (++count == 4) {
          h = mixH1(h, k);
          k = 0;
          count = 0;
        }
      }
    }
    return finish(h, k, count, len);
  }

  private static int finish(int h, int k, int count, int len) {
    if (count > 0) {
      h ^= mixK1(k);
    }
    return fmix(h ^ len);
  }

  private static int mixK1(int k1) {
    k1 *= C1;
    k1 = Integer.rotateLeft(k1, 15);
    return k1 * C2;
  }

  private static int mixH1(int h1, int k1) {
    h1 ^= mixK1(k1);
    h1 = Integer.rotateLeft(h1, 13);
    return h1 * 5 + 0xe6546b64;
  }

  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
