package dev.turnout.console.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's edits of a JSON catalog's text: the same edits as {@link CatalogEdits} makes in YAML. Each replaces
 * the characters of one value, or inserts one member after an object's last member (or one item after a list's last),
 * at the positions Jackson's JSON parser reports, so member order, indentation and every other value stay as
 * written. New values are written in the file's own style: its indentation unit and its key-value separator, or on
 * one line when the file is. JSON has no comments, so archiving adds no comment (the tag says it).
 */
final class JsonEdits implements CatalogWriter {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SEPARATOR = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"([ \\t]*:[ \\t]*)");

  /** The edits of a JSON catalog. */
  static final JsonEdits JSON = new JsonEdits();

  private JsonEdits() {}

  /** The file's style: its indentation unit (null: written on one line) and what it writes between key and value. */
  private record Style(String unit, String separator) {

    static Style of(String text, YamlTree.Node root) {
      Matcher m = SEPARATOR.matcher(text);
      String separator = m.find() ? m.group(1) : ": ";
      String unit = null;
      if (!root.keyStarts.isEmpty() && multiLine(text, root)) {
        int first = root.keyStarts.values().iterator().next();
        unit = indentOf(text, first);
        if (unit.isEmpty()) {
          unit = "  ";
        }
      }
      return new Style(unit, separator);
    }
  }

  // ---- the tree: where each value is ----

  /** The tree of {@code text} with the character range of each value (objects and lists are "flow" in JSON). */
  static YamlTree.Node parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new EditException("the catalog is empty");
      }
      return read(p, t);
    } catch (JsonProcessingException e) {
      throw new EditException("the catalog is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static YamlTree.Node read(JsonParser p, JsonToken t) throws IOException {
    int start = (int) p.currentTokenLocation().getCharOffset();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      YamlTree.Node node = new YamlTree.Node(t, start, true, null);
      for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT && n != JsonToken.END_ARRAY; n = p.nextToken()) {
        if (n == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          node.keyStarts.put(key, (int) p.currentTokenLocation().getCharOffset());
          node.members.put(key, read(p, p.nextToken()));
        } else {
          node.items.add(read(p, n));
        }
      }
      node.end = (int) p.currentLocation().getCharOffset();
      return node;
    }
    YamlTree.Node node = new YamlTree.Node(t, start, false, t == JsonToken.VALUE_NULL ? null : p.getText());
    node.end = (int) p.currentLocation().getCharOffset();
    return node;
  }

  // ---- the edits ----

  @Override
  public String setEnabled(String text, String flag, String environment, boolean enabled) {
    return setSetting(text, flag, environment, "enabled", NODES.booleanNode(enabled));
  }

  /** As {@link CatalogEdits#setPercentage}: the one on/off rollout's weights, else {@code percentage}. */
  @Override
  public String setPercentage(String text, String flag, String environment, String percent) {
    YamlTree.Node rollout = CatalogEdits.onOffRollout(settings(parse(text), flag, environment), flag);
    if (rollout != null) {
      String off = new BigDecimal(100).subtract(new BigDecimal(percent)).stripTrailingZeros().toPlainString();
      YamlTree.Node on = rollout.get("on");
      YamlTree.Node offNode = rollout.get("off");
      YamlTree.Node later = on.start > offNode.start ? on : offNode;
      YamlTree.Node earlier = later == on ? offNode : on;
      text = replace(text, later, later == on ? percent : off);
      return replace(text, earlier, earlier == on ? percent : off);
    }
    return setSetting(text, flag, environment, "percentage", number(percent));
  }

  @Override
  public String setAllow(String text, String flag, String environment, List<String> keys) {
    return setSetting(text, flag, environment, "allow", strings(keys));
  }

  @Override
  public String setSegmentKeys(String text, String segment, List<String> keys) {
    YamlTree.Node segments = parse(text).get("segments");
    YamlTree.Node s = segments == null || !segments.isMapping() ? null : segments.get(segment);
    if (s == null || !s.isMapping()) {
      throw new EditException("there is no segment '" + segment + "'");
    }
    return setMember(text, s, "keys", strings(keys));
  }

  @Override
  public String addScheduleStep(String text, String flag, String environment, String at, String percent) {
    ObjectNode step = NODES.objectNode();
    step.put("at", at);
    step.set("percentage", number(percent));
    YamlTree.Node root = parse(text);
    YamlTree.Node settings = settings(root, flag, environment);
    YamlTree.Node schedule = settings == null ? null : settings.get("schedule");
    if (schedule != null && schedule.isList() && !schedule.items.isEmpty()) {
      return appendItem(text, root, schedule, step);
    }
    return setSetting(text, flag, environment, "schedule", NODES.arrayNode().add(step));
  }

  /** As {@link CatalogEdits#archive}, without the comment JSON cannot hold. */
  @Override
  public String archive(String text, String flag) {
    String out = setEnabled(text, flag, CatalogEdits.BASE, false);
    YamlTree.Node envs = flag(parse(out), flag).get("environments");
    if (envs != null && envs.isMapping()) {
      for (String env : List.copyOf(envs.members.keySet())) {
        YamlTree.Node e = envs.get(env);
        if (e != null && e.isMapping() && e.get("enabled") != null) {
          out = setEnabled(out, flag, env, false);
        }
      }
    }
    YamlTree.Node root = parse(out);
    YamlTree.Node tags = flag(root, flag).get("tags");
    if (tags == null) {
      return setMember(out, flag(root, flag), "tags", strings(List.of(CatalogEdits.ARCHIVED)));
    }
    if (!tags.isList()) {
      throw new EditException("'" + flag + "': tags is not a list: edit the file");
    }
    for (YamlTree.Node item : tags.items) {
      if (CatalogEdits.ARCHIVED.equals(item.scalar)) {
        return out;
      }
    }
    return appendItem(out, root, tags, NODES.textNode(CatalogEdits.ARCHIVED));
  }

  /** The flag's member as written: {@code "KEY": { ... }}, from the start of its line when it starts one. */
  @Override
  public String flagBlock(String text, String flag) {
    int[] range = flagRange(text, flag);
    return text.substring(range[0], range[1]);
  }

  /** Replaces the flag's member (as {@link #flagBlock} gives it) with {@code block}. */
  @Override
  public String replaceFlagBlock(String text, String flag, String block) {
    int[] range = flagRange(text, flag);
    String b = block.replace("\r\n", "\n").stripTrailing();
    if (b.endsWith(",")) {
      b = b.substring(0, b.length() - 1).stripTrailing();
    }
    return text.substring(0, range[0]) + b + text.substring(range[1]);
  }

  /** Adds the flag {@code key} as the last member of {@code flags}; {@code fields} are its fields in YAML or JSON. */
  @Override
  public String addFlag(String text, String key, String fields) {
    if (!KEY.matcher(key).matches()) {
      throw new EditException("'" + key + "' is not a flag key: letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    YamlTree.Node flags = parse(text).get("flags");
    if (flags == null || !flags.isMapping()) {
      throw new EditException("the catalog has no flags map");
    }
    if (flags.get(key) != null) {
      throw new EditException("there is already a flag '" + key + "'");
    }
    JsonNode value;
    try {
      value = YAML_MAPPER.readTree(fields);
    } catch (IOException e) {
      throw new EditException("the new flag's fields are not YAML or JSON: " + e.getMessage());
    }
    if (value == null || !value.isObject()) {
      throw new EditException("the new flag's fields must be a map of its fields (description, owner, default, ...)");
    }
    return setMember(text, flags, key, value);
  }

  // ---- how values are found and written ----

  private static int[] flagRange(String text, String flag) {
    YamlTree.Node flags = parse(text).get("flags");
    if (flags == null || !flags.isMapping() || flags.get(flag) == null) {
      throw new EditException("there is no flag '" + flag + "'");
    }
    int keyStart = flags.keyStarts.get(flag);
    int lineStart = CatalogEdits.lineStart(text, keyStart);
    int start = text.substring(lineStart, keyStart).isBlank() ? lineStart : keyStart;
    return new int[] {start, flags.get(flag).end};
  }

  private static String setSetting(String text, String flag, String environment, String key, JsonNode value) {
    YamlTree.Node f = flag(parse(text), flag);
    if (CatalogEdits.BASE.equals(environment)) {
      return setMember(text, f, key, value);
    }
    YamlTree.Node envs = f.get("environments");
    if (envs == null) {
      ObjectNode e = NODES.objectNode();
      e.putObject(environment).set(key, value);
      return setMember(text, f, "environments", e);
    }
    if (!envs.isMapping()) {
      throw new EditException("'" + flag + "': environments is not a map");
    }
    YamlTree.Node env = envs.get(environment);
    if (env == null || env.kind == JsonToken.VALUE_NULL) {
      ObjectNode e = NODES.objectNode();
      e.set(key, value);
      return setMember(text, envs, environment, e);
    }
    if (!env.isMapping()) {
      throw new EditException("'" + flag + "': environments." + environment + " is not a map");
    }
    return setMember(text, env, key, value);
  }

  private static YamlTree.Node flag(YamlTree.Node root, String flag) {
    return CatalogEdits.flag(root, flag);
  }

  private static YamlTree.Node settings(YamlTree.Node root, String flag, String environment) {
    return CatalogEdits.settings(root, flag, environment);
  }

  /** Sets {@code key} of the object {@code object} to {@code value}: in place when it is there, else as its last member. */
  static String setMember(String text, YamlTree.Node object, String key, JsonNode value) {
    Style style = Style.of(text, parse(text));
    YamlTree.Node current = object.get(key);
    if (current != null) {
      return text.substring(0, current.start) + render(value, indentOf(text, object.keyStarts.get(key)), style)
          + text.substring(current.end);
    }
    String member = quote(key) + style.separator();
    if (object.members.isEmpty()) {
      if (style.unit() == null) {
        return text.substring(0, object.start) + "{" + member + render(value, "", style) + "}"
            + text.substring(object.end);
      }
      String outer = indentOf(text, object.start);
      String inner = outer + style.unit();
      return text.substring(0, object.start) + "{\n" + inner + member + render(value, inner, style) + "\n" + outer + "}"
          + text.substring(object.end);
    }
    YamlTree.Node last = null;
    for (YamlTree.Node n : object.members.values()) {
      last = n;
    }
    int at = last.end;
    if (style.unit() != null && multiLine(text, object)) {
      String indent = indentOf(text, object.keyStarts.values().iterator().next());
      return text.substring(0, at) + ",\n" + indent + member + render(value, indent, style) + text.substring(at);
    }
    String gap = style.unit() == null ? "," : ", ";
    return text.substring(0, at) + gap + member + render(value, indentOf(text, object.start), style)
        + text.substring(at);
  }

  private static String appendItem(String text, YamlTree.Node root, YamlTree.Node list, JsonNode item) {
    Style style = Style.of(text, root);
    YamlTree.Node last = list.items.get(list.items.size() - 1);
    if (style.unit() != null && multiLine(text, list)) {
      String indent = indentOf(text, list.items.get(0).start);
      return text.substring(0, last.end) + ",\n" + indent + render(item, indent, style) + text.substring(last.end);
    }
    return text.substring(0, last.end) + (style.unit() == null ? "," : ", ")
        + render(item, indentOf(text, list.start), style) + text.substring(last.end);
  }

  /** Whether the object's or list's first member starts on a later line than its bracket. */
  private static boolean multiLine(String text, YamlTree.Node node) {
    int first = node.isMapping() ? (node.keyStarts.isEmpty() ? node.end : node.keyStarts.values().iterator().next())
        : node.items.isEmpty() ? node.end : node.items.get(0).start;
    return text.substring(node.start, Math.min(first, text.length())).indexOf('\n') >= 0;
  }

  /** The spaces and tabs that start the line of {@code offset}. */
  private static String indentOf(String text, int offset) {
    int start = CatalogEdits.lineStart(text, offset);
    int end = start;
    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return text.substring(start, end);
  }

  /**
   * {@code value} as JSON in the file's style, for a line indented by {@code indent}: objects one member a line,
   * lists of plain values on one line; everything on one line when the file is.
   */
  private static String render(JsonNode value, String indent, Style style) {
    try {
      if (style.unit() == null || value.isValueNode() || value.isEmpty()) {
        if (style.unit() == null || value.isValueNode()) {
          return JSON_MAPPER.writeValueAsString(value);
        }
        return value.isObject() ? "{}" : "[]";
      }
      String inner = indent + style.unit();
      List<String> parts = new ArrayList<>();
      if (value.isObject()) {
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          parts.add(inner + quote(e.getKey()) + style.separator() + render(e.getValue(), inner, style));
        }
        return "{\n" + String.join(",\n", parts) + "\n" + indent + "}";
      }
      boolean plain = true;
      for (JsonNode item : value) {
        plain &= item.isValueNode();
      }
      if (plain) {
        for (JsonNode item : value) {
          parts.add(JSON_MAPPER.writeValueAsString(item));
        }
        return "[" + String.join(", ", parts) + "]";
      }
      for (JsonNode item : value) {
        parts.add(inner + render(item, inner, style));
      }
      return "[\n" + String.join(",\n", parts) + "\n" + indent + "]";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String replace(String text, YamlTree.Node node, String value) {
    return text.substring(0, node.start) + value + text.substring(node.end);
  }

  private static String quote(String s) {
    try {
      return JSON_MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode number(String percent) {
    return NODES.numberNode(new BigDecimal(percent));
  }

  private static ArrayNode strings(List<String> items) {
    ArrayNode a = NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }
}
