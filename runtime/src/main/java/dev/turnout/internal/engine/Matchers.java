package dev.turnout.internal.engine;

import com.google.re2j.Pattern;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Catalog.Clause;
import dev.turnout.internal.catalog.Catalog.Condition;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.internal.catalog.Operator;
import dev.turnout.internal.catalog.Patterns;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Compiles conditions into specialised {@link Matcher}s, inlining segments. */
final class Matchers {

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
    Clause clause = (Clause) condition;
    return clause.ignoreCase() ? ForeignMatchers.ignoringCase(clause) : clause(clause);
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

  static Matcher clause(Clause c) {
    String name = c.attribute().intern(); // see Membership
    Operator op = c.op();
    List<Object> values = c.values();
    String[] texts = new String[values.size()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = String.valueOf(values.get(i));
    }
    switch (op) {
      case EXISTS:
        return (ctx, clock) -> ctx.getText(name) != null;
      case EQUALS:
      case IN:
        return membership(name, texts, false);
      case NOT_EQUALS:
      case NOT_IN:
        return membership(name, texts, true);
      case STARTS_WITH:
        return (ctx, clock) -> {
          String v = ctx.getText(name);
          if (v != null) {
            for (String t : texts) {
              if (v.startsWith(t)) {
                return true;
              }
            }
          }
          return false;
        };
      case ENDS_WITH:
        return (ctx, clock) -> {
          String v = ctx.getText(name);
          if (v != null) {
            for (String t : texts) {
              if (v.endsWith(t)) {
                return true;
              }
            }
          }
          return false;
        };
      case CONTAINS:
        return (ctx, clock) -> {
          String v = ctx.getText(name);
          if (v != null) {
            for (String t : texts) {
              if (v.contains(t)) {
                return true;
              }
            }
          }
          return false;
        };
      case MATCHES: {
        Pattern[] patterns = new Pattern[texts.length];
        for (int i = 0; i < texts.length; i++) {
          patterns[i] = Pattern.compile(texts[i]);
        }
        return (ctx, clock) -> {
          String v = ctx.getText(name);
          // An attribute longer than the limit does not match: matching time stays bounded (Patterns).
          if (v != null && v.length() <= Patterns.MAX_INPUT) {
            for (Pattern p : patterns) {
              if (p.matcher(v).find()) {
                return true;
              }
            }
          }
          return false;
        };
      }
      case EQ:
      case GT:
      case GTE:
      case LT:
      case LTE:
        return numeric(name, op, values);
      case IN_CIDR:
        return ForeignMatchers.inCidr(name, texts);
      case SEMVER_EQ:
      case SEMVER_GT:
      case SEMVER_GTE:
      case SEMVER_LT:
      case SEMVER_LTE:
        return semver(name, op, texts);
      case BEFORE:
      case AFTER:
        return time(name, op == Operator.BEFORE, texts);
      default:
        throw new IllegalStateException("operator " + op + " has no matcher");
    }
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
    /** The values' hash codes: a value of another hash is passed over without reading its characters. */
    private final int[] hashes;
    /** The values as a set when there are many, else null (a short array scan is faster). */
    private final Set<String> set;
    private final double[] numbers;
    private final boolean negate;

    Membership(String name, String[] texts, double[] numbers, boolean negate) {
      this.name = name.intern();
      this.byKey = "key".equals(name);
      this.texts = new String[texts.length];
      this.hashes = new int[texts.length];
      for (int i = 0; i < texts.length; i++) {
        this.texts[i] = texts[i].intern();
        this.hashes[i] = texts[i].hashCode();
      }
      this.first = texts.length > 0 ? this.texts[0] : null;
      this.second = texts.length > 1 ? this.texts[1] : null;
      this.set = texts.length > 4 ? new HashSet<>(List.of(this.texts)) : null;
      this.numbers = numbers;
      this.negate = negate;
    }

    @Override
    public boolean matches(EvaluationContext ctx, Clock clock) {
      return test(ctx);
    }

    boolean test(EvaluationContext ctx) {
      String v = byKey ? ctx.targetingKey() : ctx.getText(name);
      if (v == null) {
        return false;
      }
      if (v == first || v == second) {
        return !negate;
      }
      boolean found = false;
      if (set != null) {
        found = set.contains(v);
      } else {
        int h = v.hashCode(); // cached in the string: contexts are built once, evaluated many times
        int[] hs = hashes;
        for (int i = 0; i < hs.length; i++) {
          if (hs[i] == h && texts[i].equals(v)) { // equals compares references first
            found = true;
            break;
          }
        }
      }
      if (!found && numbers.length > 0) {
        found = numericallyIn(ctx.get(name), numbers);
      }
      return found != negate;
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


  private static Matcher numeric(String name, Operator op, List<Object> values) {
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
        boolean holds;
        switch (op) {
          case GT:
            holds = d > t;
            break;
          case GTE:
            holds = d >= t;
            break;
          case LT:
            holds = d < t;
            break;
          case EQ:
            holds = d == t;
            break;
          default:
            holds = d <= t;
        }
        if (holds) {
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

  private static Matcher semver(String name, Operator op, String[] texts) {
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
        boolean holds;
        switch (op) {
          case SEMVER_EQ:
            holds = c == 0;
            break;
          case SEMVER_GT:
            holds = c > 0;
            break;
          case SEMVER_GTE:
            holds = c >= 0;
            break;
          case SEMVER_LT:
            holds = c < 0;
            break;
          default:
            holds = c <= 0;
        }
        if (holds) {
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
