package dev.turnout.ofrep;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.ext.EngineCatalog;
import dev.turnout.internal.ext.FlagMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OpenFeature Remote Evaluation Protocol (OFREP) over a Turnout engine, independent of any HTTP stack:
 * each method takes the request's body and answers the status, body and headers to send.
 *
 * <pre>{@code
 * OfrepService ofrep = new OfrepService(engine);
 * // POST /ofrep/v1/evaluate/flags/{key}
 * OfrepResponse one = ofrep.evaluateFlag(key, requestBody);
 * // POST /ofrep/v1/evaluate/flags  (If-None-Match: the ETag of an earlier answer, or null)
 * OfrepResponse all = ofrep.evaluateAll(requestBody, ifNoneMatch);
 * }</pre>
 *
 * <p>A request is {@code {"context": {"targetingKey": "user-42", "plan": "pro", ...}}} (a body without a
 * context, or with a null one, evaluates for the anonymous context, as some clients send it): the targeting key
 * becomes Turnout's, strings, numbers and booleans become attributes of those types, {@code null}s and
 * nested objects or arrays are skipped (as Turnout's OpenFeature provider skips them). A success is
 * {@code {key, value, reason, variant, metadata}} with the variant's catalog value and Turnout's reason
 * ({@code TARGETING_MATCH}, {@code SPLIT}, {@code DEFAULT}, {@code DISABLED}, {@code STATIC}); a key the
 * catalog lacks is 404 {@code FLAG_NOT_FOUND}; a body that is not JSON, too large or too deep is 400
 * {@code PARSE_ERROR}; a context of the wrong shape is 400 {@code INVALID_CONTEXT}; a failure inside
 * Turnout is 500 {@code GENERAL}. The bulk answer carries an {@code ETag} (a digest of its body), and an
 * {@code If-None-Match} that names it gets 304 with no body.
 *
 * <p>Thread-safe; evaluates against the engine's catalog in force at each call, so reloads apply to the next
 * request. Never throws: every failure becomes an answer.
 */
public final class OfrepService {

  /** The largest request body read, in bytes (64 KiB); a larger one is refused with 400 {@code PARSE_ERROR}. */
  public static final int MAX_REQUEST_BYTES = 64 * 1024;
  /** The deepest nesting of objects and arrays a request may have; deeper ones are refused with 400. */
  public static final int MAX_NESTING_DEPTH = 16;

  /** OFREP's error codes. */
  static final String FLAG_NOT_FOUND = "FLAG_NOT_FOUND";
  static final String PARSE_ERROR = "PARSE_ERROR";
  static final String INVALID_CONTEXT = "INVALID_CONTEXT";
  static final String GENERAL = "GENERAL";

  private static final System.Logger LOG = System.getLogger("dev.turnout.ofrep");
  private static final String TARGETING_KEY = "targetingKey";
  /** Turnout's attribute name for the targeting key (see {@link EvaluationContext}). */
  private static final String KEY = "key";

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxDocumentLength(MAX_REQUEST_BYTES)
          .maxStringLength(MAX_REQUEST_BYTES)
          .maxNameLength(MAX_REQUEST_BYTES)
          .maxNumberLength(400)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // Names come from the network: neither interned nor kept in a shared symbol table.
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .build();

  private final FlagEngine engine;

  /** A service that evaluates against the engine's live catalog. */
  public OfrepService(FlagEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * {@code POST /ofrep/v1/evaluate/flags/{key}}: evaluates one flag for the request's context.
   *
   * @param key the flag key from the path, percent-decoded
   * @param requestBody the request body, {@code {"context": {...}}}
   * @return 200 with the evaluation, 400 for a bad request, 404 for a key the catalog lacks, 500 when
   *     evaluation failed inside Turnout
   */
  public OfrepResponse evaluateFlag(String key, byte[] requestBody) {
    String flagKey = key == null ? "" : key;
    try {
      Request request = Request.read(requestBody);
      if (request.errorCode != null) {
        return failure(400, flagKey, request.errorCode, request.errorDetails);
      }
      // A key from the network that the catalog lacks is answered here: it never reaches the engine's log
      // (which names unknown keys) or its listeners.
      Evaluation e = engine.flagKeys().contains(flagKey) ? engine.evaluate(flagKey, request.context)
          : Evaluation.notFound(flagKey);
      switch (e.reason()) {
        case FLAG_NOT_FOUND:
          return failure(404, flagKey, FLAG_NOT_FOUND, "flag '" + flagKey + "' is not in the catalog");
        case ERROR:
          return failure(500, flagKey, GENERAL, failedInside(flagKey));
        default:
          Catalog catalog = EngineCatalog.of(engine);
          long version = engine.catalogVersion();
          return json(200, Map.of(), g -> writeSuccess(g, e, catalog, version));
      }
    } catch (RuntimeException | StackOverflowError ex) {
      // the key came from the network: no control characters into the log
      LOG.log(Level.WARNING, "OFREP evaluation of flag '" + flagKey.replaceAll("\\p{Cntrl}", "?") + "' failed", ex);
      return failure(500, flagKey, GENERAL, failedInside(flagKey));
    }
  }

  /**
   * {@code POST /ofrep/v1/evaluate/flags}: evaluates every flag of the catalog for the request's context.
   *
   * @param requestBody the request body, {@code {"context": {...}}}
   * @param ifNoneMatch the request's {@code If-None-Match} header, or null
   * @return 200 with {@code {"flags": [...], "metadata": {...}}} and an {@code ETag}; 304 (no body, the same
   *     {@code ETag}) when {@code ifNoneMatch} names the answer's ETag or is {@code *}; 400 for a bad
   *     request; 500 when the answer could not be made
   */
  public OfrepResponse evaluateAll(byte[] requestBody, String ifNoneMatch) {
    try {
      Request request = Request.read(requestBody);
      if (request.errorCode != null) {
        return bulkFailure(400, request.errorCode, request.errorDetails);
      }
      Catalog catalog = EngineCatalog.of(engine);
      long version = engine.catalogVersion();
      List<Evaluation> evaluations = new ArrayList<>();
      for (String key : engine.flagKeys().stream().sorted().toList()) {
        Evaluation e = engine.evaluate(key, request.context);
        if (e.reason() != Evaluation.Reason.FLAG_NOT_FOUND) { // removed by a reload meanwhile
          evaluations.add(e);
        }
      }
      byte[] body = write(g -> {
        g.writeStartObject();
        g.writeArrayFieldStart("flags");
        for (Evaluation e : evaluations) {
          if (e.reason() == Evaluation.Reason.ERROR) {
            writeFailure(g, e.flagKey(), GENERAL, failedInside(e.flagKey()));
          } else {
            writeSuccess(g, e, catalog, -1); // the version once, below: a reload changes no flag by itself
          }
        }
        g.writeEndArray();
        g.writeObjectFieldStart("metadata");
        g.writeNumberField("catalogVersion", version);
        g.writeEndObject();
        g.writeEndObject();
      });
      String etag = etag(body);
      Map<String, String> headers = Map.of("ETag", etag);
      if (matches(ifNoneMatch, etag)) {
        return new OfrepResponse(304, OfrepResponse.JSON, new byte[0], headers);
      }
      return new OfrepResponse(200, OfrepResponse.JSON, body, headers);
    } catch (RuntimeException | StackOverflowError ex) {
      LOG.log(Level.WARNING, "OFREP bulk evaluation failed", ex);
      return bulkFailure(500, GENERAL, "bulk evaluation failed inside Turnout");
    }
  }

  /** The answer to a request whose declared body is larger than {@link #MAX_REQUEST_BYTES}; null key for bulk. */
  OfrepResponse tooLarge(String key, long length) {
    String details = tooLargeDetails(length);
    return key == null ? bulkFailure(400, PARSE_ERROR, details) : failure(400, key, PARSE_ERROR, details);
  }

  private static String tooLargeDetails(long length) {
    return "the request body" + (length >= 0 ? " of " + length + " bytes" : "") + " is larger than the limit of "
        + MAX_REQUEST_BYTES + " bytes";
  }

  private static String failedInside(String key) {
    return "evaluating flag '" + key + "' failed inside Turnout";
  }

  // ---- answers

  private static OfrepResponse failure(int status, String key, String code, String details) {
    return json(status, Map.of(), g -> writeFailure(g, key, code, details));
  }

  private static OfrepResponse bulkFailure(int status, String code, String details) {
    return json(status, Map.of(), g -> {
      g.writeStartObject();
      g.writeStringField("errorCode", code);
      g.writeStringField("errorDetails", details);
      g.writeEndObject();
    });
  }

  private static void writeFailure(JsonGenerator g, String key, String code, String details) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", key);
    g.writeStringField("errorCode", code);
    g.writeStringField("errorDetails", details);
    g.writeObjectFieldStart("metadata"); // always an object: clients read it on failures too
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeSuccess(JsonGenerator g, Evaluation e, Catalog catalog, long version) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", e.flagKey());
    if (e.value() != null) { // no value: OFREP's "code default", the caller's default applies
      g.writeFieldName("value");
      writeValue(g, e.value());
    }
    g.writeStringField("reason", e.reason().name());
    if (e.variant() != null) {
      g.writeStringField("variant", e.variant());
    }
    g.writeObjectFieldStart("metadata");
    Catalog.Flag flag = catalog == null ? null : catalog.flags().get(e.flagKey());
    for (Map.Entry<String, String> field : FlagMetadata.of(flag).entrySet()) {
      g.writeStringField(field.getKey(), field.getValue());
    }
    if (version >= 0) {
      g.writeNumberField("catalogVersion", version);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A catalog value: String, Long, Double, Boolean, or lists and maps of those. */
  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        g.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(g, entry.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeString(v.toString());
    }
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static OfrepResponse json(int status, Map<String, String> headers, Writer writer) {
    return new OfrepResponse(status, OfrepResponse.JSON, write(writer), headers);
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---- ETag

  /** A strong ETag: the first 128 bits of the body's SHA-256, quoted. */
  static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Whether an {@code If-None-Match} header names the ETag: {@code *}, or a comma-separated list of tags
   * compared weakly (a {@code W/} prefix is ignored, as RFC 9110 asks for this header).
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    String bare = etag.substring(1, etag.length() - 1);
    for (String part : ifNoneMatch.split(",", 64)) {
      String tag = part.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag) || tag.equals(bare)) { // unquoted too: some clients strip the quotes
        return true;
      }
    }
    return false;
  }

  // ---- requests

  /** A request read: its context, or the error to answer. */
  private static final class Request {
    EvaluationContext context;
    String errorCode;
    String errorDetails;

    static Request read(byte[] body) {
      Request r = new Request();
      if (body == null || body.length == 0) {
        return r.fail(PARSE_ERROR, "the request has no body: send {\"context\": {\"targetingKey\": \"...\"}}");
      }
      if (body.length > MAX_REQUEST_BYTES) {
        return r.fail(PARSE_ERROR, tooLargeDetails(body.length));
      }
      String text;
      try {
        // JSON between systems is UTF-8 (RFC 8259): checked whole here, since the parser checks only some bytes
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
      } catch (CharacterCodingException e) {
        return r.fail(PARSE_ERROR, "the request body is not UTF-8 text");
      }
      try (JsonParser p = JSON.createParser(text)) {
        r.parse(p);
      } catch (StreamConstraintsException e) {
        return r.fail(PARSE_ERROR, "the request body is too large or too deeply nested (at most "
            + MAX_NESTING_DEPTH + " levels): " + e.getOriginalMessage());
      } catch (IOException e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
            ? j.getOriginalMessage() : e.getMessage();
        return r.fail(PARSE_ERROR, "the request body is not valid JSON: " + message);
      }
      return r;
    }

    private Request fail(String code, String details) {
      context = null;
      errorCode = code;
      errorDetails = details;
      return this;
    }

    /** Reads the whole document; a syntax error wins over a context of the wrong shape found earlier. */
    private void parse(JsonParser p) throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        fail(PARSE_ERROR, "the request body must be a JSON object: {\"context\": {...}}");
        return;
      }
      String invalid = null;
      boolean seen = false;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!"context".equals(name)) {
          p.skipChildren(); // other properties are not OFREP's: ignored
          continue;
        }
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        seen = true;
        if (value != JsonToken.START_OBJECT) {
          invalid = "\"context\" must be a JSON object, not " + describe(value);
          p.skipChildren();
          continue;
        }
        String problem = readContext(p);
        if (invalid == null) {
          invalid = problem;
        }
      }
      if (p.nextToken() != null) {
        fail(PARSE_ERROR, "the request body has more after its JSON object");
        return;
      }
      if (invalid == null && !seen) {
        context = EvaluationContext.anonymous(); // some clients leave out an empty context
      }
      if (invalid != null) {
        fail(INVALID_CONTEXT, invalid);
      }
    }

    /** Reads the context object (positioned at its start); returns the problem found, or null. */
    private String readContext(JsonParser p) throws IOException {
      String targetingKey = null;
      String problem = null;
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken token = p.nextToken();
        Object value;
        switch (token) {
          case VALUE_STRING:
            value = p.getText();
            break;
          case VALUE_NUMBER_INT:
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              value = p.getDoubleValue(); // beyond a long: compared as a decimal, as Turnout does
            } else {
              value = p.getLongValue();
            }
            break;
          case VALUE_NUMBER_FLOAT:
            value = p.getDoubleValue();
            break;
          case VALUE_TRUE:
          case VALUE_FALSE:
            value = token == JsonToken.VALUE_TRUE;
            break;
          default: // null, objects and arrays: Turnout's attributes are scalars
            p.skipChildren();
            value = null;
            break;
        }
        if (TARGETING_KEY.equals(name)) {
          if (value instanceof String s) {
            targetingKey = s.isEmpty() ? null : s;
          } else if (token != JsonToken.VALUE_NULL && problem == null) {
            problem = "\"targetingKey\" must be a string, not " + describe(token);
          }
        } else if (value != null) {
          attributes.put(name, value);
        }
      }
      Object keyAttribute = attributes.get(KEY);
      if (problem == null && targetingKey != null && keyAttribute != null
          && !targetingKey.equals(String.valueOf(keyAttribute))) {
        problem = "\"targetingKey\" and \"key\" (Turnout's name for the targeting key) differ: send one of them";
      }
      EvaluationContext ctx = EvaluationContext.of(targetingKey);
      for (Map.Entry<String, Object> a : attributes.entrySet()) {
        Object v = a.getValue();
        if (v instanceof String s) {
          ctx = ctx.with(a.getKey(), s);
        } else if (v instanceof Long l) {
          ctx = ctx.with(a.getKey(), l.longValue());
        } else if (v instanceof Double d) {
          ctx = ctx.with(a.getKey(), d.doubleValue());
        } else if (v instanceof Boolean b) {
          ctx = ctx.with(a.getKey(), b.booleanValue());
        }
      }
      context = ctx;
      return problem;
    }

    private static String describe(JsonToken token) {
      switch (token) {
        case START_ARRAY:
          return "an array";
        case START_OBJECT:
          return "an object";
        case VALUE_STRING:
          return "a string";
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return "a number";
        case VALUE_TRUE:
        case VALUE_FALSE:
          return "a boolean";
        case VALUE_NULL:
          return "null";
        default:
          return token.asString() == null ? token.name() : token.asString();
      }
    }
  }

  @Override
  public String toString() {
    return "OfrepService{" + engine + "}";
  }
}
