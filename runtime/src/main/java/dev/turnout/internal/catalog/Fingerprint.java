package dev.turnout.internal.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * What a flag's or segment's definition says, in 16 bytes: equal definitions (equal plain data,
 * {@link Node#toPlain()}, whatever the syntax, layout, comments or order of map keys) have equal
 * fingerprints, and different ones differ but with a chance of about 2<sup>-128</sup>. A 128-bit hash
 * (MurmurHash3's x64 128-bit construction) of a canonical encoding: maps with their keys sorted, each
 * scalar tagged with its type, so {@code 10}, {@code 10.0} and {@code "10"} differ as they do in plain
 * data. Kept instead of the plain data, which costs a kilobyte or more per flag; computed instead of a
 * cryptographic digest, which took a seventh of a cold catalog load.
 */
public record Fingerprint(long high, long low) {

  private static final Comparator<Node.Field> BY_NAME = Comparator.comparing(Node.Field::name);

  /** The fingerprint of one definition. */
  public static Fingerprint of(Node node) {
    return new Encoder().of(node);
  }

  /** The fingerprint of a definition together with the fingerprint of what it may refer to. */
  public static Fingerprint of(Node node, Fingerprint shared) {
    Encoder e = new Encoder();
    e.node(node);
    e.tag('r', 0);
    e.putLong(shared.high());
    e.putLong(shared.low());
    return e.digest();
  }

  /** The fingerprint of a definition together with named parts it refers to (flagd's evaluators). */
  public static Fingerprint of(Node node, Map<String, Node> named) {
    Encoder e = new Encoder();
    e.node(node);
    String[] names = named.keySet().toArray(new String[0]);
    Arrays.sort(names);
    e.tag('m', names.length);
    for (String name : names) {
      e.string(name);
      e.node(named.get(name));
    }
    return e.digest();
  }

  /**
   * Fingerprints definitions one after the other, reusing its buffer: one per catalog read.
   * The canonical encoding is one byte of type then the content; lengths and counts make it unambiguous.
   */
  static final class Encoder {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** Maps up to this size are encoded in key order without sorting a copy of their fields (names are unique). */
    private static final int SMALL_MAP = 8;

    private byte[] bytes = new byte[256];
    private int size;

    Fingerprint of(Node node) {
      node(node);
      return digest();
    }

    void node(Node node) {
      if (node instanceof Node.MapNode) {
        Node.MapNode map = (Node.MapNode) node;
        int n = map.size();
        tag('m', n);
        if (n > SMALL_MAP) {
          Node.Field[] sorted = map.fields().toArray(new Node.Field[0]);
          Arrays.sort(sorted, BY_NAME);
          for (Node.Field f : sorted) {
            string(f.name());
            node(f.value());
          }
          return;
        }
        // A small map's fields by name without sorting a copy: each time the least name after the last one.
        String last = null;
        for (int k = 0; k < n; k++) {
          Node.Field next = null;
          for (int i = 0; i < n; i++) {
            Node.Field f = map.fieldAt(i);
            if ((last == null || f.name().compareTo(last) > 0) && (next == null || f.name().compareTo(next.name()) < 0)) {
              next = f;
            }
          }
          string(next.name());
          node(next.value());
          last = next.name();
        }
      } else if (node instanceof Node.ListNode) {
        Node.ListNode list = (Node.ListNode) node;
        int n = list.size();
        tag('l', n);
        for (int i = 0; i < n; i++) {
          node(list.item(i));
        }
      } else {
        scalar(((Node.ScalarNode) node).value());
      }
    }

    private void scalar(Object value) {
      if (value == null) {
        tag('n', 0);
      } else if (value instanceof String) {
        tag('s', 0);
        string((String) value);
      } else if (value instanceof Boolean) {
        tag((Boolean) value ? 't' : 'f', 0);
      } else if (value instanceof Long) {
        tag('i', 0);
        putLong((Long) value);
      } else {
        tag('d', 0); // a Double: equal in plain data exactly when the bits are (Double.equals)
        putLong(Double.doubleToLongBits(((Number) value).doubleValue()));
      }
    }

    void tag(char type, int count) {
      ensure(5);
      bytes[size++] = (byte) type;
      putInt(count);
    }

    void string(String s) {
      int n = s.length();
      int ascii = 0;
      while (ascii < n && s.charAt(ascii) < 0x80) {
        ascii++;
      }
      if (ascii == n) { // the usual text: its UTF-8 bytes are its characters, written without encoding a copy
        ensure(4 + n);
        putInt(n);
        for (int i = 0; i < n; i++) {
          bytes[size++] = (byte) s.charAt(i);
        }
        return;
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      ensure(4 + utf8.length);
      putInt(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    private void putInt(int v) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        bytes[size++] = (byte) (v >>> shift);
      }
    }

    void putLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[size++] = (byte) (v >>> shift);
      }
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    /** The hash of the encoding so far; starts the next encoding. */
    Fingerprint digest() {
      int blocks = size / 16;
      long h1 = 0;
      long h2 = 0;
      for (int b = 0; b < blocks; b++) {
        long k1 = longAt(bytes, b * 16);
        long k2 = longAt(bytes, b * 16 + 8);
        h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
        h1 = (Long.rotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
        h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
        h2 = (Long.rotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
      }
      long k1 = 0;
      long k2 = 0;
      for (int i = size - 1; i >= blocks * 16; i--) {
        int at = i - blocks * 16;
        long v = bytes[i] & 0xffL;
        if (at >= 8) {
          k2 |= v << (8 * (at - 8));
        } else {
          k1 |= v << (8 * at);
        }
      }
      h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
      h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
      h1 ^= size;
      h2 ^= size;
      h1 += h2;
      h2 += h1;
      h1 = mix(h1);
      h2 = mix(h2);
      h1 += h2;
      h2 += h1;
      size = 0;
      return new Fingerprint(h1, h2);
    }

    private static long mix(long k) {
      k = (k ^ (k >>> 33)) * 0xff51afd7ed558ccdL;
      k = (k ^ (k >>> 33)) * 0xc4ceb9fe1a85ec53L;
      return k ^ (k >>> 33);
    }

    private static long longAt(byte[] b, int from) {
      long v = 0;
      for (int i = from + 7; i >= from; i--) {
        v = v << 8 | (b[i] & 0xff);
      }
      return v;
    }
  }
}
