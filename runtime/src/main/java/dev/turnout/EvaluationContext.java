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

  private static final String[] NO_NAMES = new String[0];
  private static final Object[] NO_VALUES = new Object[0];
  private static final EvaluationContext ANONYMOUS =
      new EvaluationContext(null, NO_NAMES, NO_VALUES, NO_NAMES);

  private final String targetingKey;
  private final String[] names;
  private final Object[] values;
  /** Each value's text form, computed once so string operators and hashing never allocate. */
  private final String[] texts;

  private EvaluationContext(String targetingKey, String[] names, Object[] values, String[] texts) {
    this.targetingKey = targetingKey;
    this.names = names;
    this.values = values;
    this.texts = texts;
  }

  /** A context without targeting key or attributes: rules on attributes fail, rollouts fall through. */
  public static EvaluationContext anonymous() {
    return ANONYMOUS;
  }

  /** A context for the given targeting key ({@code null} for an anonymous one). */
  public static EvaluationContext of(String targetingKey) {
    return targetingKey == null ? ANONYMOUS : new EvaluationContext(targetingKey, NO_NAMES, NO_VALUES, NO_NAMES);
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
    return new EvaluationContext(key, names, values, texts);
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
    if ("key".equals(name)) {
      return withTargetingKey(value == null ? null : Values.text(value));
    }
    int at = indexOf(name);
    if (value == null) {
      if (at < 0) {
        return this;
      }
      return new EvaluationContext(targetingKey, remove(names, at), remove(values, at), remove(texts, at));
    }
    String text = Values.text(value);
    if (at >= 0) {
      String[] n = names.clone();
      Object[] v = values.clone();
      String[] t = texts.clone();
      v[at] = value;
      t[at] = text;
      return new EvaluationContext(targetingKey, n, v, t);
    }
    String[] n = Arrays.copyOf(names, names.length + 1);
    Object[] v = Arrays.copyOf(values, values.length + 1);
    String[] t = Arrays.copyOf(texts, texts.length + 1);
    n[names.length] = name;
    v[names.length] = value;
    t[names.length] = text;
    return new EvaluationContext(targetingKey, n, v, t);
  }

  private static <T> T[] remove(T[] array, int at) {
    T[] copy = Arrays.copyOf(array, array.length - 1);
    System.arraycopy(array, at + 1, copy, at, array.length - at - 1);
    return copy;
  }

  private int indexOf(String name) {
    String[] n = names;
    for (int i = 0; i < n.length; i++) {
      if (n[i].equals(name)) {
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
    if ("key".equals(name)) {
      return targetingKey;
    }
    int at = indexOf(name);
    return at < 0 ? null : values[at];
  }

  /**
   * The attribute's text form (numbers without a trailing {@code .0}, instants in ISO-8601), the
   * targeting key for {@code key}, or {@code null} when absent.
   */
  public String getText(String name) {
    if ("key".equals(name)) {
      return targetingKey;
    }
    int at = indexOf(name);
    return at < 0 ? null : texts[at];
  }

  /** The attributes by name, in the order they were added (without the targeting key). */
  public Map<String, Object> attributes() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
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
