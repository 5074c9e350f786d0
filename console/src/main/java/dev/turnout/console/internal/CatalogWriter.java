package dev.turnout.console.internal;

import java.util.List;

/**
 * The console's edits of a catalog's text in one syntax ({@link CatalogEdits#YAML}, {@link JsonEdits#JSON}). Each
 * changes one value or adds one member and keeps the rest of the text as written; the result is validated by the
 * runtime's reader before it is saved. Every syntax makes every edit, so an action added to {@link Edit} is made in
 * each.
 */
interface CatalogWriter {

  /** The writer of {@code format}'s syntax; refused for formats the console does not edit. */
  static CatalogWriter of(dev.turnout.CatalogFormat format) {
    return switch (format) {
      case YAML -> CatalogEdits.YAML;
      case JSON -> JsonEdits.JSON;
      default -> throw new EditException("the console edits YAML and JSON catalogs, not " + format
          + ": edit it in the file");
    };
  }

  /** The text of the flag's entry, as {@link #replaceFlagBlock} takes it back. */
  String flagBlock(String text, String flag);

  /** Sets {@code enabled} of {@code flag} in {@code environment} ({@link CatalogEdits#BASE}: the flag's own field). */
  String setEnabled(String text, String flag, String environment, boolean enabled);

  /** Ramps a boolean flag to {@code percent} % on in {@code environment}. */
  String setPercentage(String text, String flag, String environment, String percent);

  /** Replaces the {@code allow} list of {@code flag} in {@code environment}. */
  String setAllow(String text, String flag, String environment, List<String> keys);

  /** Replaces the {@code keys} of segment {@code segment}. */
  String setSegmentKeys(String text, String segment, List<String> keys);

  /** Appends a step ({@code at}, an ISO instant; {@code percent}) to the flag's schedule in {@code environment}. */
  String addScheduleStep(String text, String flag, String environment, String at, String percent);

  /** Archives {@code flag}: switched off everywhere and tagged {@value CatalogEdits#ARCHIVED}. */
  String archive(String text, String flag);

  /** Replaces the flag's entry with {@code block}. */
  String replaceFlagBlock(String text, String flag, String block);

  /** Adds a new flag at the end of {@code flags}, written from {@code fields} (YAML, not indented). */
  String addFlag(String text, String key, String fields);
}
