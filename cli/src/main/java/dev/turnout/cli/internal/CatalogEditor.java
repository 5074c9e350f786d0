package dev.turnout.cli.internal;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.cli.api.CatalogFile;
import dev.turnout.cli.api.ToolException;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes one flag from a catalog's text, leaving every other line (and comment) as it was: never a
 * round trip through a serializer. YAML: the lines of the flag's block, with the comment lines just
 * above it. JSON: the flag's member and its comma.
 */
final class CatalogEditor {

  private CatalogEditor() {}

  static String removeFlag(CatalogFile file, Flag flag) {
    String text = file.format() == CatalogFormat.JSON ? removeJson(file.text(), flag) : removeYaml(file.text(), flag);
    try {
      Catalog after = file.parse(text);
      if (after.flags().containsKey(flag.key())) {
        throw new ToolException(file.display() + ":" + flag.line() + ": could not remove '" + flag.key()
            + "' from the catalog: remove it by hand");
      }
    } catch (CatalogException e) {
      throw new ToolException(file.display() + ":" + flag.line() + ": removing '" + flag.key()
          + "' would leave a catalog that does not validate (" + e.problems().get(0).message() + "): remove it by hand");
    }
    return text;
  }

  private static String removeYaml(String text, Flag flag) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int keyLine = flag.line() - 1;
    int indent = indent(lines.get(keyLine));
    int end = keyLine + 1;
    while (end < lines.size() && (lines.get(end).isBlank() || indent(lines.get(end)) > indent)) {
      end++;
    }
    // Trailing blank lines belong to the gap before the next entry, not to this block.
    int blockEnd = end;
    while (blockEnd > keyLine + 1 && lines.get(blockEnd - 1).isBlank()) {
      blockEnd--;
    }
    int start = keyLine;
    while (start > 0 && lines.get(start - 1).stripLeading().startsWith("#") && indent(lines.get(start - 1)) >= indent) {
      start--;
    }
    boolean gapAbove = start > 0 && lines.get(start - 1).isBlank();
    boolean headerAbove = start > 0 && indent(lines.get(start - 1)) < indent;
    int removeEnd = gapAbove || headerAbove ? end : blockEnd;
    if (removeEnd == lines.size() || (end < lines.size() && indent(lines.get(end)) < indent)) {
      removeEnd = blockEnd; // keep the gap before the next top-level section, drop our own above
      if (gapAbove) {
        start--;
      }
    }
    lines.subList(start, removeEnd).clear();
    // The last flag gone: `flags:` alone would mean null.
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("flags:\\s*(#.*)?") && (i + 1 >= lines.size() || nextContentIndent(lines, i + 1) == 0)) {
        lines.set(i, lines.get(i).replaceFirst("flags:", "flags: {}"));
      }
    }
    return String.join("\n", lines);
  }

  private static int nextContentIndent(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (!lines.get(i).isBlank() && !lines.get(i).stripLeading().startsWith("#")) {
        return indent(lines.get(i));
      }
    }
    return 0;
  }

  private static int indent(String line) {
    return line.length() - line.stripLeading().length();
  }

  private static String removeJson(String text, Flag flag) {
    SourceText t = new SourceText(text);
    int keyStart = t.offset(new com.github.javaparser.Position(flag.line(), flag.column()));
    if (text.charAt(keyStart) != '"') {
      keyStart = text.lastIndexOf('"', text.lastIndexOf('"', keyStart) - 1);
    }
    int colon = text.indexOf(':', text.indexOf('"', keyStart + 1) + 1);
    int i = colon + 1;
    while (Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    int valueEnd = skipValue(text, i);
    int after = valueEnd;
    while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
      after++;
    }
    if (after < text.length() && text.charAt(after) == ',') {
      int[] r = t.wholeLines(keyStart, after + 1);
      return text.substring(0, r[0]) + text.substring(r[1]);
    }
    int before = keyStart - 1;
    while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
      before--;
    }
    if (text.charAt(before) == ',') {
      return text.substring(0, before) + text.substring(valueEnd);
    }
    return text.substring(0, before + 1) + text.substring(after);
  }

  private static int skipValue(String text, int i) {
    int depth = 0;
    boolean string = false;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (string) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          string = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        string = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
        if (depth < 0) {
          return i;
        }
      } else if (depth == 0 && (c == ',')) {
        return i;
      }
    }
    return i;
  }
}
