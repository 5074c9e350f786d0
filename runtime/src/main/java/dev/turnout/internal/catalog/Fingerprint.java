package dev.turnout.internal.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a flag's or segment's definition says, in 16 bytes: two definitions have equal fingerprints exactly
 * when their plain data ({@link Node#toPlain()}) is equal, whatever the syntax, layout, comments or order
 * of map keys (up to a SHA-256 collision). The digest of a canonical encoding: maps with their keys
 * sorted, each scalar tagged with its type, so {@code 10}, {@code 10.0} and {@code "10"} differ as they
 * do in plain data. Kept instead of the plain data, which costs a kilobyte or more per flag.
 */
public record Fingerprint(long high, long low) {

  private static final Comparator<Node.Field> BY_NAME = Comparator.comparing(Node.Field::name);

  /** The fingerprint of one definition. */
  public static Fingerprint of(Node node) {
    Encoder e = new Encoder();
    e.node(node);
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

  /** The canonical encoding, one byte of type then the content; lengths and counts make it unambiguous. */
  private static final class Encoder {
    private byte[] bytes = new byte[256];
    private int size;

    void node(Node node) {
      if (node instanceof Node.MapNode) {
        List<Node.Field> fields = ((Node.MapNode) node).fields();
        Node.Field[] sorted = fields.toArray(new Node.Field[0]);
        Arrays.sort(sorted, BY_NAME);
        tag('m', sorted.length);
        for (Node.Field f : sorted) {
          string(f.name());
          node(f.value());
        }
      } else if (node instanceof Node.ListNode) {
        List<Node> items = ((Node.ListNode) node).items();
        tag('l', items.size());
        for (Node item : items) {
          node(item);
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

    private void putLong(long v) {
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

    Fingerprint digest() {
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
      sha.update(bytes, 0, size);
      byte[] d = sha.digest();
      return new Fingerprint(longAt(d, 0), longAt(d, 8));
    }

    private static long longAt(byte[] b, int from) {
      long v = 0;
      for (int i = from; i < from + 8; i++) {
        v = v << 8 | (b[i] & 0xff);
      }
      return v;
    }
  }
}
