package dev.turnout.cli.internal;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts, by longest common subsequence of lines, with three lines of context. */
final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  static String of(String name, String before, String after) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    // One op per line: ' ' kept, '-' removed, '+' added, with positions in both texts.
    List<char[]> ops = new ArrayList<>();
    List<int[]> pos = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        ops.add(new char[] {' '});
        pos.add(new int[] {i++, j++});
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new char[] {'-'});
        pos.add(new int[] {i++, j});
      } else {
        ops.add(new char[] {'+'});
        pos.add(new int[] {i, j++});
      }
    }
    StringBuilder out = new StringBuilder("--- a/" + name + "\n+++ b/" + name + "\n");
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int from = Math.max(0, k - CONTEXT);
      int to = k;
      int lastChange = k;
      while (to < ops.size() && (ops.get(to)[0] != ' ' || to - lastChange <= 2 * CONTEXT)) {
        if (ops.get(to)[0] != ' ') {
          lastChange = to;
        }
        to++;
      }
      to = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int aStart = pos.get(from)[0];
      int bStart = pos.get(from)[1];
      int aCount = 0;
      int bCount = 0;
      StringBuilder hunk = new StringBuilder();
      for (int x = from; x < to; x++) {
        char op = ops.get(x)[0];
        String line = op == '+' ? b[pos.get(x)[1]] : a[pos.get(x)[0]];
        hunk.append(op).append(line).append('\n');
        aCount += op == '+' ? 0 : 1;
        bCount += op == '-' ? 0 : 1;
      }
      out.append("@@ -").append(aStart + 1).append(',').append(aCount)
          .append(" +").append(bStart + 1).append(',').append(bCount).append(" @@\n").append(hunk);
      k = to;
    }
    return out.toString();
  }
}
