package dev.turnout.internal.catalog;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Jackson's YAML parser, with each distinct plain scalar typed once per document. Jackson asks SnakeYAML's
 * {@code Resolver} for the YAML 1.1 type of every plain scalar, and the resolver tries a regular expression
 * or more each time (a new {@code Matcher} each): a tenth of a large catalog's load, for the same few
 * words ({@code rules}, {@code when}, {@code on}, {@code 10}) written again in every flag. This parser
 * keeps the resolver's answer for each text it has seen and decodes strings, whole numbers, booleans and
 * nulls from it exactly as Jackson does; the other types (floats, tagged scalars) go to Jackson's own code.
 * The typing is the resolver's, unchanged: {@code on} and {@code yes} are booleans, {@code 0x10} is 16,
 * {@code 1_000} is 1000, a number longer than the resolver's limit is a string.
 */
final class YamlParsers {

  private YamlParsers() {}

  /** Jackson's YAML factory, creating {@link Parser}s. */
  static final class Factory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    Factory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }

    /** The parser of a catalog's text. */
    Parser parser(String text) throws IOException {
      return (Parser) createParser(text);
    }

    /** The parser of a catalog's text, read through {@code reader}. */
    Parser parser(Reader reader) throws IOException {
      return (Parser) createParser(reader);
    }
  }

  /** The YAML parser with a per-document memory of scalar types, and the current token's position without a new object. */
  static final class Parser extends YAMLParser {
    /** Each plain scalar's text seen in this document, with the type the resolver gave it. */
    private final Map<String, Tag> types = new HashMap<>(256);

    Parser(IOContext ctxt, int parserFeatures, int formatFeatures, org.yaml.snakeyaml.LoaderOptions options,
        com.fasterxml.jackson.core.ObjectCodec codec, Reader reader) {
      super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
    }

    @Override
    protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
      String value = scalar.getValue();
      String tag = scalar.getTag();
      if (value.isEmpty() || (tag != null && !tag.equals("!")) || !scalar.getImplicit().canOmitTagInPlainScalar()) {
        return super._decodeScalar(scalar);
      }
      Tag type = types.get(value);
      if (type == null) {
        type = _yamlResolver.resolve(NodeId.scalar, value, true);
        types.put(value, type);
      }
      // As YAMLParser._decodeScalar does for an untagged scalar of each of these types.
      if (type == Tag.STR) {
        _textValue = value;
        _cleanedTextValue = null;
        return JsonToken.VALUE_STRING;
      }
      if (type == Tag.INT) {
        _textValue = value;
        _cleanedTextValue = null;
        return _decodeNumberScalar(value, value.length());
      }
      if (type == Tag.BOOL) {
        _textValue = value;
        _cleanedTextValue = null;
        Boolean b = _matchYAMLBoolean(value, value.length());
        return b == null ? JsonToken.VALUE_STRING : b ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
      }
      return super._decodeScalar(scalar);
    }

    /** The current token's line (1-based), as {@code currentTokenLocation().getLineNr()} gives it. */
    int tokenLine() {
      Mark m = _lastEvent == null ? null : _lastEvent.getStartMark();
      return m == null ? -1 : m.getLine() + 1;
    }

    /** The current token's column (1-based), as {@code currentTokenLocation().getColumnNr()} gives it. */
    int tokenColumn() {
      Mark m = _lastEvent == null ? null : _lastEvent.getStartMark();
      return m == null ? -1 : m.getColumn() + 1;
    }
  }
}
