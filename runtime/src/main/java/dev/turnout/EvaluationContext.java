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
  private static final Object[] NONE = new Object[0];
  private static final EvaluationContext ANONYMOUS = new EvaluationContext(null, NONE);

  private final String targetingKey;
  /**
   * The attributes, three slots each: the name, the value, and the value's text form (computed once, so
   * string operators and hashing never allocate). One array keeps building a context to two objects.
   */
  private final Object[] slots;

  private EvaluationContext(String targetingKey, Object[] slots) {
    this.targetingKey = targetingKey;
    this.slots = slots;
  }

  /** A context without targeting key or attributes: rules on attributes fail, rollouts fall through. */
  public static EvaluationContext anonymous() {
    return ANONYMOUS;
  }

  /** A context for the given targeting key ({@code null} for an anonymous one). */
  public static EvaluationContext of(String targetingKey) {
    return targetingKey == null ? ANONYMOUS : new EvaluationContext(targetingKey, NONE);
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
    return new EvaluationContext(key, slots);
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
    Object[] s = slots;
    int at = indexOf(name);
    if (value == null) {
      if (at < 0) {
        return this;
      }
      Object[] copy = Arrays.copyOf(s, s.length - 3);
      System.arraycopy(s, at + 3, copy, at, s.length - at - 3);
      return new EvaluationContext(targetingKey, copy);
    }
    String text = value instanceof String ? (String) value : Values.text(value);
    Object[] copy;
    if (at >= 0) {
      copy = s.clone();
    } else {
      at = s.length;
      copy = Arrays.copyOf(s, at + 3);
      copy[at] = name;
    }
    copy[at + 1] = value;
    copy[at + 2] = text;
    return new EvaluationContext(targetingKey, copy);
  }

  /**
   * The slot of the attribute's name, or -1. Rules name their attributes with interned strings, and so do
   * string literals in code: comparing references first finds them without reading characters.
   */
  private int indexOf(String name) {
    Object[] s = slots;
    for (int i = 0; i < s.length; i += 3) {
      if (s[i] == name) {
        return i;
      }
    }
    for (int i = 0; i < s.length; i += 3) {
      if (s[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The attribute's value: a {@code String}, {@code Long}, {@code Double}, {@code Boolean} or
   * {@code Instant}; {@code key} gives the targeting key; {@code null} when absent.
   */
  public Object get(String name) {
    int at = indexOf(name);
    if (at >= 0) {
      return slots[at + 1];
    }
    return KEY.equals(name) ? targetingKey : null; // never among the attributes: put() stores it as the key
  }

  /**
   * The attribute's text form (numbers without a trailing {@code .0}, instants in ISO-8601), the
   * targeting key for {@code key}, or {@code null} when absent.
   */
  public String getText(String name) {
    int at = indexOf(name);
    if (at >= 0) {
      return (String) slots[at + 2];
    }
    return KEY.equals(name) ? targetingKey : null;
  }

  /** The attributes by name, in the order they were added (without the targeting key). */
  public Map<String, Object> attributes() {
    Map<String, Object> map = new LinkedHashMap<>();
    Object[] s = slots;
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
