package dev.turnout.cli.internal;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A file's text with offsets for parser positions, and the whole-line and indentation arithmetic edits need. */
final class SourceText {

  /** Replace [start, end) with {@code text}. */
  record Edit(int start, int end, String text) {}

  final String text;
  private final int[] lineStarts;

  SourceText(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  int offset(Position p) {
    return lineStarts[p.line - 1] + p.column - 1;
  }

  int start(Node n) {
    return offset(n.getBegin().orElseThrow());
  }

  /** Just past the node's last character. */
  int end(Node n) {
    return offset(n.getEnd().orElseThrow()) + 1;
  }

  /** The node with its comment, if it has one. */
  int startWithComment(Node n) {
    return n.getComment().map(c -> Math.min(start(c), start(n))).orElse(start(n));
  }

  String source(Node n) {
    return text.substring(start(n), end(n));
  }

  int line(int offset) {
    int line = java.util.Arrays.binarySearch(lineStarts, offset);
    return line >= 0 ? line + 1 : -line - 1;
  }

  int lineStart(int offset) {
    return lineStarts[line(offset) - 1];
  }

  /** Just past the newline ending the line holding {@code offset} (or the end of the text). */
  int lineEnd(int offset) {
    int nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length() : nl + 1;
  }

  String indent(int offset) {
    int s = lineStart(offset);
    int i = s;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(s, i);
  }

  /** [start, end) grown to whole lines when nothing else shares those lines. */
  int[] wholeLines(int start, int end) {
    int ls = lineStart(start);
    int le = end > 0 && end <= text.length() && text.charAt(end - 1) == '\n' ? end : lineEnd(end);
    boolean before = text.substring(ls, start).isBlank();
    boolean after = text.substring(end, le).isBlank();
    return before && after ? new int[] {ls, le} : new int[] {start, end};
  }

  /** As {@link #wholeLines}, also taking one blank line above (or else below) so no gap is doubled. */
  int[] wholeLinesAndGap(int start, int end) {
    int[] r = wholeLines(start, end);
    if (r[0] != lineStart(r[0])) {
      return r;
    }
    if (r[0] > 0) {
      int prev = lineStart(r[0] - 1);
      if (text.substring(prev, r[0]).isBlank()) {
        return new int[] {prev, r[1]};
      }
    }
    if (r[1] < text.length()) {
      int next = lineEnd(r[1]);
      if (text.substring(r[1], next).isBlank()) {
        return new int[] {r[0], next};
      }
    }
    return r;
  }

  /** [start, end) plus the spaces after it. */
  int[] withTrailingSpaces(int start, int end) {
    int e = end;
    while (e < text.length() && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
      e++;
    }
    return new int[] {start, e};
  }

  /** Lines re-indented so the least indented one starts at {@code indent}; blank first and last lines dropped. */
  static String reindent(String block, String indent) {
    List<String> lines = new ArrayList<>(List.of(block.split("\n", -1)));
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      return "";
    }
    int min = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        min = Math.min(min, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.isBlank() ? "" : indent + l.substring(min)).append('\n');
    }
    return out.toString();
  }

  /** Applies the edits that do not overlap an earlier one; returns the new text. */
  static String apply(String text, List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
    List<Edit> chosen = new ArrayList<>();
    int last = -1;
    for (Edit e : sorted) {
      if (e.start() >= last || (e.start() == e.end() && e.start() >= last)) {
        chosen.add(e);
        last = Math.max(e.end(), e.start());
      }
    }
    StringBuilder out = new StringBuilder(text);
    for (int i = chosen.size() - 1; i >= 0; i--) {
      Edit e = chosen.get(i);
      out.replace(e.start(), e.end(), e.text());
    }
    return out.toString();
  }
}
