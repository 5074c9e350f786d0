package dev.turnout.internal.catalog;

import java.math.BigDecimal;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A quick reader for the YAML catalogs are usually written in: block mappings and sequences, flow
 * collections, one-line plain and quoted scalars, comments. It builds the same {@link Node} tree,
 * positions included, as the full parser behind {@link TreeReader} (SnakeYAML through Jackson, with its
 * YAML 1.1 scalar types), several times faster. It answers null for anything else, and for anything
 * wrong, so that the full parser reads those documents and reports their problems: multi-line scalars,
 * block scalars ({@code |}, {@code >}), escapes, anchors, aliases, tags, directives, document markers,
 * tabs, carriage returns, empty values, duplicate keys, keys longer than the full parser takes, and
 * scalars whose type it does not settle itself (octal, hexadecimal, exponents, {@code .inf}, ...).
 */
final class PlainYaml {

  /** YAML 1.1's implicit types, as the full parser resolves them. */
  private static final Resolver RESOLVER = new Resolver();

  /** Thrown to give up on a document; it carries no stack trace and is never seen outside. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED = new Unsupported();

  /**
   * The longest key taken, in characters from its start to its colon: the full parser looks for the
   * colon of a key without {@code ?} within 1,024 characters and fails beyond.
   */
  private static final int MAX_KEY_SPAN = 1000;

  private final String text;
  private final int maxDepth;
  private final UnaryOperator<String> shared;
  private final int end;
  /** The reading position, the current line (1-based) and where that line starts. */
  private int pos;
  private int line = 1;
  private int lineStart;

  private PlainYaml(String text, int maxDepth, UnaryOperator<String> shared) {
    this.text = text;
    this.maxDepth = maxDepth;
    this.shared = shared;
    this.end = text.length();
  }

  /**
   * The document's tree, or null when it is not in the subset this reader handles (or is not valid).
   *
   * @param shared gives the one String kept for each distinct key and string value
   */
  static Node read(String text, int maxDepth, UnaryOperator<String> shared) {
    PlainYaml reader = new PlainYaml(text, maxDepth, shared);
    try {
      return reader.document();
    } catch (Unsupported e) {
      return null;
    }
  }

  /**
   * Whether this reader takes the character inside a scalar or comment: printable characters of the
   * basic multilingual plane, which the full parser positions as this reader does (not tabs, carriage
   * returns, other line breaks, byte order marks or surrogates). Checked as scalars and comments are
   * read, the only places other characters than spaces, line feeds and indicators can be.
   */
  private static boolean plain(char c) {
    return c >= 0x20 && c < 0x7f || c >= 0xa0 && c < 0xd800 && c != 0x2028 && c != 0x2029 || c >= 0xe000 && c < 0xfeff;
  }

  /** Where the comment starting at {@code from} ends: its line feed, or the end of the text (-1). */
  private int commentEnd(int from) {
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return i;
      }
      if (!plain(c)) {
        throw unsupported();
      }
    }
    return -1;
  }

  private static Unsupported unsupported() {
    return UNSUPPORTED;
  }

  private Node document() {
    int indent = nextContentLine();
    if (indent != 0 || text.startsWith("---", pos) || text.startsWith("...", pos) || text.charAt(pos) == '%') {
      throw unsupported();
    }
    Node root = blockNode(0, 1);
    if (nextContentLine() >= 0) {
      throw unsupported();
    }
    return root;
  }

  // ---- lines

  /**
   * Moves to the first character of the next line that is neither blank nor a comment, from the start
   * of a line (or the end of the text); returns that line's indentation, or -1 at the end of the text.
   */
  private int nextContentLine() {
    while (pos < end) {
      int i = pos;
      while (i < end && text.charAt(i) == ' ') {
        i++;
      }
      if (i == end) {
        pos = end;
        return -1;
      }
      char c = text.charAt(i);
      if (c == '\n') {
        newLine(i + 1);
      } else if (c == '#') {
        int nl = commentEnd(i);
        if (nl < 0) {
          pos = end;
          return -1;
        }
        newLine(nl + 1);
      } else {
        pos = i;
        return i - lineStart;
      }
    }
    return -1;
  }

  private void newLine(int next) {
    pos = next;
    line++;
    lineStart = next;
  }

  /** After a value: spaces, then the end of the line or a comment; moves to the next line. */
  private void endOfLine() {
    skipSpaces();
    if (pos == end) {
      return;
    }
    char c = text.charAt(pos);
    if (c == '#' && text.charAt(pos - 1) == ' ') {
      int nl = commentEnd(pos);
      if (nl < 0) {
        pos = end;
        return;
      }
      newLine(nl + 1);
    } else if (c == '\n') {
      newLine(pos + 1);
    } else {
      throw unsupported();
    }
  }

  private void skipSpaces() {
    while (pos < end && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private int column() {
    return pos - lineStart + 1;
  }

  private boolean atLineEnd() {
    return pos == end || text.charAt(pos) == '\n' || text.charAt(pos) == '#' && text.charAt(pos - 1) == ' ';
  }

  private boolean dashEntry() {
    return text.charAt(pos) == '-' && (pos + 1 == end || text.charAt(pos + 1) == ' ' || text.charAt(pos + 1) == '\n');
  }

  // ---- block collections

  /** A mapping or sequence starting at {@code pos}, on a line indented by {@code indent}. */
  private Node blockNode(int indent, int depth) {
    if (depth > maxDepth) {
      throw unsupported();
    }
    char c = text.charAt(pos);
    if (c == '{' || c == '[') {
      throw unsupported(); // a flow collection on a line of its own may span lines
    }
    return dashEntry() ? blockSequence(indent, false, depth) : blockMapping(indent, depth);
  }

  /** A block mapping whose keys are at column {@code indent} (0-based); {@code pos} is at its first key. */
  private Node.MapNode blockMapping(int indent, int depth) {
    if (depth > maxDepth) {
      throw unsupported();
    }
    Node.MapNode map = new Node.MapNode(line, column());
    while (true) {
      int keyLine = line;
      int keyColumn = column();
      String key = blockKey();
      skipSpaces();
      Node value;
      if (atLineEnd()) {
        endOfLine();
        int next = nextContentLine();
        if (next > indent) {
          value = blockNode(next, depth + 1);
        } else if (next == indent && dashEntry()) {
          value = blockSequence(indent, true, depth + 1);
        } else {
          throw unsupported(); // an empty value
        }
      } else {
        value = inlineValue(depth + 1);
        endOfLine();
      }
      if (!map.add(new Node.Field(key, keyLine, keyColumn, value))) {
        throw unsupported(); // the full parser reports the duplicate
      }
      int next = nextContentLine();
      if (next < indent) {
        return map;
      }
      if (next > indent || dashEntry()) {
        throw unsupported();
      }
    }
  }

  /**
   * A block sequence of entries at column {@code indent}; {@code indentless} when it is a mapping value
   * written at the mapping's own indentation (it ends at the first line that is not an entry).
   */
  private Node.ListNode blockSequence(int indent, boolean indentless, int depth) {
    if (depth > maxDepth) {
      throw unsupported();
    }
    Node.ListNode list = new Node.ListNode(line, column());
    while (true) {
      pos++; // the dash
      skipSpaces();
      if (atLineEnd()) {
        endOfLine();
        int next = nextContentLine();
        if (next <= indent) {
          throw unsupported(); // an empty entry
        }
        list.add(blockNode(next, depth + 1));
      } else if (dashEntry()) {
        throw unsupported(); // a sequence in an entry's line
      } else if (startsKey()) {
        list.add(blockMapping(pos - lineStart, depth + 1));
        // the mapping read up to the next line at or left of the entry
        if (pos == end || atSequenceEnd(indent, indentless)) {
          return list;
        }
        continue;
      } else {
        list.add(inlineValue(depth + 1));
        endOfLine();
      }
      nextContentLine();
      if (pos == end || atSequenceEnd(indent, indentless)) {
        return list;
      }
    }
  }

  /** At the first character of a content line: whether the sequence ends here (else another entry follows). */
  private boolean atSequenceEnd(int indent, boolean indentless) {
    int at = pos - lineStart;
    if (at > indent) {
      throw unsupported();
    }
    if (at == indent && dashEntry()) {
      return false;
    }
    if (at == indent && !indentless) {
      throw unsupported();
    }
    return true;
  }

  /** Whether a block mapping starts at {@code pos}: a key, then a colon and a space or the end of the line. */
  private boolean startsKey() {
    int start = pos;
    int startLine = line;
    int startOfLine = lineStart;
    try {
      blockKey();
      return true;
    } catch (Unsupported e) {
      return false;
    } finally {
      pos = start;
      line = startLine;
      lineStart = startOfLine;
    }
  }

  /** A mapping key and its colon; {@code pos} ends after the colon. */
  private String blockKey() {
    int keyStart = pos;
    char c = text.charAt(pos);
    String key;
    if (c == '\'' || c == '"') {
      key = quoted(c);
      skipSpaces();
    } else {
      int start = pos;
      int stop = plainEnd(false);
      if (stop == start) {
        throw unsupported();
      }
      key = text.substring(start, stop);
      pos = stop;
      skipSpaces();
    }
    if (pos >= end || text.charAt(pos) != ':' || pos - keyStart > MAX_KEY_SPAN) {
      throw unsupported();
    }
    pos++;
    if (pos < end && text.charAt(pos) != ' ' && text.charAt(pos) != '\n') {
      throw unsupported();
    }
    return shared.apply(key);
  }

  /** A value written on the key's (or entry's) line: a scalar or a one-line flow collection. */
  private Node inlineValue(int depth) {
    if (depth > maxDepth) {
      throw unsupported();
    }
    char c = text.charAt(pos);
    if (c == '{' || c == '[') {
      return flow(depth);
    }
    int l = line;
    int col = column();
    if (c == '\'' || c == '"') {
      String s = shared.apply(quoted(c));
      return new Node.ScalarNode(s, s, l, col);
    }
    int start = pos;
    pos = plainEnd(false);
    if (pos == start) {
      throw unsupported();
    }
    if (pos < end && text.charAt(pos) == ':') {
      throw unsupported(); // "a: b: c"
    }
    return plainScalar(text.substring(start, pos), l, col);
  }

  // ---- flow collections

  /** Spaces, line breaks and comments between the parts of a flow collection. */
  private void flowSpace() {
    while (pos < end) {
      char c = text.charAt(pos);
      if (c == ' ') {
        pos++;
      } else if (c == '\n') {
        newLine(pos + 1);
      } else if (c == '#' && (text.charAt(pos - 1) == ' ' || text.charAt(pos - 1) == '\n')) {
        int nl = commentEnd(pos);
        if (nl < 0) {
          pos = end;
        } else {
          newLine(nl + 1);
        }
      } else {
        return;
      }
    }
  }

  private Node flow(int depth) {
    if (depth > maxDepth) {
      throw unsupported();
    }
    int l = line;
    int col = column();
    boolean isMap = text.charAt(pos) == '{';
    char close = isMap ? '}' : ']';
    pos++;
    flowSpace();
    Node.MapNode map = isMap ? new Node.MapNode(l, col) : null;
    Node.ListNode list = isMap ? null : new Node.ListNode(l, col);
    if (pos < end && text.charAt(pos) == close) {
      pos++;
      return isMap ? map : list;
    }
    while (true) {
      if (pos >= end) {
        throw unsupported();
      }
      if (isMap) {
        int keyLine = line;
        int keyColumn = column();
        String key = flowKey();
        flowSpace();
        Node value = flowValue(depth + 1);
        if (!map.add(new Node.Field(key, keyLine, keyColumn, value))) {
          throw unsupported();
        }
      } else {
        list.add(flowValue(depth + 1));
      }
      flowSpace();
      if (pos >= end) {
        throw unsupported();
      }
      char c = text.charAt(pos++);
      if (c == close) {
        return isMap ? map : list;
      }
      if (c != ',') {
        throw unsupported();
      }
      flowSpace();
      if (pos >= end || text.charAt(pos) == close) {
        throw unsupported(); // a trailing comma
      }
    }
  }

  private String flowKey() {
    int keyStart = pos;
    char c = text.charAt(pos);
    String key;
    if (c == '\'' || c == '"') {
      key = quoted(c);
    } else {
      int start = pos;
      int stop = plainEnd(true);
      if (stop == start) {
        throw unsupported();
      }
      key = text.substring(start, stop);
      pos = stop;
    }
    if (pos >= end || text.charAt(pos) != ':' || pos + 1 >= end || text.charAt(pos + 1) != ' '
        || pos - keyStart > MAX_KEY_SPAN) {
      throw unsupported(); // only "key: value" pairs
    }
    pos += 2;
    flowSpace();
    return shared.apply(key);
  }

  private Node flowValue(int depth) {
    if (pos >= end || depth > maxDepth) {
      throw unsupported();
    }
    char c = text.charAt(pos);
    if (c == '{' || c == '[') {
      return flow(depth);
    }
    int l = line;
    int col = column();
    if (c == '\'' || c == '"') {
      String s = shared.apply(quoted(c));
      return new Node.ScalarNode(s, s, l, col);
    }
    int start = pos;
    pos = plainEnd(true);
    if (pos == start || pos < end && text.charAt(pos) == ':') {
      throw unsupported(); // an empty value, or a pair in a sequence
    }
    return plainScalar(text.substring(start, pos), l, col);
  }

  // ---- scalars

  /**
   * Where the plain scalar starting at {@code pos} ends (trailing spaces excluded): at the end of the
   * line, a comment, a colon followed by a space (or the end of the line), or in flow context a flow
   * indicator or any colon. Gives up on what this reader does not handle in a plain scalar.
   */
  private int plainEnd(boolean inFlow) {
    char first = text.charAt(pos);
    if ("&*!|>'\"%@`#,[]{}?:".indexOf(first) >= 0) {
      throw unsupported();
    }
    if (first == '-') {
      char next = pos + 1 < end ? text.charAt(pos + 1) : '\n';
      if (next == ' ' || next == '\n' || inFlow && ",[]{}".indexOf(next) >= 0) {
        throw unsupported();
      }
    }
    int i = pos;
    int lastNonSpace = pos;
    while (i < end) {
      char c = text.charAt(i);
      if (c == '\n') {
        break;
      }
      if (!plain(c)) {
        throw unsupported();
      }
      if (c == '#') {
        if (text.charAt(i - 1) == ' ') {
          break;
        }
        if (inFlow) {
          throw unsupported();
        }
      } else if (c == ':') {
        char next = i + 1 < end ? text.charAt(i + 1) : '\n';
        if (next == ' ' || next == '\n' || inFlow && ",[]{}".indexOf(next) >= 0) {
          break;
        }
      } else if (inFlow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) {
        break;
      } else if (inFlow && c == '?') {
        throw unsupported();
      }
      i++;
      if (c != ' ') {
        lastNonSpace = i;
      }
    }
    return lastNonSpace;
  }

  /** A quoted scalar on one line, without escapes but {@code ''} in single quotes; {@code pos} ends after it. */
  private String quoted(char quote) {
    int i = pos + 1;
    StringBuilder sb = null;
    int from = i;
    while (true) {
      if (i >= end) {
        throw unsupported();
      }
      char c = text.charAt(i);
      if (c == '\n' || c == '\\' && quote == '"' || !plain(c)) {
        throw unsupported();
      }
      if (c == quote) {
        if (quote == '\'' && i + 1 < end && text.charAt(i + 1) == '\'') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(text, from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        String s = sb == null ? text.substring(from, i) : sb.append(text, from, i).toString();
        pos = i + 1;
        return s;
      }
      i++;
    }
  }

  /** A plain scalar typed as the full parser types it: YAML 1.1 booleans and nulls, decimal numbers, else text. */
  private Node plainScalar(String s, int l, int col) {
    switch (s) {
      case "true": case "True": case "TRUE": case "yes": case "Yes": case "YES": case "on": case "On": case "ON":
        return new Node.ScalarNode(Boolean.TRUE, s, l, col);
      case "false": case "False": case "FALSE": case "no": case "No": case "NO": case "off": case "Off": case "OFF":
        return new Node.ScalarNode(Boolean.FALSE, s, l, col);
      case "null": case "Null": case "NULL": case "~":
        return new Node.ScalarNode(null, "null", l, col);
      default:
        break;
    }
    char c = s.charAt(0);
    if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
      int digits = decimalDigits(s);
      if (digits == s.length()) {
        if (digits <= 18) {
          return new Node.ScalarNode(Long.parseLong(s), s, l, col);
        }
      } else if (digits > 0 && s.length() <= 40) {
        return new Node.ScalarNode(new BigDecimal(s).doubleValue(), s, l, col);
      }
    }
    if ((c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') && "yYnNtTfFoO".indexOf(c) < 0) {
      // YAML 1.1 gives a type other than text only to scalars starting with a digit, a sign, a point or
      // one of these letters (booleans, nulls), or that are empty.
      String text = shared.apply(s);
      return new Node.ScalarNode(text, text, l, col);
    }
    Tag tag = RESOLVER.resolve(NodeId.scalar, s, true);
    if (!Tag.STR.equals(tag) && !Tag.TIMESTAMP.equals(tag)) {
      throw unsupported(); // a number in another form, .inf, ...
    }
    String text = shared.apply(s);
    return new Node.ScalarNode(text, text, l, col);
  }

  /**
   * For {@code -?(0|[1-9][0-9]*)}: its length; for that followed by {@code .[0-9]+}: the length before
   * the point (at least 1); else 0.
   */
  private static int decimalDigits(String s) {
    int i = s.charAt(0) == '-' ? 1 : 0;
    int n = s.length();
    if (i == n || s.charAt(i) < '0' || s.charAt(i) > '9' || s.charAt(i) == '0' && i + 1 < n && s.charAt(i + 1) != '.') {
      return 0;
    }
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == n) {
      return n;
    }
    int point = i;
    if (s.charAt(i) != '.' || i + 1 == n) {
      return 0;
    }
    for (i++; i < n; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return 0;
      }
    }
    return point;
  }
}
