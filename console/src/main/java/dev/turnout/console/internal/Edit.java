package dev.turnout.console.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change a user asks for, as the form fields that describe it ({@code action}, {@code flag}, {@code env} and the
 * action's own), so that the same change can be previewed, saved, or kept for approval and made again later.
 */
final class Edit {

  /** The environment name of changes that affect every environment (the flag's definition, segments, new flags). */
  static final String ALL = "*";

  static final List<String> FIELDS = List.of("action", "flag", "env", "enabled", "percent", "keys", "at", "block",
      "segment", "key", "fields");

  private Edit() {}

  /** The edit's fields from a form. */
  static Map<String, String> fromForm(Map<String, List<String>> form) {
    Map<String, String> edit = new LinkedHashMap<>();
    for (String f : FIELDS) {
      List<String> v = form.get(f);
      if (v != null && !v.isEmpty() && v.get(0) != null) {
        edit.put(f, v.get(0));
      }
    }
    return edit;
  }

  /** The environment the edit changes, or {@link #ALL}. */
  static String environment(Map<String, String> edit) {
    return switch (edit.getOrDefault("action", "")) {
      case "rules", "new", "segment", "archive" -> ALL;
      default -> required(edit, "env");
    };
  }

  /** A title for pages and the audit trail. */
  static String describe(Map<String, String> edit) {
    String env = edit.get("env");
    String where = env == null || env.equals(CatalogEdits.BASE) ? "" : " in " + env;
    return switch (edit.getOrDefault("action", "")) {
      case "kill" -> ("true".equals(edit.get("enabled")) ? "Switch on '" : "Switch off '") + edit.get("flag") + "'" + where;
      case "ramp" -> "Ramp '" + edit.get("flag") + "' to " + edit.get("percent") + " %" + where;
      case "allow" -> "Change who is always on for '" + edit.get("flag") + "'" + where;
      case "schedule" -> "Schedule '" + edit.get("flag") + "' to " + edit.get("percent") + " % at " + edit.get("at") + where;
      case "rules" -> "Edit the definition of '" + edit.get("flag") + "'";
      case "new" -> "Add the flag '" + edit.get("key") + "'";
      case "archive" -> "Archive '" + edit.get("flag") + "'";
      case "segment" -> "Change the members of segment '" + edit.get("segment") + "'";
      default -> "Change";
    };
  }

  /** The YAML catalog text with the edit made. */
  static String apply(String text, Map<String, String> edit) {
    return apply(dev.turnout.CatalogFormat.YAML, text, edit);
  }

  /** The catalog text, in {@code format} (YAML or JSON), with the edit made. */
  static String apply(dev.turnout.CatalogFormat format, String text, Map<String, String> edit) {
    String action = required(edit, "action");
    CatalogWriter w = CatalogWriter.of(format);
    return switch (action) {
      case "kill" -> w.setEnabled(text, required(edit, "flag"), required(edit, "env"),
          Boolean.parseBoolean(required(edit, "enabled")));
      case "ramp" -> w.setPercentage(text, required(edit, "flag"), required(edit, "env"),
          percent(required(edit, "percent")));
      case "allow" -> w.setAllow(text, required(edit, "flag"), required(edit, "env"),
          keys(edit.getOrDefault("keys", "")));
      case "schedule" -> w.addScheduleStep(text, required(edit, "flag"), required(edit, "env"),
          instant(required(edit, "at")), percent(required(edit, "percent")));
      case "rules" -> w.replaceFlagBlock(text, required(edit, "flag"), required(edit, "block"));
      case "archive" -> w.archive(text, required(edit, "flag"));
      case "new" -> w.addFlag(text, required(edit, "key").trim(), required(edit, "fields"));
      case "segment" -> w.setSegmentKeys(text, required(edit, "segment"), keys(edit.getOrDefault("keys", "")));
      default -> throw new EditException("unknown action '" + action + "'");
    };
  }

  static String required(Map<String, String> edit, String field) {
    String v = edit.get(field);
    if (v == null || v.isBlank()) {
      throw new EditException("'" + field + "' is missing");
    }
    return v;
  }

  static String percent(String text) {
    try {
      BigDecimal p = new BigDecimal(text.trim());
      if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0 || p.stripTrailingZeros().scale() > 3) {
        throw new EditException("a percentage is from 0 to 100 with at most three decimals, not '" + text + "'");
      }
      return p.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      throw new EditException("a percentage is a number from 0 to 100, not '" + text + "'");
    }
  }

  static String instant(String text) {
    String t = text.trim();
    try {
      return Instant.parse(t).toString();
    } catch (DateTimeParseException e) {
      try {
        // <input type="datetime-local"> sends 2026-12-01T09:00 (read as UTC, as the form says)
        return Instant.parse(t + (t.length() == 16 ? ":00Z" : "Z")).toString();
      } catch (DateTimeParseException e2) {
        throw new EditException("'" + text + "' is not an instant such as 2026-12-01T09:00:00Z");
      }
    }
  }

  /** Targeting keys typed one a line or separated by commas. */
  static List<String> keys(String text) {
    return Arrays.stream(text.split("[,\\n\\r]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
  }
}
