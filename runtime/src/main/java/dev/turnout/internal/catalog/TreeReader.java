package dev.turnout.internal.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.turnout.CatalogFormat;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads catalog text into a {@link Node} tree with Jackson's streaming parsers (the same code for
 * YAML and JSON). Hostile input is refused early: a size cap, a nesting cap, and no YAML anchors,
 * aliases or tags, so neither alias bombs nor type tags can reach anything.
 */
final class TreeReader {

  /** Largest catalog accepted, in characters (4 MiB): read, or refused, well within a second. */
  static final int MAX_CHARS = 4 * 1024 * 1024;
  /** Deepest nesting accepted; real catalogs stay under 15. */
  static final int MAX_DEPTH = 64;

  /** The parsers, set up when first needed. */
  private static final class Parsers {
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH + 1)
        .maxNumberLength(100)
        .maxStringLength(MAX_CHARS)
        .maxDocumentLength(MAX_CHARS)
        .build();

    static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(CONSTRAINTS)
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();

    static final YamlParsers.Factory YAML;

    static {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(MAX_CHARS);
      options.setNestingDepthLimit(MAX_DEPTH + 1);
      options.setMaxAliasesForCollections(0);
      options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with their position
      YAML = new YamlParsers.Factory(YAMLFactory.builder().loaderOptions(options).streamReadConstraints(CONSTRAINTS));
    }

    private Parsers() {}
  }

  private final Problems problems;
  /**
   * One String for each distinct key and string value of the document: the catalog model keeps many
   * of them (attribute names, values, variant names), and keeps each text once.
   */
  private final Map<String, String> strings;
  private JsonParser parser;
  /** The parser when it reads YAML, else null. */
  private YamlParsers.Parser yaml;

  private TreeReader(Problems problems, int chars) {
    this.problems = problems;
    this.strings = new HashMap<>(Math.max(16, chars / 64)); // a flag takes a hundred characters or more
  }

  /** The tree, or null when the text cannot be read at all (the reason is then in {@code problems}). */
  static Node read(String text, CatalogFormat format, Problems problems) {
    return read(text, format, problems, Superseded.NEVER);
  }

  /**
   * The tree, or null as {@link #read(String, CatalogFormat, Problems)}; throws {@link Superseded} when
   * {@code newer} says so before a chunk of the text is parsed.
   */
  static Node read(String text, CatalogFormat format, Problems problems, BooleanSupplier newer) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1); // a leading byte order mark, in JSON as in YAML
    }
    if (text.length() > MAX_CHARS) {
      problems.add(0, 0, "catalog is larger than the limit of " + MAX_CHARS + " characters");
      return null;
    }
    if (text.isBlank()) {
      problems.add(0, 0, "catalog is empty: expected a map with a 'flags' field");
      return null;
    }
    int replaced = text.indexOf('\uFFFD');
    if (replaced >= 0) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < replaced; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      problems.add(line, replaced - lineStart + 1, "the catalog holds U+FFFD, the replacement character: it was read "
          + "from bytes that are not valid UTF-8; save it as UTF-8");
      return null;
    }
    if (format == CatalogFormat.YAML && text.indexOf('&') >= 0 && anchorFound(text, problems)) {
      return null;
    }
    TreeReader reader = new TreeReader(problems, text.length());
    try (JsonParser p = parser(text, format, newer)) {
      reader.parser = p;
      reader.yaml = p instanceof YamlParsers.Parser ? (YamlParsers.Parser) p : null;
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.add(0, 0, "catalog is empty: expected a map with a 'flags' field");
        return null;
      }
      Node root = reader.value(first, 1);
      if (root == null) {
        return null;
      }
      JsonToken extra = p.nextToken();
      if (extra != null) {
        JsonLocation at = p.currentTokenLocation();
        problems.add(at.getLineNr(), at.getColumnNr(), "unexpected content after the catalog: only one document is allowed");
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      MarkedYAMLException yaml = markedYaml(e);
      if (yaml != null) {
        // SnakeYAML knows where the problem is (0-based); Jackson's location is where its reader stopped.
        Mark mark = yaml.getProblemMark();
        String context = yaml.getContext();
        problems.add(mark.getLine() + 1, mark.getColumn() + 1, "syntax error: "
            + (context == null ? "" : withoutContent(firstLine(context)) + ": ") + withoutContent(firstLine(yaml.getProblem())));
        return null;
      }
      JsonLocation at = e.getLocation();
      if ((at == null || at.getLineNr() <= 0) && reader.parser != null) {
        at = reader.parser.currentTokenLocation(); // limits (StreamReadConstraints) come without a location
      }
      problems.add(at == null ? 0 : Math.max(at.getLineNr(), 0), at == null ? 0 : Math.max(at.getColumnNr(), 0),
          "syntax error: " + withoutContent(firstLine(e.getOriginalMessage())));
      return null;
    } catch (Superseded e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports some limits as unchecked exceptions; the message is what the user needs.
      problems.add(0, 0, "cannot read catalog: " + withoutContent(firstLine(String.valueOf(e.getMessage()))));
      return null;
    }
  }

  /** The text of UTF-8 bytes, decoded strictly; null (with a problem) at the first byte that is not UTF-8. */
  static String decode(byte[] bytes, Problems problems) {
    java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      decoder.flush(out);
      out.flip();
      return out.toString();
    }
    int offset = in.position();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = 1;
    for (int i = lineStart; i < offset; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        column++; // one column per character: continuation bytes do not start one
      }
    }
    problems.add(line, column, "not valid UTF-8 (byte offset " + offset + "): save the catalog as UTF-8");
    return null;
  }

  private static MarkedYAMLException markedYaml(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException && ((MarkedYAMLException) t).getProblemMark() != null
          && ((MarkedYAMLException) t).getProblem() != null) {
        return (MarkedYAMLException) t;
      }
    }
    return null;
  }

  /**
   * The current token's line (high half) and column (low half), 1-based: from the YAML event's mark
   * without a {@link JsonLocation} for each token, as Jackson's location gives them.
   */
  private long position() {
    if (yaml != null) {
      return (long) yaml.tokenLine() << 32 | (yaml.tokenColumn() & 0xffffffffL);
    }
    JsonLocation at = parser.currentTokenLocation();
    return (long) at.getLineNr() << 32 | (at.getColumnNr() & 0xffffffffL);
  }

  private Node value(JsonToken token, int depth) throws IOException {
    long at = position();
    int line = (int) (at >> 32);
    int column = (int) at;
    if (depth > MAX_DEPTH) {
      problems.add(line, column, "nesting deeper than " + MAX_DEPTH + " levels");
      return null;
    }
    if (yaml != null) {
      if (yaml.isCurrentAlias() || yaml.getObjectId() != null || anchored(yaml)) {
        problems.add(line, column, "YAML anchors and aliases (&name, *name) are not supported: write the value out");
        return null;
      }
      String tag = yaml.getTypeId();
      if (tag != null) {
        problems.add(line, column, "YAML tags (" + tag + ") are not supported");
        return null;
      }
    }
    switch (token) {
      case START_OBJECT: {
        Node.MapNode map = new Node.MapNode(line, column);
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
          long keyAt = position();
          int keyLine = (int) (keyAt >> 32);
          int keyColumn = (int) keyAt;
          String name = shared(parser.currentName());
          Node child = value(parser.nextToken(), depth + 1);
          if (child == null) {
            return null;
          }
          if (!map.add(new Node.Field(name, keyLine, keyColumn, child))) {
            problems.add(keyLine, keyColumn, "duplicate key '" + name + "'");
          }
        }
        return map;
      }
      case START_ARRAY: {
        Node.ListNode list = new Node.ListNode(line, column);
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
          Node child = value(t, depth + 1);
          if (child == null) {
            return null;
          }
          list.add(child);
        }
        return list;
      }
      case VALUE_STRING: {
        String text = shared(parser.getText());
        return new Node.ScalarNode(text, text, line, column);
      }
      case VALUE_NUMBER_INT: {
        Object n;
        switch (parser.getNumberType()) {
          case INT:
          case LONG:
            n = parser.getLongValue();
            break;
          default:
            BigInteger big = parser.getBigIntegerValue();
            n = big.doubleValue();
        }
        return new Node.ScalarNode(n, parser.getText(), line, column);
      }
      case VALUE_NUMBER_FLOAT: {
        String text = parser.getText();
        double d;
        try {
          d = new BigDecimal(text.replace("_", "")).doubleValue();
        } catch (NumberFormatException e) { // .inf, .nan, exponents beyond any double
          d = Double.NaN;
        }
        if (!Double.isFinite(d)) {
          problems.add(line, column, "number '" + text + "' is out of range: write a decimal number like 12.5");
          return null;
        }
        return new Node.ScalarNode(d, text, line, column);
      }
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Node.ScalarNode(token == JsonToken.VALUE_TRUE, parser.getText(), line, column);
      case VALUE_NULL:
        return new Node.ScalarNode(null, "null", line, column);
      default:
        problems.add(line, column, "unexpected " + token);
        return null;
    }
  }

  /**
   * Whether the YAML text puts an anchor on a node (reported). Jackson tells anchors on maps and lists but
   * not on scalars, so SnakeYAML's events are read once more, only for a text with an {@code &} in it.
   */
  private static boolean anchorFound(String text, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CHARS);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setMaxAliasesForCollections(0);
    try {
      org.yaml.snakeyaml.parser.Parser parser = new org.yaml.snakeyaml.parser.ParserImpl(
          new org.yaml.snakeyaml.reader.StreamReader(text), options);
      while (parser.peekEvent() != null && !parser.checkEvent(org.yaml.snakeyaml.events.Event.ID.StreamEnd)) {
        org.yaml.snakeyaml.events.Event e = parser.getEvent();
        if (e instanceof org.yaml.snakeyaml.events.NodeEvent && !(e instanceof org.yaml.snakeyaml.events.AliasEvent)
            && ((org.yaml.snakeyaml.events.NodeEvent) e).getAnchor() != null) {
          Mark at = e.getStartMark();
          problems.add(at.getLine() + 1, at.getColumn() + 1,
              "YAML anchors and aliases (&name, *name) are not supported: write the value out");
          return true;
        }
      }
    } catch (RuntimeException e) {
      return false; // a syntax error: the reader below reports it with its position
    }
    return false;
  }

  /** The parser of the text; one that asks {@code newer} before each chunk, unless that never stops. */
  private static JsonParser parser(String text, CatalogFormat format, BooleanSupplier newer) throws IOException {
    if (newer == Superseded.NEVER) {
      return format == CatalogFormat.YAML ? Parsers.YAML.parser(text) : Parsers.JSON.createParser(text);
    }
    Reader reader = Superseded.reader(text, newer);
    return format == CatalogFormat.YAML ? Parsers.YAML.parser(reader) : Parsers.JSON.createParser(reader);
  }

  /** Whether the current scalar carries an anchor ({@code &name}), which getObjectId does not tell for scalars. */
  @SuppressWarnings("deprecation")
  private static boolean anchored(YAMLParser yaml) {
    return yaml.getCurrentAnchor() != null;
  }

  private String shared(String s) {
    String known = strings.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  /**
   * A parser's message without the text it quotes: the catalog may be any file (a path set wrongly), and
   * a message must not show what it holds. The token Jackson quotes after "Unrecognized token", and any
   * quoted span longer than a character's description ('\t(TAB)'), are left out.
   */
  static String withoutContent(String message) {
    String m = message.replaceAll("(Unrecognized token) '[^']*'", "$1 (text left out)")
        .replaceAll("'[^']{9,}'", "(text left out)").replaceAll("\"[^\"]{9,}\"", "(text left out)");
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
