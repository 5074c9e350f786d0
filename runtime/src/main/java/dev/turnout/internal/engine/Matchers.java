package dev.turnout.internal.engine;

import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Catalog.Clause;
import dev.turnout.internal.catalog.Catalog.Condition;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.internal.catalog.Operator;
import dev.turnout.internal.catalog.SemVer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Compiles conditions into specialised {@link Matcher}s, inlining segments. */
final class Matchers {

  /**
   * The orderings a comparison operator holds for, as bits: {@code gte} is {@code GREATER | EQUAL}. The
   * operator is read once, when the clause is compiled; a call tests one bit.
   */
  private static final int LESS = 1;
  private static final int EQUAL = 2;
  private static final int GREATER = 4;

  private Matchers() {}

  static Matcher compile(Condition condition, Map<String, Catalog.Segment> segments) {
    return compile(condition, segments, Links.NONE);
  }

  static Matcher compile(Condition condition, Map<String, Catalog.Segment> segments, Links links) {
    if (condition == null) {
      return Matcher.ALWAYS;
    }
    if (condition instanceof Catalog.All) {
      Matcher[] parts = compileAll(((Catalog.All) condition).conditions(), segments, links);
      if (parts.length == 1) {
        return parts[0];
      }
      return (ctx, clock) -> {
        for (Matcher m : parts) {
          if (!m.matches(ctx, clock)) {
            return false;
          }
        }
        return true;
      };
    }
    if (condition instanceof Catalog.Any) {
      Matcher[] parts = compileAll(((Catalog.Any) condition).conditions(), segments, links);
      if (parts.length == 1) {
        return parts[0];
      }
      return (ctx, clock) -> {
        for (Matcher m : parts) {
          if (m.matches(ctx, clock)) {
            return true;
          }
        }
        return false;
      };
    }
    if (condition instanceof Catalog.Not) {
      Matcher inner = compile(((Catalog.Not) condition).condition(), segments, links);
      return (ctx, clock) -> !inner.matches(ctx, clock);
    }
    if (condition instanceof Catalog.SegmentRef) {
      Catalog.Segment segment = segments.get(((Catalog.SegmentRef) condition).segment());
      return links.segment(segment, () -> segment(segment, segments, links));
    }
    if (condition instanceof Catalog.InRollout) {
      return inRollout((Catalog.InRollout) condition, links);
    }
    if (condition instanceof Catalog.FlagCheck) {
      return flagCheck((Catalog.FlagCheck) condition, links);
    }
    return clause((Clause) condition);
  }

  private static Matcher segment(Catalog.Segment segment, Map<String, Catalog.Segment> segments, Links links) {
    Set<String> keys = Set.copyOf(segment.keys());
    Matcher when = segment.when() == null ? null : compile(segment.when(), segments, links);
    if (when == null) {
      return (ctx, clock) -> {
        String key = ctx.targetingKey();
        return key != null && keys.contains(key);
      };
    }
    if (keys.isEmpty()) {
      return when;
    }
    return (ctx, clock) -> {
      String key = ctx.targetingKey();
      return (key != null && keys.contains(key)) || when.matches(ctx, clock);
    };
  }

  private static Matcher inRollout(Catalog.InRollout r, Links links) {
    String[] stickiness = r.stickiness().toArray(new String[0]);
    Catalog.Bucketing b = r.bucketing();
    Murmur3 hash = Murmur3.prefix(b.salt() + ":", b.seed());
    int n = b.buckets();
    int percentage = r.percentage();
    RandomGenerator random = links.random;
    return (ctx, clock) -> {
      int bucket = ForeignMatchers.normalizedBucket(ctx, stickiness, hash, n, random);
      return bucket > 0 && bucket <= percentage;
    };
  }

  private static Matcher flagCheck(Catalog.FlagCheck check, Links links) {
    CompiledFlag[] parent = links.slot(check.flag());
    boolean enabled = check.enabled();
    Set<String> variants = Set.copyOf(check.variants());
    return (ctx, clock) -> {
      CompiledFlag p = parent[0];
      if (p == null) {
        return false;
      }
      Evaluation e = p.evaluate(ctx, clock).evaluation;
      if (!enabled) {
        return !e.isEnabled();
      }
      return e.isEnabled() && (variants.isEmpty() || variants.contains(e.variant()));
    };
  }

  private static Matcher[] compileAll(List<Condition> conditions, Map<String, Catalog.Segment> segments, Links links) {
    Matcher[] out = new Matcher[conditions.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = compile(conditions.get(i), segments, links);
    }
    return out;
  }

  /**
   * The clause's matcher. The switch names every operator and has no default: an operator added to
   * {@link Operator} does not compile until it has a matcher here.
   */
  static Matcher clause(Clause c) {
    String name = c.attribute().intern(); // see Membership
    Operator op = c.op();
    boolean ignoreCase = c.ignoreCase();
    List<Object> values = c.values();
    String[] texts = new String[values.size()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = String.valueOf(values.get(i));
    }
    return switch (op) {
      case EXISTS -> (ctx, clock) -> ctx.getText(name) != null;
      case EQUALS, IN -> ignoreCase ? StringMatchers.equalsIgnoringCase(name, texts, false)
          : membership(name, texts, false);
      case NOT_EQUALS, NOT_IN -> ignoreCase ? StringMatchers.equalsIgnoringCase(name, texts, true)
          : membership(name, texts, true);
      case STARTS_WITH -> StringMatchers.startsWith(name, texts, ignoreCase);
      case ENDS_WITH -> StringMatchers.endsWith(name, texts, ignoreCase);
      case CONTAINS -> StringMatchers.contains(name, texts, ignoreCase);
      case MATCHES -> StringMatchers.matches(name, texts, ignoreCase);
      case EQ -> numeric(name, values, EQUAL);
      case GT -> numeric(name, values, GREATER);
      case GTE -> numeric(name, values, GREATER | EQUAL);
      case LT -> numeric(name, values, LESS);
      case LTE -> numeric(name, values, LESS | EQUAL);
      case IN_CIDR -> ForeignMatchers.inCidr(name, texts);
      case SEMVER_EQ -> semver(name, texts, EQUAL);
      case SEMVER_GT -> semver(name, texts, GREATER);
      case SEMVER_GTE -> semver(name, texts, GREATER | EQUAL);
      case SEMVER_LT -> semver(name, texts, LESS);
      case SEMVER_LTE -> semver(name, texts, LESS | EQUAL);
      case BEFORE -> time(name, true, texts);
      case AFTER -> time(name, false, texts);
    };
  }

  /** The ordering bit of a comparison's result ({@code < 0}, {@code 0}, {@code > 0}). */
  private static int ordering(int comparison) {
    return comparison < 0 ? LESS : comparison > 0 ? GREATER : EQUAL;
  }

  /**
   * {@code equals}/{@code in} (and their negations): the attribute's text equals a value's text, or,
   * for a number attribute, a value written as a number is numerically equal ({@code 2.0} matches 2).
   */
  private static Matcher membership(String name, String[] texts, boolean negate) {
    return new Membership(name, texts, numbersAmong(texts), negate);
  }

  /**
   * The most common condition, as a class of its own so that {@link CompiledRule} calls it directly
   * (no interface dispatch). Its strings are interned: an attribute named, or valued, by a string
   * literal in the application is then found by reference before any character is compared.
   */
  static final class Membership implements Matcher {
    private final String name;
    private final boolean byKey;
    private final String[] texts;
    /** The first two values, compared by reference before anything else; null when fewer. */
    private final String first;
    private final String second;
    /**
     * The values by the top bits of their mixed hash code, a table with no two values in one slot: a
     * lookup is one probe. Null when no small table separates them (see slotShift); then {@link #set}
     * holds them.
     */
    private final String[] bySlot;
    private final int slotShift;
    private final Set<String> set;
    private final double[] numbers;
    private final boolean negate;

    Membership(String name, String[] texts, double[] numbers, boolean negate) {
      this.name = name.intern();
      this.byKey = "key".equals(name);
      this.texts = new String[texts.length];
      for (int i = 0; i < texts.length; i++) {
        this.texts[i] = texts[i].intern();
      }
      this.first = texts.length > 0 ? this.texts[0] : null;
      this.second = texts.length > 1 ? this.texts[1] : null;
      int shift = slotShift(this.texts);
      this.slotShift = shift;
      this.bySlot = shift < 0 ? null : slotsOf(this.texts, shift);
      this.set = shift < 0 ? new HashSet<>(List.of(this.texts)) : null;
      this.numbers = numbers;
      this.negate = negate;
    }

    /** An odd constant (the golden ratio's): multiplying spreads a hash code's bits into the top ones. */
    private static final int SLOT_MIX = 0x9e3779b9;
    private static final int MAX_SLOTS = 1 << 10;

    /**
     * The shift ({@code 32 - log2(slots)}) of the smallest table, of at least twice and at most eight times
     * as many slots as values (16 at least, {@link #MAX_SLOTS} at most), in which no two distinct values
     * share a slot; -1 when there is none.
     */
    private static int slotShift(String[] texts) {
      Set<String> distinct = new HashSet<>(List.of(texts));
      int most = Math.min(MAX_SLOTS, Math.max(16, 8 * distinct.size()));
      for (int bits = 1; (1 << bits) <= most; bits++) {
        if ((1 << bits) < 2 * distinct.size()) {
          continue;
        }
        int shift = 32 - bits;
        Set<Integer> used = new HashSet<>();
        boolean separate = true;
        for (String t : distinct) {
          separate &= used.add((t.hashCode() * SLOT_MIX) >>> shift);
        }
        if (separate) {
          return shift;
        }
      }
      return -1;
    }

    private static String[] slotsOf(String[] texts, int shift) {
      String[] slots = new String[1 << (32 - shift)];
      for (String t : texts) {
        slots[(t.hashCode() * SLOT_MIX) >>> shift] = t;
      }
      return slots;
    }

    @Override
    public boolean matches(EvaluationContext ctx, Clock clock) {
      return test(ctx);
    }

    boolean test(EvaluationContext ctx) {
      String v = read(ctx);
      if (v == null) {
        return false;
      }
      if (v == first || v == second) {
        return !negate;
      }
      boolean found = contains(v) || numbers.length > 0 && numericallyIn(ctx.get(name), numbers);
      return found != negate;
    }

    /** The text this condition tests: the attribute's, or the targeting key. */
    String read(EvaluationContext ctx) {
      return byKey ? ctx.targetingKey() : ctx.getText(name);
    }

    /** Whether no value is a number: then the text alone decides ({@link #test(String)}). */
    boolean textOnly() {
      return numbers.length == 0;
    }

    /** {@link #test(EvaluationContext)} for the text {@link #read} gives, when {@link #textOnly()}. */
    boolean test(String v) {
      if (v == null) {
        return false;
      }
      if (v == first || v == second) {
        return !negate;
      }
      return contains(v) != negate;
    }

    /** Whether the text is one of the values. */
    private boolean contains(String v) {
      String[] slots = bySlot;
      if (slots != null) {
        // One probe, no loop: each value has a slot of its own (see slotsOf).
        String t = slots[(v.hashCode() * SLOT_MIX) >>> slotShift];
        return t != null && t.hashCode() == v.hashCode() && t.equals(v); // equals compares references first
      }
      return set.contains(v);
    }

    private static boolean numericallyIn(Object value, double[] numbers) {
      if (value instanceof Number) {
        double d = ((Number) value).doubleValue();
        for (double n : numbers) {
          if (n == d) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static double[] numbersAmong(String[] texts) {
    double[] out = new double[texts.length];
    int n = 0;
    for (String t : texts) {
      double d = parseNumber(t);
      if (!Double.isNaN(d)) {
        out[n++] = d;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }


  private static Matcher numeric(String name, List<Object> values, int holdsFor) {
    double[] targets = new double[values.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = ((Number) values.get(i)).doubleValue();
    }
    return (ctx, clock) -> {
      Object v = ctx.get(name);
      double d;
      if (v instanceof Number) {
        d = ((Number) v).doubleValue();
      } else if (v instanceof String) {
        d = parseNumber((String) v);
      } else {
        return false;
      }
      if (Double.isNaN(d)) {
        return false;
      }
      for (double t : targets) {
        // Not Double.compare: -0.0 equals 0.0 here, as == has it.
        int ordering = d < t ? LESS : d > t ? GREATER : EQUAL;
        if ((holdsFor & ordering) != 0) {
          return true;
        }
      }
      return false;
    };
  }

  /** The number written in {@code s}, or NaN; a string attribute's number costs a parse. */
  static double parseNumber(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return Double.NaN;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
        // parseDouble also reads "NaN", "Infinity", "0x1p3", "12f", "12d" and surrounding spaces: not numbers here.
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Matcher semver(String name, String[] texts, int holdsFor) {
    SemVer[] targets = new SemVer[texts.length];
    for (int i = 0; i < texts.length; i++) {
      targets[i] = SemVer.parse(texts[i]);
    }
    return (ctx, clock) -> {
      String v = ctx.getText(name);
      if (v == null) {
        return false;
      }
      for (SemVer t : targets) {
        int c = SemVer.compare(v, t);
        if (c == SemVer.INVALID) {
          return false;
        }
        if ((holdsFor & ordering(c)) != 0) {
          return true;
        }
      }
      return false;
    };
  }

  private static Matcher time(String name, boolean before, String[] texts) {
    long[] targets = new long[texts.length];
    for (int i = 0; i < texts.length; i++) {
      targets[i] = Time.millis(CatalogReader.parseInstant(texts[i]));
    }
    boolean now = "now".equals(name);
    return (ctx, clock) -> {
      long at;
      if (now) {
        at = clock.millis();
      } else {
        Object v = ctx.get(name);
        if (v instanceof Instant) {
          at = Time.millis((Instant) v);
        } else if (v instanceof String) {
          Instant parsed = CatalogReader.parseInstant((String) v);
          if (parsed == null) {
            return false;
          }
          at = Time.millis(parsed);
        } else {
          return false;
        }
      }
      for (long t : targets) {
        if (before ? at < t : at > t) {
          return true;
        }
      }
      return false;
    };
  }

}
