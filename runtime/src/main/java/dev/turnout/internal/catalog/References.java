package dev.turnout.internal.catalog;

import dev.turnout.internal.catalog.Catalog.All;
import dev.turnout.internal.catalog.Catalog.Any;
import dev.turnout.internal.catalog.Catalog.Condition;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.FlagCheck;
import dev.turnout.internal.catalog.Catalog.Not;
import dev.turnout.internal.catalog.Catalog.Rule;
import dev.turnout.internal.catalog.Catalog.Segment;
import dev.turnout.internal.catalog.Catalog.SegmentRef;
import dev.turnout.internal.catalog.Catalog.Settings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph of flags and segments that name each other in conditions ({@code {flag: ...}},
 * {@code {segment: ...}}), checked in one linear pass without recursion: cycles, the depth of reference
 * chains ({@link CatalogReader#MAX_REFERENCE_DEPTH}), and the number of conditions one evaluation can
 * visit when every reference evaluates its target again ({@link CatalogReader#MAX_EVALUATION_COST}).
 * Unknown names are left to the readers, which report them.
 */
final class References {

  /** Paths longer than this are shown by their ends. */
  private static final int PATH_SHOWN = 10;
  private static final int[] NONE = new int[0];

  private final Problems problems;
  private final int flagCount;
  private final int size;
  private final String[] names;
  private final int[] lines;
  private final int[] columns;
  /** Every reference of each node, with repeats (a name written twice is evaluated twice). */
  private final int[][] targets;
  /**
   * Per node, per set of rules that can be in force together (the base, each environment with rules of
   * its own): the conditions written there and the references among them.
   */
  private final long[][] bucketOwn;
  private final int[][][] bucketRefs;
  /** {@link #fill}'s work list and the references it finds, reused from one node to the next. */
  private final ArrayDeque<Condition> todo = new ArrayDeque<>();
  private int[] found = new int[8];

  private References(Catalog catalog, Problems problems) {
    this.problems = problems;
    this.flagCount = catalog.flags().size();
    this.size = flagCount + catalog.segments().size();
    names = new String[size];
    lines = new int[size];
    columns = new int[size];
    targets = new int[size][];
    bucketOwn = new long[size][];
    bucketRefs = new int[size][][];
    Map<String, Integer> flagIds = new HashMap<>(Math.max(16, flagCount * 2));
    Map<String, Integer> segmentIds = new HashMap<>(Math.max(16, (size - flagCount) * 2));
    int id = 0;
    for (Flag f : catalog.flags().values()) {
      names[id] = f.key();
      lines[id] = f.line();
      columns[id] = f.column();
      flagIds.put(f.key(), id++);
    }
    for (Segment s : catalog.segments().values()) {
      names[id] = s.name();
      lines[id] = s.line();
      columns[id] = s.column();
      segmentIds.put(s.name(), id++);
    }
    id = 0;
    List<List<Condition>> buckets = new ArrayList<>();
    for (Flag f : catalog.flags().values()) {
      buckets.clear();
      buckets.add(whens(f.settings().rules()));
      for (Settings env : f.environments().values()) {
        if (env.rules() != null) {
          buckets.add(whens(env.rules()));
        }
      }
      fill(id++, buckets, flagIds, segmentIds);
    }
    for (Segment s : catalog.segments().values()) {
      buckets.clear();
      buckets.add(s.when() == null ? List.of() : List.of(s.when()));
      fill(id++, buckets, flagIds, segmentIds);
    }
  }

  /** Checks the catalog's references, adding a problem for each cycle, each chain too deep, each cost too high. */
  static void check(Catalog catalog, Problems problems) {
    if (catalog == null) {
      return;
    }
    new References(catalog, problems).run();
  }

  private static List<Condition> whens(List<Rule> rules) {
    if (rules == null) {
      return List.of();
    }
    List<Condition> out = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      out.add(r.when()); // null for a rule without a condition: counted as the rule itself
    }
    return out;
  }

  private void fill(int node, List<List<Condition>> buckets, Map<String, Integer> flagIds, Map<String, Integer> segmentIds) {
    long[] own = new long[buckets.size()];
    int[][] refs = new int[buckets.size()][];
    int total = 0;
    for (int b = 0; b < own.length; b++) {
      int n = 0;
      for (Condition when : buckets.get(b)) {
        own[b]++; // the rule
        if (when != null) {
          todo.push(when);
        }
        while (!todo.isEmpty()) {
          Condition c = todo.pop();
          own[b]++;
          Integer target = null;
          if (c instanceof All) {
            ((All) c).conditions().forEach(todo::push);
          } else if (c instanceof Any) {
            ((Any) c).conditions().forEach(todo::push);
          } else if (c instanceof Not) {
            todo.push(((Not) c).condition());
          } else if (c instanceof FlagCheck) {
            target = flagIds.get(((FlagCheck) c).flag());
          } else if (c instanceof SegmentRef) {
            target = segmentIds.get(((SegmentRef) c).segment());
          }
          if (target != null) {
            if (n == found.length) {
              found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = target;
          }
        }
      }
      refs[b] = n == 0 ? NONE : Arrays.copyOf(found, n);
      total += n;
    }
    int[] all = refs.length == 1 ? refs[0] : total == 0 ? NONE : new int[total];
    if (all != refs[0] && all != NONE) {
      int at = 0;
      for (int[] r : refs) {
        System.arraycopy(r, 0, all, at, r.length);
        at += r.length;
      }
    }
    targets[node] = all; // never written to: may be shared with the only bucket, or empty
    bucketOwn[node] = own;
    bucketRefs[node] = refs;
  }

  private boolean isFlag(int node) {
    return node < flagCount;
  }

  /** Tarjan's strongly connected components, iteratively; components come out after all they reach. */
  private void run() {
    int[] index = new int[size];
    int[] low = new int[size];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[size];
    int[] stack = new int[size];
    int sp = 0;
    int[] calls = new int[size];
    int[] edge = new int[size];
    int counter = 0;
    int[] depth = new int[size];
    long[] cost = new long[size];
    // nodes on or after a cycle: no depth or cost
    boolean[] cyclic = new boolean[size];
    int shown = 0;
    for (int root = 0; root < size; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int top = 0;
      calls[0] = root;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      onStack[root] = true;
      while (top >= 0) {
        int v = calls[top];
        int[] out = targets[v];
        if (edge[v] < out.length) {
          int w = out[edge[v]++];
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            calls[++top] = w;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        top--;
        if (top >= 0) {
          low[calls[top]] = Math.min(low[calls[top]], low[v]);
        }
        if (low[v] != index[v]) {
          continue;
        }
        int start = sp;
        do {
          start--;
          onStack[stack[start]] = false;
        } while (stack[start] != v);
        int[] component = Arrays.copyOfRange(stack, start, sp);
        sp = start;
        boolean selfLoop = false;
        for (int w : out) {
          selfLoop |= w == v;
        }
        if (component.length > 1 || selfLoop) {
          for (int c : component) {
            cyclic[c] = true;
          }
          shown = cycles(component, shown);
        } else {
          measure(v, depth, cost, cyclic);
        }
      }
    }
  }

  /** Depth and cost of an acyclic node whose targets are all measured; reports where a limit is first passed. */
  private void measure(int v, int[] depth, long[] cost, boolean[] cyclic) {
    int d = 0;
    int deepest = -1;
    boolean targetOver = false;
    boolean targetCostly = false;
    for (int w : targets[v]) {
      if (cyclic[w]) {
        cyclic[v] = true;
        return;
      }
      if (depth[w] > d) {
        d = depth[w];
        deepest = w;
      }
      targetOver |= depth[w] > CatalogReader.MAX_REFERENCE_DEPTH;
      targetCostly |= cost[w] > CatalogReader.MAX_EVALUATION_COST;
    }
    depth[v] = d + 1;
    long c = 0;
    for (int b = 0; b < bucketOwn[v].length; b++) {
      long sum = bucketOwn[v][b];
      for (int w : bucketRefs[v][b]) {
        sum = Math.min(sum + cost[w], Long.MAX_VALUE / 4);
      }
      c = Math.max(c, sum);
    }
    cost[v] = c + 1;
    if (depth[v] > CatalogReader.MAX_REFERENCE_DEPTH && !targetOver) {
      List<Integer> chain = new ArrayList<>();
      chain.add(v);
      for (int w = deepest; w >= 0; ) {
        chain.add(w);
        int next = -1;
        int best = 0;
        for (int x : targets[w]) {
          if (depth[x] > best) {
            best = depth[x];
            next = x;
          }
        }
        w = next;
      }
      problems.add(lines[v], columns[v], kind(v) + " '" + names[v] + "' is at the head of a chain of " + depth[v]
          + " flags and segments named in conditions (" + path(chain, true) + "): at most " + CatalogReader.MAX_REFERENCE_DEPTH
          + " are allowed, so that evaluation stays shallow");
    }
    if (cost[v] > CatalogReader.MAX_EVALUATION_COST && !targetCostly && depth[v] <= CatalogReader.MAX_REFERENCE_DEPTH) {
      problems.add(lines[v], columns[v], kind(v) + " '" + names[v] + "' has "
          + String.format("%,d", cost[v]) + " conditions to evaluate, counting the flags and segments it names "
          + "again at each place they are named: at most " + String.format("%,d", CatalogReader.MAX_EVALUATION_COST)
          + " are allowed, so that evaluation stays fast (name a flag or segment once, or merge conditions)");
    }
  }

  /** Reports the nodes of one cycle: every flag, and each segment on a cycle of segments alone. */
  private int cycles(int[] component, int shown) {
    if (shown >= CatalogReader.MAX_CYCLES_SHOWN) {
      return shown;
    }
    Arrays.sort(component); // file order: flags, then segments
    Map<Integer, Integer> member = new HashMap<>();
    for (int c : component) {
      member.put(c, c);
    }
    for (int v : component) {
      if (shown >= CatalogReader.MAX_CYCLES_SHOWN) {
        return shown;
      }
      if (isFlag(v)) {
        List<Integer> path = pathBack(v, member, false);
        if (path != null) {
          problems.add(lines[v], columns[v], "flag '" + names[v] + "' depends on itself through its conditions: "
              + path(path, true));
          shown++;
        }
      } else {
        List<Integer> path = pathBack(v, member, true);
        if (path != null) {
          problems.add(lines[v], columns[v], "segment '" + names[v] + "' refers to itself: " + path(path, false));
          shown++;
        }
      }
    }
    return shown;
  }

  /** The shortest path from {@code v} back to itself inside the component (through segments only, when asked). */
  private List<Integer> pathBack(int v, Map<Integer, Integer> member, boolean segmentsOnly) {
    Map<Integer, Integer> parent = new HashMap<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(v);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int w : targets[u]) {
        if (!member.containsKey(w) || (segmentsOnly && isFlag(w))) {
          continue;
        }
        if (w == v) {
          List<Integer> path = new ArrayList<>();
          path.add(v);
          for (int x = u; x != v; x = parent.get(x)) {
            path.add(x);
          }
          path.add(v);
          java.util.Collections.reverse(path);
          return path;
        }
        if (!parent.containsKey(w)) {
          parent.put(w, u);
          queue.add(w);
        }
      }
    }
    return null;
  }

  private String kind(int node) {
    return isFlag(node) ? "flag" : "segment";
  }

  /** "flag a -> segment b -> flag a" (without kinds: "a -> b -> a"), its middle left out when long. */
  private String path(List<Integer> nodes, boolean kinds) {
    StringBuilder s = new StringBuilder();
    int n = nodes.size();
    for (int i = 0; i < n; i++) {
      if (n > PATH_SHOWN && i == PATH_SHOWN - 2) {
        s.append(" -> ... (").append(String.format("%,d", n - PATH_SHOWN)).append(" more)");
        i = n - 2;
      }
      int node = nodes.get(i);
      s.append(s.length() == 0 ? "" : " -> ").append(kinds ? kind(node) + " " : "").append(names[node]);
    }
    return s.toString();
  }
}
