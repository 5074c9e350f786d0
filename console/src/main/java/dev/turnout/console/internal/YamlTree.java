package dev.turnout.console.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each value of a YAML document is in its text: the parser's own token positions (Jackson's YAML
 * parser, the one the runtime reads catalogs with), so that an edit replaces exactly the characters of one
 * value and leaves every comment, blank line and other value as written.
 */
final class YamlTree {

  /** One value: its character range, and for a mapping its members (key start offsets too), for a list its items. */
  static final class Node {
    final int start;
    int end;
    final boolean flow;
    final String scalar;
    final Map<String, Node> members = new LinkedHashMap<>();
    final Map<String, Integer> keyStarts = new LinkedHashMap<>();
    final List<Node> items = new ArrayList<>();
    final JsonToken kind;

    Node(JsonToken kind, int start, boolean flow, String scalar) {
      this.kind = kind;
      this.start = start;
      this.flow = flow;
      this.scalar = scalar;
    }

    boolean isMapping() {
      return kind == JsonToken.START_OBJECT;
    }

    boolean isList() {
      return kind == JsonToken.START_ARRAY;
    }

    Node get(String key) {
      return members.get(key);
    }
  }

  private final String text;
  private final boolean oneUnitPerCodePoint;

  private YamlTree(String text) {
    this.text = text;
    this.oneUnitPerCodePoint = text.codePointCount(0, text.length()) == text.length();
  }

  /** The tree of {@code text}, which the caller has already validated as a catalog. */
  static Node parse(String text) {
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IllegalArgumentException("empty document");
      }
      return new YamlTree(text).read(p, t);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Node read(JsonParser p, JsonToken t) throws IOException {
    int start = offset(p.currentTokenLocation().getCharOffset());
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      boolean flow = start < text.length() && (text.charAt(start) == '{' || text.charAt(start) == '[');
      Node node = new Node(t, start, flow, null);
      for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT && n != JsonToken.END_ARRAY; n = p.nextToken()) {
        if (n == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyStart = offset(p.currentTokenLocation().getCharOffset());
          node.keyStarts.put(key, keyStart);
          node.members.put(key, read(p, p.nextToken()));
        } else {
          node.items.add(read(p, n));
        }
      }
      node.end = flow ? offset(p.currentLocation().getCharOffset()) : -1;
      return node;
    }
    Node node = new Node(t, start, false, p.getText());
    node.end = offset(p.currentLocation().getCharOffset());
    return node;
  }

  /** SnakeYAML counts code points; Java strings count UTF-16 units. */
  private int offset(long codePoints) {
    if (oneUnitPerCodePoint) {
      return (int) Math.min(codePoints, text.length());
    }
    return text.offsetByCodePoints(0, (int) Math.min(codePoints, text.codePointCount(0, text.length())));
  }
}
