package dev.turnout.console.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The console's edits of a YAML catalog's text. Each replaces the characters of one value (or inserts one
 * member) at the position the YAML parser reports, so comments, order and formatting everywhere else stay as
 * written. The result is always validated by the runtime's reader before it is saved ({@link CatalogStore}).
 */
final class CatalogEdits implements CatalogWriter {

  /** The flag's own fields (used in every environment that does not replace them). */
  static final String BASE = "default";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_@./+-]*");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The edits of a YAML catalog. */
  static final CatalogEdits YAML = new CatalogEdits();

  private CatalogEdits() {}

  /**
   * The one rule of {@code settings} (a flag's or an environment's, as YAML or JSON) that serves an on/off rollout, or
   * null when there is none; more than one cannot be ramped with one number.
   */
  static YamlTree.Node onOffRollout(YamlTree.Node settings, String flag) {
    if (settings == null || settings.get("rules") == null || !settings.get("rules").isList()) {
      return null;
    }
    YamlTree.Node rollout = null;
    int count = 0;
    for (YamlTree.Node rule : settings.get("rules").items) {
      YamlTree.Node serve = rule.isMapping() ? rule.get("serve") : null;
      YamlTree.Node r = serve != null && serve.isMapping() ? serve.get("rollout") : null;
      if (r != null && r.isMapping() && r.members.keySet().equals(java.util.Set.of("on", "off"))) {
        rollout = r;
        count++;
      }
    }
    if (count > 1) {
      throw new EditException("'" + flag + "' has " + count + " on/off rollouts in its rules: edit the rules instead");
    }
    return rollout;
  }

  /** Sets {@code enabled} of {@code flag} in {@code environment} ({@link #BASE}: the flag's own field). */
  @Override
  public String setEnabled(String text, String flag, String environment, boolean enabled) {
    return setSetting(text, flag, environment, "enabled", Boolean.toString(enabled), List.of("default", "off", "rules"));
  }

  /**
   * Ramps a boolean flag to {@code percent} % on in {@code environment}: the weights of its rules' on/off rollout when
   * it has exactly one such rollout, else its {@code percentage} field.
   */
  @Override
  public String setPercentage(String text, String flag, String environment, String percent) {
    YamlTree.Node rollout = onOffRollout(settings(YamlTree.parse(text), flag, environment), flag);
    if (rollout != null) {
      String off = new java.math.BigDecimal(100).subtract(new java.math.BigDecimal(percent)).stripTrailingZeros().toPlainString();
      YamlTree.Node on = rollout.get("on");
      YamlTree.Node offNode = rollout.get("off");
      // Later offset first, so the earlier one's position stays right.
      if (on.start < offNode.start) {
        text = replace(text, offNode, off);
        return replace(text, on, percent);
      }
      text = replace(text, on, percent);
      return replace(text, offNode, off);
    }
    return setSetting(text, flag, environment, "percentage", percent, List.of("schedule", "environments"));
  }

  /** Replaces the {@code allow} list of {@code flag} in {@code environment}. */
  @Override
  public String setAllow(String text, String flag, String environment, List<String> keys) {
    return setSetting(text, flag, environment, "allow", flowList(keys), List.of("percentage", "schedule", "environments"));
  }

  /** Replaces the {@code keys} of segment {@code segment}. */
  @Override
  public String setSegmentKeys(String text, String segment, List<String> keys) {
    YamlTree.Node root = YamlTree.parse(text);
    YamlTree.Node segments = root.get("segments");
    YamlTree.Node s = segments == null || !segments.isMapping() ? null : segments.get(segment);
    if (s == null || !s.isMapping()) {
      throw new EditException("there is no segment '" + segment + "'");
    }
    return setMember(text, s, "keys", flowList(keys), List.of("when"));
  }

  /** Appends a step ({@code at}, an ISO instant; {@code percent}) to the flag's schedule in {@code environment}. */
  @Override
  public String addScheduleStep(String text, String flag, String environment, String at, String percent) {
    YamlTree.Node root = YamlTree.parse(text);
    YamlTree.Node settings = settings(root, flag, environment);
    String step = "{ at: " + at + ", percentage: " + percent + " }";
    YamlTree.Node schedule = settings == null ? null : settings.get("schedule");
    if (schedule != null && schedule.isList() && !schedule.items.isEmpty()) {
      StringBuilder list = new StringBuilder("[");
      for (YamlTree.Node item : schedule.items) {
        list.append(text, item.start, item.end).append(", ");
      }
      list.append(step).append(']');
      return setSetting(text, flag, environment, "schedule", list.toString(), List.of("environments"));
    }
    return setSetting(text, flag, environment, "schedule", "[" + step + "]", List.of("environments"));
  }

  /** The tag an archived flag carries. */
  static final String ARCHIVED = "archived";

  /**
   * Archives {@code flag}: switched off in its own fields and in every environment that sets {@code enabled}, tagged
   * {@value #ARCHIVED}, with a comment above its entry saying that its code is to be removed with
   * {@code turnout remove}. The catalog format has no archived field: a switched-off flag serves its off variant
   * everywhere, which is what archiving means to running code.
   */
  @Override
  public String archive(String text, String flag) {
    String out = setEnabled(text, flag, BASE, false);
    YamlTree.Node envs = flag(YamlTree.parse(out), flag).get("environments");
    if (envs != null && envs.isMapping()) {
      for (String env : List.copyOf(envs.members.keySet())) {
        YamlTree.Node e = envs.get(env);
        if (e != null && e.isMapping() && e.get("enabled") != null) {
          out = setEnabled(out, flag, env, false);
        }
      }
    }
    YamlTree.Node f = flag(YamlTree.parse(out), flag);
    YamlTree.Node tags = f.get("tags");
    List<String> list = new java.util.ArrayList<>();
    if (tags != null && tags.isList()) {
      for (YamlTree.Node item : tags.items) {
        if (item.scalar == null) {
          throw new EditException("'" + flag + "': its tags are not all text: edit the file");
        }
        list.add(item.scalar);
      }
    } else if (tags != null && tags.scalar != null && !tags.scalar.isEmpty()) {
      throw new EditException("'" + flag + "': tags is not a list: edit the file");
    }
    if (!list.contains(ARCHIVED)) {
      list.add(ARCHIVED);
      out = setMember(out, f, "tags", flowList(list), List.of("enabled", "default", "off", "variants", "rules",
          "allow", "percentage", "schedule", "environments"));
    }
    int[] range = flagRange(out, flag);
    String comment = "# archived: off everywhere; remove its code with `turnout remove " + flag
        + "`, which also deletes this entry";
    if (!out.substring(0, range[0]).contains(comment)) {
      int keyStart = range[0];
      int keyCol = 0;
      while (keyStart + keyCol < out.length() && out.charAt(keyStart + keyCol) == ' ') {
        keyCol++;
      }
      String indent = " ".repeat(keyCol);
      out = out.substring(0, keyStart) + indent + comment + "\n" + out.substring(keyStart);
    }
    return out;
  }

  /** The text of the flag's entry: its key line and every line below it that belongs to it. */
  @Override
  public String flagBlock(String text, String flag) {
    int[] range = flagRange(text, flag);
    return text.substring(range[0], range[1]);
  }

  /** Replaces the flag's entry (as {@link #flagBlock} gives it) with {@code block}. */
  @Override
  public String replaceFlagBlock(String text, String flag, String block) {
    int[] range = flagRange(text, flag);
    String b = block.replace("\r\n", "\n");
    if (!b.endsWith("\n")) {
      b += "\n";
    }
    return text.substring(0, range[0]) + b + text.substring(range[1]);
  }

  /** Adds a new flag at the end of {@code flags}, written from {@code block} (the flag's fields, not indented). */
  @Override
  public String addFlag(String text, String key, String fields) {
    if (!KEY.matcher(key).matches()) {
      throw new EditException("'" + key + "' is not a flag key: letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    YamlTree.Node root = YamlTree.parse(text);
    YamlTree.Node flags = root.get("flags");
    if (flags == null || !flags.isMapping()) {
      throw new EditException("the catalog has no flags map");
    }
    if (flags.get(key) != null) {
      throw new EditException("there is already a flag '" + key + "'");
    }
    if (flags.flow) {
      throw new EditException("the catalog's flags are written on one line: add the flag in the file");
    }
    String indent = "  ";
    if (!flags.keyStarts.isEmpty()) {
      int first = flags.keyStarts.values().iterator().next();
      indent = " ".repeat(first - lineStart(text, first));
    }
    StringBuilder entry = new StringBuilder();
    entry.append(indent).append(key).append(":\n");
    for (String line : fields.replace("\r\n", "\n").strip().split("\n")) {
      entry.append(indent).append("  ").append(line.stripTrailing()).append('\n');
    }
    int at;
    if (flags.keyStarts.isEmpty()) {
      // `flags: {}` was handled as flow above; an empty block map cannot be written.
      throw new EditException("the catalog has no flags yet: add the first one in the file");
    }
    String lastKey = lastKey(flags);
    at = blockEnd(text, flags.keyStarts.get(lastKey));
    String before = text.substring(0, at);
    String gap = before.endsWith("\n\n") || at == 0 ? "" : "\n";
    if (!before.endsWith("\n")) {
      before += "\n";
    }
    return before + gap + entry + text.substring(at);
  }

  private static String lastKey(YamlTree.Node mapping) {
    String last = null;
    for (String k : mapping.keyStarts.keySet()) {
      last = k;
    }
    return last;
  }

  private static int[] flagRange(String text, String flag) {
    YamlTree.Node root = YamlTree.parse(text);
    YamlTree.Node flags = root.get("flags");
    if (flags == null || !flags.isMapping() || flags.get(flag) == null) {
      throw new EditException("there is no flag '" + flag + "'");
    }
    if (flags.flow) {
      throw new EditException("the catalog's flags are written on one line: edit '" + flag + "' in the file");
    }
    int keyStart = flags.keyStarts.get(flag);
    return new int[] {lineStart(text, keyStart), blockEnd(text, keyStart)};
  }

  private static String setSetting(String text, String flag, String environment, String key, String value,
      List<String> before) {
    YamlTree.Node root = YamlTree.parse(text);
    YamlTree.Node f = flag(root, flag);
    if (BASE.equals(environment)) {
      return setMember(text, f, key, value, before);
    }
    YamlTree.Node envs = f.get("environments");
    if (envs == null) {
      return setMember(text, f, "environments", "{ " + environment + ": { " + key + ": " + value + " } }", List.of());
    }
    if (!envs.isMapping()) {
      throw new EditException("'" + flag + "': environments is not a map");
    }
    YamlTree.Node env = envs.get(environment);
    if (env == null || env.scalar != null && env.scalar.isEmpty()) {
      return setMember(text, envs, environment, "{ " + key + ": " + value + " }", List.of());
    }
    if (!env.isMapping()) {
      throw new EditException("'" + flag + "': environments." + environment + " is not a map");
    }
    return setMember(text, env, key, value, before);
  }

  static YamlTree.Node flag(YamlTree.Node root, String flag) {
    YamlTree.Node flags = root.get("flags");
    YamlTree.Node f = flags == null || !flags.isMapping() ? null : flags.get(flag);
    if (f == null || !f.isMapping()) {
      throw new EditException("there is no flag '" + flag + "' written as a map (an object)");
    }
    return f;
  }

  static YamlTree.Node settings(YamlTree.Node root, String flag, String environment) {
    YamlTree.Node f = flag(root, flag);
    if (BASE.equals(environment)) {
      return f;
    }
    YamlTree.Node envs = f.get("environments");
    YamlTree.Node env = envs == null || !envs.isMapping() ? null : envs.get(environment);
    return env != null && env.isMapping() ? env : null;
  }

  /** Sets {@code key} of {@code mapping} to the YAML {@code value} (a scalar or a flow collection). */
  static String setMember(String text, YamlTree.Node mapping, String key, String value, List<String> before) {
    YamlTree.Node current = mapping.get(key);
    if (current != null) {
      if (current.scalar != null || current.flow) {
        return replace(text, current, value);
      }
      // A block collection: the key's line and every line below it that is deeper.
      int keyStart = mapping.keyStarts.get(key);
      int end = blockEnd(text, keyStart);
      String tail = text.substring(keyStart, end);
      String comment = "";
      int lineEnd = tail.indexOf('\n');
      String keyLine = lineEnd < 0 ? tail : tail.substring(0, lineEnd);
      int hash = keyLine.indexOf(" #");
      if (hash >= 0) {
        comment = keyLine.substring(hash);
      }
      return text.substring(0, keyStart) + key + ": " + value + comment + "\n" + text.substring(end);
    }
    if (mapping.flow) {
      int open = mapping.start + 1;
      boolean empty = mapping.members.isEmpty();
      return text.substring(0, open) + " " + key + ": " + value + (empty ? " " : ",") + text.substring(open).replaceFirst("^ ", empty ? "" : " ");
    }
    if (mapping.keyStarts.isEmpty()) {
      throw new EditException("cannot add '" + key + "' to an empty map: edit the file");
    }
    int anchor = -1;
    for (String b : before) {
      if (mapping.keyStarts.containsKey(b)) {
        anchor = lineStart(text, mapping.keyStarts.get(b));
        // Comment lines just above the anchor belong to it.
        while (anchor > 0) {
          int prev = lineStart(text, anchor - 1);
          if (text.substring(prev, anchor).strip().startsWith("#")) {
            anchor = prev;
          } else {
            break;
          }
        }
        break;
      }
    }
    int first = mapping.keyStarts.values().iterator().next();
    String indent = " ".repeat(first - lineStart(text, first));
    String line = indent + key + ": " + value + "\n";
    if (anchor < 0) {
      anchor = blockEnd(text, mapping.keyStarts.get(lastKey(mapping)));
      if (anchor > 0 && text.charAt(anchor - 1) != '\n') {
        line = "\n" + line;
      }
    }
    return text.substring(0, anchor) + line + text.substring(anchor);
  }

  private static String replace(String text, YamlTree.Node node, String value) {
    return text.substring(0, node.start) + value + text.substring(node.end);
  }

  /** A YAML flow list of {@code items}, each plain when that reads the same, else double-quoted. */
  static String flowList(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (String item : items) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(scalar(item));
    }
    return b.append(']').toString();
  }

  static String scalar(String value) {
    if (PLAIN.matcher(value).matches() && !value.matches("(?i)true|false|yes|no|on|off|null|y|n|~")) {
      return value;
    }
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
  }

  static int lineStart(String text, int offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
  }

  /**
   * The end of the block that starts on the line of {@code keyStart}: after its last line that is deeper than
   * the key (blank lines and comments after that last line are left to what follows).
   */
  static int blockEnd(String text, int keyStart) {
    int start = lineStart(text, keyStart);
    int indent = keyStart - start;
    int next = text.indexOf('\n', keyStart);
    int end = next < 0 ? text.length() : next + 1;
    int pos = end;
    while (pos < text.length()) {
      int lineEnd = text.indexOf('\n', pos);
      int after = lineEnd < 0 ? text.length() : lineEnd + 1;
      String line = text.substring(pos, lineEnd < 0 ? text.length() : lineEnd);
      String stripped = line.strip();
      int lineIndent = line.length() - line.stripLeading().length();
      if (stripped.isEmpty() || stripped.startsWith("#") && lineIndent > indent) {
        pos = after;
        continue;
      }
      if (lineIndent <= indent || stripped.startsWith("#")) {
        break;
      }
      end = after;
      pos = after;
    }
    return end;
  }
}
