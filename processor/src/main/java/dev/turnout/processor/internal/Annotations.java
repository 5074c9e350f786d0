package dev.turnout.processor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Our annotations and types, by name: the processor never loads them as classes. */
final class Annotations {

  public static final String FEATURE_FLAG = "dev.turnout.FeatureFlag";
  public static final String VARIANT = "dev.turnout.Variant";
  public static final String TARGETING_KEY = "dev.turnout.TargetingKey";
  public static final String TURNOUT = "dev.turnout.Turnout";
  public static final String GENERATED = "javax.annotation.processing.Generated";

  /** How javac shows an attribute whose expression does not resolve (yet): never a valid flag key. */
  private static final String ERROR_VALUE = "<error>";

  private Annotations() {}

  /** The annotations named {@code name} on {@code element} (normally zero or one). */
  public static List<AnnotationMirror> mirrors(Element element, String name) {
    List<AnnotationMirror> found = new ArrayList<>();
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (isNamed(m, name)) {
        found.add(m);
      }
    }
    return found;
  }

  /** The first annotation named {@code name} on {@code element}, or null. */
  public static AnnotationMirror mirror(Element element, String name) {
    List<AnnotationMirror> found = mirrors(element, name);
    return found.isEmpty() ? null : found.get(0);
  }

  public static boolean isNamed(AnnotationMirror mirror, String name) {
    Element type = mirror.getAnnotationType().asElement();
    return type instanceof TypeElement t && t.getQualifiedName().contentEquals(name);
  }

  /** The attribute as written in the source, or null when it is left to its default. */
  public static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The attribute's String value, or null when absent, not a String, or not resolved yet. */
  public static String string(AnnotationValue value) {
    if (value == null) {
      return null;
    }
    Object v = value.getValue();
    return v instanceof String s && !ERROR_VALUE.equals(s) ? s : null;
  }

  /** Whether the attribute is written but its expression does not resolve yet (it names a type to be generated). */
  public static boolean isUnresolved(AnnotationValue value) {
    if (value == null) {
      return false;
    }
    Object v = value.getValue();
    return ERROR_VALUE.equals(v) || ERROR_VALUE.equals(value.toString());
  }

  /** The elements of an array attribute ({@code {}} when absent). */
  public static List<AnnotationValue> list(AnnotationValue value) {
    if (value == null) {
      return List.of();
    }
    Object v = value.getValue();
    if (v instanceof List<?> items) {
      List<AnnotationValue> out = new ArrayList<>();
      for (Object item : items) {
        out.add((AnnotationValue) item);
      }
      return out;
    }
    return List.of(value);
  }

  /** The flag key of a {@code @FeatureFlag} method, or null when it has none or it does not resolve. */
  public static String flagKey(Element method) {
    AnnotationMirror gate = mirror(method, FEATURE_FLAG);
    return gate == null ? null : string(explicitValue(gate, "value"));
  }
}
