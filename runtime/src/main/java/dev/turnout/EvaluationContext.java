package dev.turnout;

import dev.turnout.internal.catalog.Values;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a flag is evaluated for: an optional targeting key (the user, account or device that rollouts
 * hash) and named attributes that rules match on. Immutable: {@link #with} returns a new context.
 *
 * <pre>{@code
 * EvaluationContext ctx = EvaluationContext.of("user-42")
 *     .with("plan", "pro")
 *     .with("seats", 12)
 *     .with("signedUp", Instant.parse("2026-01-05T10:00:00Z"));
 * }</pre>
 *
 * <p>Attribute values are strings, numbers, booleans or instants. The attribute name {@code key}
 * stands for the targeting key. Build the context once per request: evaluating against a built
 * context allocates nothing.
 */
public final class EvaluationContext {

  /** The attribute name that stands for the targeting key; never stored among the attributes. */
  private static final String KEY = "key";
  private static final EvaluationContext ANONYMOUS = new EvaluationContext(null, null, null, null, null, null, null, null);

  private final String targetingKey;
  /*
   * The attributes in the order they were added, three parts each: the name, the value, and the value's
   * text form (computed once, so string operators and hashing never allocate). The first two live in
   * fields and only the others in an array: a context of one or two attributes built and evaluated in
   * the same method is one object the compiler can take apart (escape analysis), and looking one up
   * reads a field, not an array at a variable index. Attributes fill name0, then name1, then more.
   */
  private final String name0;
  private final Object value0;
  private final String text0;
  private final String name1;
  private final Object value1;
  private final String text1;
  /** The third attribute on, three slots each (name, value, text); null when there are at most two. */
  private final Object[] more;

  private EvaluationContext(String targetingKey, String name0, Object value0, String text0, String name1,
      Object value1, String text1, Object[] more) {
    this.targetingKey = targetingKey;
    this.name0 = name0;
    this.value0 = value0;
    this.text0 = text0;
    this.name1 = name1;
    this.value1 = value1;
    this.text1 = text1;
    this.more = more;
  }

  /** A context of the key and the attributes in {@code slots} (name, value, text each), in order. */
  private static EvaluationContext of(String targetingKey, Object[] slots) {
    int n = slots.length;
    Object[] more = n > 6 ? Arrays.copyOfRange(slots, 6, n) : null;
    return new EvaluationContext(targetingKey, n > 0 ? (String) slots[0] : null, n > 0 ? slots[1] : null,
        n > 0 ? (String) slots[2] : null, n > 3 ? (String) slots[3] : null, n > 3 ? slots[4] : null,
        n > 3 ? (String) slots[5] : null, more);
  }

  /** Every attribute, three slots each (name, value, text), in order. */
  private Object[] slots() {
    int rest = more == null ? 0 : more.length;
    Object[] s = new Object[(name0 == null ? 0 : 3) + (name1 == null ? 0 : 3) + rest];
    if (name0 != null) {
      s[0] = name0;
      s[1] = value0;
      s[2] = text0;
    }
    if (name1 != null) {
      s[3] = name1;
      s[4] = value1;
      s[5] = text1;
    }
    if (rest > 0) {
      System.arraycopy(more, 0, s, 6, rest);
    }
    return s;
  }

  /** A context without targeting key or attributes: rules on attributes fail, rollouts fall through. */
  public static EvaluationContext anonymous() {
    return ANONYMOUS;
  }

  /** A context for the given targeting key ({@code null} for an anonymous one). */
  public static EvaluationContext of(String targetingKey) {
    return targetingKey == null ? ANONYMOUS
        : new EvaluationContext(targetingKey, null, null, null, null, null, null, null);
  }

  /** The targeting key, or {@code null} when the context has none. */
  public String targetingKey() {
    return targetingKey;
  }

  /** This context with another targeting key ({@code null} removes it); attributes are kept. */
  public EvaluationContext withTargetingKey(String key) {
    if (Objects.equals(key, targetingKey)) {
      return this;
    }
    return new EvaluationContext(key, name0, value0, text0, name1, value1, text1, more);
  }

  /** This context with a string attribute; {@code null} removes the attribute. */
  public EvaluationContext with(String name, String value) {
    return put(name, value);
  }

  /** This context with a whole-number attribute. */
  public EvaluationContext with(String name, long value) {
    return put(name, value);
  }

  /** This context with a decimal attribute. */
  public EvaluationContext with(String name, double value) {
    return put(name, value);
  }

  /** This context with a number attribute ({@code Integer}, {@code BigDecimal}, ...); {@code null} removes it. */
  public EvaluationContext with(String name, Number value) {
    if (value == null || value instanceof Long || value instanceof Double) {
      return put(name, value);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return put(name, value.longValue());
    }
    return put(name, value.doubleValue());
  }

  /** This context with a boolean attribute. */
  public EvaluationContext with(String name, boolean value) {
    return put(name, value);
  }

  /** This context with an instant attribute (for the {@code before} and {@code after} operators). */
  public EvaluationContext with(String name, Instant value) {
    return put(name, value);
  }

  private EvaluationContext put(String name, Object value) {
    Objects.requireNonNull(name, "attribute name");
    if (KEY.equals(name)) {
      return withTargetingKey(value == null ? null : Values.text(value));
    }
    int at = position(name);
    if (value == null) {
      return at < 0 ? this : without(at);
    }
    String text = value instanceof String ? (String) value : Values.text(value);
    // The usual cases, without an array: the first or second attribute added, or either replaced.
    if (at == 0 || at < 0 && name0 == null) {
      return new EvaluationContext(targetingKey, name, value, text, name1, value1, text1, more);
    }
    if (at == 1 || at < 0 && name1 == null) {
      return new EvaluationContext(targetingKey, name0, value0, text0, name, value, text, more);
    }
    Object[] s = slots();
    if (at < 0) {
      at = s.length / 3;
      s = Arrays.copyOf(s, s.length + 3);
    }
    s[3 * at] = name;
    s[3 * at + 1] = value;
    s[3 * at + 2] = text;
    return of(targetingKey, s);
  }

  /** This context without its attribute number {@code at}; the others keep their order. */
  private EvaluationContext without(int at) {
    Object[] s = slots();
    Object[] copy = Arrays.copyOf(s, s.length - 3);
    System.arraycopy(s, 3 * at + 3, copy, 3 * at, s.length - 3 * at - 3);
    return of(targetingKey, copy);
  }

  /**
   * {@link #find}, for building a context. A method of its own so that the compiler's profile of
   * {@code indexOf} is that of evaluations alone, which find the name by reference, and keeps the
   * comparison of characters out of them.
   */
  private int position(String name) {
    int at = indexOf(name);
    return at >= 0 ? at : indexOfEqual(name);
  }

  /** The attribute's position (0, 1, ... in the order added), or -1; see {@link #indexOf}. */
  private int find(String name) {
    int at = indexOf(name);
    return at >= 0 || name == null ? at : indexOfEqual(name);
  }

  /**
   * The position of the attribute whose name is this very string, or -1. Rules name their attributes with
   * interned strings, and so do string literals in code: comparing references first finds them without
   * reading characters.
   */
  private int indexOf(String name) {
    if (name == null) {
      return -1;
    }
    if (name0 == name) {
      return 0;
    }
    if (name1 == name) {
      return 1;
    }
    Object[] s = more;
    if (s != null) {
      for (int i = 0; i < s.length; i += 3) {
        if (s[i] == name) {
          return 2 + i / 3;
        }
      }
    }
    return -1;
  }

  /** {@link #indexOf} for a name that is not the same string as the attribute's: compares characters. */
  private int indexOfEqual(String name) {
    if (name.equals(name0)) {
      return 0;
    }
    if (name.equals(name1)) {
      return 1;
    }
    Object[] s = more;
    if (s != null) {
      for (int i = 0; i < s.length; i += 3) {
        if (name.equals(s[i])) {
          return 2 + i / 3;
        }
      }
    }
    return -1;
  }

  /**
   * The attribute's value: a {@code String}, {@code Long}, {@code Double}, {@code Boolean} or
   * {@code Instant}; {@code key} gives the targeting key; {@code null} when absent.
   */
  public Object get(String name) {
    int at = find(name);
    if (at == 0) {
      return value0;
    }
    if (at == 1) {
      return value1;
    }
    if (at > 1) {
      return more[3 * at - 5];
    }
    return KEY.equals(name) ? targetingKey : null; // never among the attributes: put() stores it as the key
  }

  /**
   * The attribute's text form (numbers without a trailing {@code .0}, instants in ISO-8601), the
   * targeting key for {@code key}, or {@code null} when absent.
   */
  public String getText(String name) {
    int at = find(name);
    if (at == 0) {
      return text0;
    }
    if (at == 1) {
      return text1;
    }
    if (at > 1) {
      return (String) more[3 * at - 4];
    }
    return KEY.equals(name) ? targetingKey : null;
  }

  /** The attributes by name, in the order they were added (without the targeting key). */
  public Map<String, Object> attributes() {
    Map<String, Object> map = new LinkedHashMap<>();
    Object[] s = slots();
    for (int i = 0; i < s.length; i += 3) {
      map.put((String) s[i], s[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EvaluationContext)) {
      return false;
    }
    EvaluationContext that = (EvaluationContext) o;
    return Objects.equals(targetingKey, that.targetingKey) && attributes().equals(that.attributes());
  }

  @Override
  public int hashCode() {
    return Objects.hash(targetingKey, attributes());
  }

  @Override
  public String toString() {
    return "EvaluationContext{key=" + targetingKey + ", attributes=" + attributes() + "}";
  }
}
