package dev.turnout.internal.engine;

import dev.turnout.EvaluationContext;
import dev.turnout.internal.catalog.Node;
import dev.turnout.internal.catalog.Node.ListNode;
import dev.turnout.internal.catalog.Node.MapNode;
import dev.turnout.internal.catalog.Node.ScalarNode;
import dev.turnout.internal.catalog.SemVer;
import dev.turnout.internal.catalog.Values;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles JsonLogic (with flagd's operators {@code fractional}, {@code sem_ver}, {@code starts_with},
 * {@code ends_with} and {@code $ref}) into a tree of {@link Expr} nodes, once per catalog: evaluation
 * walks the compiled tree and never looks at JSON. flagd's operators answer null for bad input, as
 * flagd does; {@code strict} compilation reports what flagd's schema forbids instead.
 */
public final class JsonLogic {

  /** A compiled expression: its value for a context (String, Long, Double, Boolean, List, or null). */
  @FunctionalInterface
  public interface Expr {
    Object eval(EvaluationContext context, Clock clock);
  }

  /** A problem with an expression, with where it was written. */
  public static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Where the problem is. */
    public final transient Node at;
    /** True for a {@code $ref} to no evaluator: flagd loads the flag and fails its evaluations. */
    public final boolean unresolvedReference;

    Problem(Node at, String message, boolean unresolvedReference) {
      super(message, null, false, false);
      this.at = at;
      this.unresolvedReference = unresolvedReference;
    }
  }

  private static final Set<String> SEMVER_OPS = Set.of("=", "!=", "<", "<=", ">", ">=", "^", "~");
  private static final Set<String> FLAGD_VARS = Set.of("$flagd.flagKey", "$flagd.timestamp");

  private final String flagKey;
  private final Map<String, Node> evaluators;
  private final boolean strict;
  private final Set<String> expanding = new HashSet<>();
  /** Each evaluator compiled once per flag: a {@code $ref} named twice shares one compiled tree. */
  private final Map<String, Expr> compiled = new java.util.HashMap<>();
  /** Inside map, filter, reduce, all, none, some: {@code var} reads the current item, not the context. */
  private int itemScope;

  /** The item the innermost array operation is at, per evaluating thread. */
  private static final ThreadLocal<Object[]> ITEM = ThreadLocal.withInitial(() -> new Object[1]);

  private JsonLogic(String flagKey, Map<String, Node> evaluators, boolean strict) {
    this.flagKey = flagKey;
    this.evaluators = evaluators;
    this.strict = strict;
  }

  /**
   * Compiles {@code expression} for the flag {@code flagKey}.
   *
   * @throws Problem for an unknown operator, a {@code $ref} to no evaluator, or (when {@code strict})
   *     what flagd's schema forbids
   */
  public static Expr compile(Node expression, String flagKey, Map<String, Node> evaluators, boolean strict) {
    Size size = new Sizer(evaluators).of(expression);
    if (size.depth > MAX_DEPTH) {
      throw new Problem(size.over != null ? size.over : expression, "targeting is nested deeper than " + MAX_DEPTH
          + " levels once its $ref evaluators are put in place (" + size.depth + ")", false);
    }
    if (size.cost > dev.turnout.internal.catalog.CatalogReader.MAX_EVALUATION_COST) {
      throw new Problem(size.over != null ? size.over : expression, "targeting has " + String.format("%,d", size.cost)
          + " conditions to evaluate, counting each $ref evaluator at each place it is named and each item of a "
          + "literal list an array operation goes through: at most "
          + String.format("%,d", dev.turnout.internal.catalog.CatalogReader.MAX_EVALUATION_COST) + " are allowed", false);
    }
    return new JsonLogic(flagKey, evaluators, strict).expr(expression);
  }

  /** Deepest targeting accepted, in JSON levels, with every {@code $ref} put in place (evaluation recurses that deep). */
  public static final int MAX_DEPTH = 200;

  /** The size of an expression with its evaluators in place: nodes to evaluate, levels, and where a limit is first passed. */
  private record Size(long cost, int depth, Node over) {}

  private static final Size UNIT = new Size(1, 1, null);

  /**
   * Measures expressions. Each evaluator is measured once per catalog (kept on its node), in an order
   * found without recursion across evaluators; recursion within one tree is bounded by the reader's
   * nesting limit.
   */
  private static final class Sizer {
    private final Map<String, Node> evaluators;

    Sizer(Map<String, Node> evaluators) {
      this.evaluators = evaluators;
    }

    Size of(Node expression) {
      // Measure the evaluators this expression reaches, those they name first (an explicit stack).
      java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
      Set<String> started = new HashSet<>();
      refs(expression, todo);
      while (!todo.isEmpty()) {
        String name = todo.peek();
        Node target = evaluators.get(name);
        if (target == null || target.analysis() instanceof Size) {
          todo.pop();
          continue;
        }
        if (started.add(name)) {
          refs(target, todo); // measured before this one; a cycle is reported by the compiler
          continue;
        }
        todo.pop();
        target.analysis(measure(target));
      }
      return measure(expression);
    }

    private void refs(Node node, java.util.Deque<String> out) {
      if (node instanceof ListNode) {
        for (Node item : ((ListNode) node).items()) {
          refs(item, out);
        }
      } else if (node instanceof MapNode) {
        for (Node.Field f : ((MapNode) node).fields()) {
          if (f.name().equals("$ref") && f.value() instanceof ScalarNode && ((ScalarNode) f.value()).isString()) {
            out.push((String) ((ScalarNode) f.value()).value());
          } else {
            refs(f.value(), out);
          }
        }
      }
    }

    private Size measure(Node node) {
      if (node instanceof ScalarNode) {
        return UNIT;
      }
      List<Node> children = node instanceof ListNode ? ((ListNode) node).items() : List.of();
      long multiplier = 1;
      int each = -1;
      if (node instanceof MapNode) {
        List<Node.Field> fields = ((MapNode) node).fields();
        if (fields.size() == 1 && fields.get(0).name().equals("$ref")) {
          Node v = fields.get(0).value();
          Node target = v instanceof ScalarNode && ((ScalarNode) v).isString()
              ? evaluators.get((String) ((ScalarNode) v).value()) : null;
          Object known = target == null ? null : target.analysis();
          if (!(known instanceof Size)) {
            return UNIT; // no such evaluator, or a cycle: the compiler reports it
          }
          Size t = (Size) known;
          return new Size(t.cost, t.depth + 1, t.over != null ? t.over : passes(t.cost, t.depth + 1) ? node : null);
        }
        children = new ArrayList<>();
        for (Node.Field f : fields) {
          children.add(f.value());
          if (ARRAY_OPERATIONS.contains(f.name()) && f.value() instanceof ListNode) {
            List<Node> args = ((ListNode) f.value()).items();
            if (args.size() > 1 && args.get(0) instanceof ListNode) {
              multiplier = Math.max(1, ((ListNode) args.get(0)).items().size());
              each = 1;
            }
          }
        }
      }
      long cost = 1;
      int depth = 0;
      Node over = null;
      for (int i = 0; i < children.size(); i++) {
        Node child = children.get(i);
        if (each >= 0 && child instanceof ListNode) {
          // the array operation's arguments: [list, each, initial]; each runs once per item of the list
          List<Node> args = ((ListNode) child).items();
          for (int a = 0; a < args.size(); a++) {
            Size s = measure(args.get(a));
            cost = Math.min(Long.MAX_VALUE / 4, cost + (a == each ? Math.min(Long.MAX_VALUE / 4 / multiplier, s.cost) * multiplier : s.cost));
            depth = Math.max(depth, s.depth + 1);
            over = over != null ? over : s.over;
          }
          continue;
        }
        Size s = measure(child);
        cost = Math.min(Long.MAX_VALUE / 4, cost + s.cost);
        depth = Math.max(depth, s.depth);
        over = over != null ? over : s.over;
      }
      depth++;
      return new Size(cost, depth, over != null ? over : passes(cost, depth) ? node : null);
    }

    private static boolean passes(long cost, int depth) {
      return depth > MAX_DEPTH || cost > dev.turnout.internal.catalog.CatalogReader.MAX_EVALUATION_COST;
    }
  }

  private static final Set<String> ARRAY_OPERATIONS = Set.of("map", "filter", "all", "none", "some", "reduce");

  private Expr expr(Node node) {
    if (node instanceof ScalarNode) {
      Object v = ((ScalarNode) node).value();
      return (ctx, clock) -> v;
    }
    if (node instanceof ListNode) {
      List<Expr> items = exprs(((ListNode) node).items());
      return (ctx, clock) -> {
        List<Object> out = new ArrayList<>(items.size());
        for (Expr e : items) {
          out.add(e.eval(ctx, clock));
        }
        return out;
      };
    }
    MapNode map = (MapNode) node;
    List<Node.Field> fields = map.fields();
    if (fields.isEmpty()) {
      return (ctx, clock) -> null;
    }
    if (fields.size() != 1) {
      throw new Problem(node, "a JsonLogic operation is a map with exactly one operator, not " + fields.size(), false);
    }
    Node.Field f = fields.get(0);
    String op = f.name();
    Node argNode = f.value();
    List<Node> args = argNode instanceof ListNode ? ((ListNode) argNode).items() : List.of(argNode);
    switch (op) {
      case "$ref":
        return ref(argNode);
      case "var":
        return var(args);
      case "if":
      case "?:":
        return ifElse(args);
      case "==":
      case "!=":
      case "===":
      case "!==": {
        Expr a = arg(args, 0);
        Expr b = arg(args, 1);
        boolean strictEq = op.length() == 3;
        boolean negate = op.charAt(0) == '!';
        return (ctx, clock) -> {
          Object x = a.eval(ctx, clock);
          Object y = b.eval(ctx, clock);
          return (strictEq ? strictEquals(x, y) : looseEquals(x, y)) != negate;
        };
      }
      case "!": {
        Expr a = arg(args, 0);
        return (ctx, clock) -> !truthy(a.eval(ctx, clock));
      }
      case "!!": {
        Expr a = arg(args, 0);
        return (ctx, clock) -> truthy(a.eval(ctx, clock));
      }
      case "and":
      case "or": {
        Expr[] parts = exprs(args).toArray(new Expr[0]);
        boolean and = op.equals("and");
        return (ctx, clock) -> {
          Object last = null;
          for (Expr e : parts) {
            last = e.eval(ctx, clock);
            if (truthy(last) != and) {
              return last;
            }
          }
          return last;
        };
      }
      case "<":
      case "<=":
      case ">":
      case ">=":
        return compare(op, exprs(args));
      case "in": {
        Expr a = arg(args, 0);
        Expr b = arg(args, 1);
        return (ctx, clock) -> {
          Object x = a.eval(ctx, clock);
          Object y = b.eval(ctx, clock);
          if (y instanceof String && x != null) {
            return ((String) y).contains(text(x));
          }
          if (y instanceof List) {
            for (Object item : (List<?>) y) {
              if (strictEquals(item, x)) {
                return true;
              }
            }
          }
          return false;
        };
      }
      case "cat": {
        Expr[] parts = exprs(args).toArray(new Expr[0]);
        return (ctx, clock) -> {
          StringBuilder sb = new StringBuilder();
          for (Expr e : parts) {
            Object v = e.eval(ctx, clock);
            if (v != null) {
              sb.append(text(v));
            }
          }
          return sb.toString();
        };
      }
      case "substr":
        return substr(exprs(args));
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
      case "min":
      case "max":
        return arithmetic(op, exprs(args));
      case "starts_with":
      case "ends_with":
        return affix(op, args);
      case "sem_ver":
        return semVer(args);
      case "fractional":
        return fractional(args);
      case "merge": {
        Expr[] parts = exprs(args).toArray(new Expr[0]);
        return (ctx, clock) -> {
          List<Object> out = new ArrayList<>();
          for (Expr e : parts) {
            Object v = e.eval(ctx, clock);
            if (v instanceof List) {
              out.addAll((List<?>) v);
            } else {
              out.add(v);
            }
          }
          return out;
        };
      }
      case "map":
      case "filter":
      case "all":
      case "none":
      case "some":
      case "reduce":
        return arrayOperation(op, args);
      default:
        throw new Problem(f.value(), "unknown JsonLogic operator '" + op + "'", false);
    }
  }

  private List<Expr> exprs(List<Node> nodes) {
    List<Expr> out = new ArrayList<>();
    for (Node n : nodes) {
      out.add(expr(n));
    }
    return out;
  }

  private Expr arg(List<Node> args, int i) {
    return i < args.size() ? expr(args.get(i)) : (ctx, clock) -> null;
  }

  private Expr ref(Node name) {
    if (!(name instanceof ScalarNode) || !((ScalarNode) name).isString()) {
      throw new Problem(name, "$ref names an evaluator of '$evaluators' with a string", false);
    }
    String key = (String) ((ScalarNode) name).value();
    Node target = evaluators.get(key);
    if (target == null) {
      throw new Problem(name, "$ref '" + key + "' names no evaluator in '$evaluators'", true);
    }
    Expr done = compiled.get(key);
    if (done != null) {
      return done;
    }
    if (!expanding.add(key)) {
      throw new Problem(name, "$ref '" + key + "' refers to itself", false);
    }
    try {
      Expr e = expr(target);
      compiled.put(key, e);
      return e;
    } finally {
      expanding.remove(key);
    }
  }

  private Expr var(List<Node> args) {
    Node nameNode = args.isEmpty() ? null : args.get(0);
    String name = nameNode instanceof ScalarNode && ((ScalarNode) nameNode).value() != null
        ? Values.text(((ScalarNode) nameNode).value()) : "";
    Expr fallback = arg(args, 1);
    if (itemScope > 0) {
      String path = name;
      return (ctx, clock) -> {
        Object v = itemVar(path);
        return v != null ? v : fallback.eval(ctx, clock);
      };
    }
    if (name.startsWith("$flagd.")) {
      if (strict && !FLAGD_VARS.contains(name)) {
        throw new Problem(nameNode, "unknown flagd property '" + name + "' (known: " + String.join(", ", FLAGD_VARS) + ")", false);
      }
      if (name.equals("$flagd.flagKey")) {
        String key = flagKey;
        return (ctx, clock) -> key;
      }
      if (name.equals("$flagd.timestamp")) {
        return (ctx, clock) -> clock.millis() / 1000;
      }
      return fallback;
    }
    if (name.equals("targetingKey")) {
      return (ctx, clock) -> {
        String k = ctx.targetingKey();
        return k != null ? k : fallback.eval(ctx, clock);
      };
    }
    String attribute = name;
    return (ctx, clock) -> {
      Object v = ctx.get(attribute);
      return v != null ? v : fallback.eval(ctx, clock);
    };
  }

  private Expr arrayOperation(String op, List<Node> args) {
    Expr source = arg(args, 0);
    itemScope++;
    Expr each;
    try {
      each = arg(args, 1);
    } finally {
      itemScope--;
    }
    Expr initial = arg(args, 2);
    return (ctx, clock) -> {
      Object list = source.eval(ctx, clock);
      List<?> items = list instanceof List ? (List<?>) list : List.of();
      Object[] slot = ITEM.get();
      Object saved = slot[0];
      try {
        switch (op) {
          case "map": {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
              slot[0] = item;
              out.add(each.eval(ctx, clock));
            }
            return out;
          }
          case "filter": {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
              slot[0] = item;
              if (truthy(each.eval(ctx, clock))) {
                out.add(item);
              }
            }
            return out;
          }
          case "reduce": {
            Object acc = initial.eval(ctx, clock);
            for (Object item : items) {
              Map<String, Object> scope = new java.util.HashMap<>();
              scope.put("current", item);
              scope.put("accumulator", acc);
              slot[0] = scope;
              acc = each.eval(ctx, clock);
            }
            return acc;
          }
          default: {
            if (items.isEmpty()) {
              return !op.equals("all") && op.equals("none");
            }
            int hits = 0;
            for (Object item : items) {
              slot[0] = item;
              if (truthy(each.eval(ctx, clock))) {
                hits++;
              }
            }
            return op.equals("all") ? hits == items.size() : op.equals("none") ? hits == 0 : hits > 0;
          }
        }
      } finally {
        slot[0] = saved;
      }
    };
  }

  /** {@code var} inside an array operation: the current item, or a dotted path into it. */
  private static Object itemVar(String name) {
    Object v = ITEM.get()[0];
    if (name.isEmpty()) {
      return v;
    }
    for (String part : name.split("\\.")) {
      if (!(v instanceof Map)) {
        return null;
      }
      v = ((Map<?, ?>) v).get(part);
    }
    return v;
  }

  private Expr ifElse(List<Node> args) {
    Expr[] parts = exprs(args).toArray(new Expr[0]);
    return (ctx, clock) -> {
      int i = 0;
      for (; i + 1 < parts.length; i += 2) {
        if (truthy(parts[i].eval(ctx, clock))) {
          return parts[i + 1].eval(ctx, clock);
        }
      }
      return i < parts.length ? parts[i].eval(ctx, clock) : null;
    };
  }

  private static Expr compare(String op, List<Expr> args) {
    Expr[] parts = args.toArray(new Expr[0]);
    return (ctx, clock) -> {
      if (parts.length < 2) {
        return false;
      }
      for (int i = 0; i + 1 < parts.length; i++) {
        Double a = number(parts[i].eval(ctx, clock));
        Double b = number(parts[i + 1].eval(ctx, clock));
        if (a == null || b == null) {
          return false;
        }
        boolean holds = op.equals("<") ? a < b : op.equals("<=") ? a <= b : op.equals(">") ? a > b : a >= b;
        if (!holds) {
          return false;
        }
      }
      return true;
    };
  }

  private static Expr substr(List<Expr> args) {
    Expr[] parts = args.toArray(new Expr[0]);
    return (ctx, clock) -> {
      if (parts.length < 2) {
        return null;
      }
      Object s = parts[0].eval(ctx, clock);
      Double start = number(parts[1].eval(ctx, clock));
      if (s == null || start == null) {
        return null;
      }
      String text = text(s);
      int from = start.intValue();
      from = from < 0 ? Math.max(0, text.length() + from) : Math.min(from, text.length());
      int to = text.length();
      if (parts.length > 2) {
        Double len = number(parts[2].eval(ctx, clock));
        if (len != null) {
          to = len < 0 ? Math.max(from, text.length() + len.intValue()) : Math.min(text.length(), from + len.intValue());
        }
      }
      return text.substring(from, Math.max(from, to));
    };
  }

  private static Expr arithmetic(String op, List<Expr> args) {
    Expr[] parts = args.toArray(new Expr[0]);
    return (ctx, clock) -> {
      if (parts.length == 0) {
        return null;
      }
      Double acc = number(parts[0].eval(ctx, clock));
      if (acc == null) {
        return null;
      }
      if (parts.length == 1 && op.equals("-")) {
        return result(-acc);
      }
      for (int i = 1; i < parts.length; i++) {
        Double x = number(parts[i].eval(ctx, clock));
        if (x == null) {
          return null;
        }
        switch (op) {
          case "+": acc += x; break;
          case "-": acc -= x; break;
          case "*": acc *= x; break;
          case "/": acc /= x; break;
          case "%": acc %= x; break;
          case "min": acc = Math.min(acc, x); break;
          default: acc = Math.max(acc, x);
        }
      }
      return result(acc);
    };
  }

  private static Object result(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
  }

  private Expr affix(String op, List<Node> args) {
    if (strict && args.size() >= 2 && args.get(1) instanceof ScalarNode && !((ScalarNode) args.get(1)).isString()) {
      throw new Problem(args.get(1), op + " compares with a string, not " + args.get(1).describe(), false);
    }
    if (args.size() != 2) {
      return (ctx, clock) -> null; // flagd: wrong argument count answers null
    }
    Expr a = expr(args.get(0));
    Expr b = expr(args.get(1));
    boolean starts = op.equals("starts_with");
    return (ctx, clock) -> {
      Object x = a.eval(ctx, clock);
      Object y = b.eval(ctx, clock);
      if (!(x instanceof String) || !(y instanceof String)) {
        return null;
      }
      return starts ? ((String) x).startsWith((String) y) : ((String) x).endsWith((String) y);
    };
  }

  private Expr semVer(List<Node> args) {
    if (strict && args.size() == 3) {
      Node op = args.get(1);
      if (op instanceof ScalarNode && !SEMVER_OPS.contains(String.valueOf(((ScalarNode) op).value()))) {
        throw new Problem(op, "sem_ver operator '" + ((ScalarNode) op).text() + "' is not one of " + SEMVER_OPS, false);
      }
      Node v = args.get(2);
      if (v instanceof ScalarNode && ((ScalarNode) v).isString() && SemVer.parse((String) ((ScalarNode) v).value()) == null) {
        throw new Problem(v, "'" + ((ScalarNode) v).text() + "' is not a semantic version", false);
      }
    }
    if (args.size() != 3) {
      return (ctx, clock) -> null;
    }
    Expr version = expr(args.get(0));
    Expr operator = expr(args.get(1));
    Expr target = expr(args.get(2));
    return (ctx, clock) -> {
      Object v = version.eval(ctx, clock);
      Object o = operator.eval(ctx, clock);
      Object t = target.eval(ctx, clock);
      if (v == null || !(o instanceof String) || t == null) {
        return null;
      }
      SemVer a = SemVer.parse(text(v));
      SemVer b = SemVer.parse(text(t));
      if (a == null || b == null) {
        return null;
      }
      int c = a.compareTo(b);
      switch ((String) o) {
        case "=": return c == 0;
        case "!=": return c != 0;
        case "<": return c < 0;
        case "<=": return c <= 0;
        case ">": return c > 0;
        case ">=": return c >= 0;
        case "^": return c >= 0 && a.major() == b.major();
        case "~": return c >= 0 && a.major() == b.major() && a.minor() == b.minor();
        default: return null;
      }
    };
  }

  /**
   * flagd's {@code fractional} (v2): the bucketing key (the first argument when it evaluates to a
   * string, else flag key + targeting key) hashed with murmur3 (seed 0), {@code (unsigned hash * W) >>> 32}
   * against the running sum of the integer weights W.
   */
  private Expr fractional(List<Node> args) {
    boolean shorthand = !args.isEmpty() && args.get(0) instanceof ListNode;
    if (strict && !args.isEmpty() && !shorthand && !(args.get(0) instanceof MapNode)) {
      throw new Problem(args.get(0), "fractional's first argument is a bucketing expression or a bucket, not "
          + args.get(0).describe(), false);
    }
    Expr key = shorthand || args.isEmpty() ? null : expr(args.get(0));
    List<Node> bucketNodes = args.subList(shorthand || args.isEmpty() ? 0 : 1, args.size());
    int n = bucketNodes.size();
    Expr[] names = new Expr[n];
    Expr[] weights = new Expr[n];
    // Weights written as numbers (the usual case) are read here, once: evaluating then walks them.
    long[] constant = new long[n];
    boolean allConstant = true;
    for (int i = 0; i < n; i++) {
      Node b = bucketNodes.get(i);
      if (!(b instanceof ListNode) || ((ListNode) b).items().isEmpty()) {
        if (strict) {
          throw new Problem(b, "a fractional bucket is [variant, weight], not " + b.describe(), false);
        }
        return (ctx, clock) -> null;
      }
      List<Node> parts = ((ListNode) b).items();
      names[i] = expr(parts.get(0));
      if (parts.size() > 1) {
        Node w = parts.get(1);
        if (strict && w instanceof ScalarNode && !(((ScalarNode) w).value() instanceof Long && (Long) ((ScalarNode) w).value() >= 0)) {
          throw new Problem(w, "a fractional weight is a whole number of at least 0, not " + ((ScalarNode) w).text(), false);
        }
        weights[i] = expr(w);
        if (w instanceof ScalarNode) {
          constant[i] = weight(((ScalarNode) w).value());
        } else {
          allConstant = false;
        }
      } else {
        weights[i] = (ctx, clock) -> 1L;
        constant[i] = 1;
      }
    }
    long[] fixed = allConstant ? constant : null;
    long fixedTotal = allConstant ? total(constant) : 0;
    Murmur3 hash = Murmur3.prefix("");
    String flag = flagKey;
    Murmur3 flagPrefix = Murmur3.prefix(flag);
    return (ctx, clock) -> {
      long total = fixed != null ? fixedTotal : total(weights, ctx, clock);
      if (total <= 0 || total > Integer.MAX_VALUE) {
        return null;
      }
      Object k = key == null ? null : key.eval(ctx, clock);
      int h;
      if (k instanceof String) {
        h = hash.hash((String) k);
      } else {
        String targetingKey = ctx.targetingKey();
        if (targetingKey == null) {
          return null;
        }
        h = flagPrefix.hash(targetingKey);
      }
      if (fixed != null) {
        long bucket = ((h & 0xffffffffL) * total) >>> 32;
        long sum = 0;
        for (int i = 0; i < fixed.length; i++) {
          sum += fixed[i];
          if (bucket < sum) {
            return names[i].eval(ctx, clock);
          }
        }
        return null;
      }
      // Computed weights are evaluated again to walk them, rather than kept in an array per call. Should
      // they differ the second time ($flagd.timestamp moved on), the walk starts over with the new total,
      // so that the answer always comes from one consistent set of weights.
      for (int attempt = 0; attempt < 3; attempt++) {
        long bucket = ((h & 0xffffffffL) * total) >>> 32;
        long sum = 0;
        int found = -1;
        for (int i = 0; i < weights.length; i++) {
          long w = weight(weights[i].eval(ctx, clock));
          if (w < 0) {
            return null;
          }
          sum += w;
          if (found < 0 && bucket < sum) {
            found = i;
          }
        }
        if (sum == total) {
          return found < 0 ? null : names[found].eval(ctx, clock);
        }
        total = sum;
        if (total <= 0 || total > Integer.MAX_VALUE) {
          return null;
        }
      }
      return null;
    };
  }

  /** A fractional weight: a whole number (below 0 counts as 0), or -1 when the value is not one. */
  private static long weight(Object v) {
    if (!(v instanceof Number)) {
      return -1;
    }
    double d = ((Number) v).doubleValue();
    if (d != Math.rint(d)) {
      return -1;
    }
    return Math.max(0, (long) d);
  }

  /** The sum of the weights, or -1 when one is not a weight. */
  private static long total(long[] weights) {
    long total = 0;
    for (long w : weights) {
      if (w < 0) {
        return -1;
      }
      total += w;
    }
    return total;
  }

  /** The sum of the computed weights, or -1 when one is not a weight. */
  private static long total(Expr[] weights, EvaluationContext ctx, Clock clock) {
    long total = 0;
    for (Expr e : weights) {
      long w = weight(e.eval(ctx, clock));
      if (w < 0) {
        return -1;
      }
      total += w;
    }
    return total;
  }

  // ---- JsonLogic's value rules

  /** JsonLogic truthiness: null, false, 0, "" and [] are false. */
  public static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue() != 0;
    }
    if (v instanceof String) {
      return !((String) v).isEmpty();
    }
    if (v instanceof List) {
      return !((List<?>) v).isEmpty();
    }
    return true;
  }

  private static String text(Object v) {
    return Values.text(v);
  }

  private static Double number(Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof Boolean) {
      return (Boolean) v ? 1.0 : 0.0;
    }
    if (v instanceof String) {
      double d = Matchers.parseNumber(((String) v).strip());
      return Double.isNaN(d) ? null : d;
    }
    return null;
  }

  private static boolean strictEquals(Object x, Object y) {
    if (x instanceof Number && y instanceof Number) {
      return ((Number) x).doubleValue() == ((Number) y).doubleValue();
    }
    return x == null ? y == null : x.equals(y);
  }

  private static boolean looseEquals(Object x, Object y) {
    if (x == null || y == null) {
      return x == y;
    }
    if (x instanceof String && y instanceof String) {
      return x.equals(y);
    }
    if (x instanceof Number || y instanceof Number || x instanceof Boolean || y instanceof Boolean) {
      Double a = number(x);
      Double b = number(y);
      return a != null && b != null && a.doubleValue() == b.doubleValue();
    }
    return x.equals(y);
  }
}
