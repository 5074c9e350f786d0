package dev.turnout.junit.internal;

import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import dev.turnout.internal.ext.EngineCatalog;
import dev.turnout.internal.ext.Pins;
import dev.turnout.junit.WithAllFlags;
import dev.turnout.junit.WithFlag;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The pins that apply to one test, gathered from the outermost class to the method, nearer ones winning.
 *
 * @param pins flag key to its pin
 * @param all what every other flag is pinned to ({@code on}, {@code off}), or null
 * @param allWhere where {@code all} was declared
 */
record Pinning(Map<String, Pin> pins, String all, AnnotatedElement allWhere) {

  /** One {@code @WithFlag} and the element it was found on. */
  record Pin(String key, String variant, AnnotatedElement where) {}

  boolean isEmpty() {
    return pins.isEmpty() && all == null;
  }

  Map<String, String> variants() {
    Map<String, String> m = new LinkedHashMap<>();
    pins.forEach((key, pin) -> m.put(key, pin.variant()));
    return m;
  }

  static Pinning of(ExtensionContext context) {
    List<AnnotatedElement> elements = new ArrayList<>();
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      c.get().getElement().ifPresent(e -> {
        if (elements.isEmpty() || !elements.get(0).equals(e)) {
          elements.add(0, e); // a test template and its invocations share the method
        }
      });
    }
    Map<String, Pin> pins = new LinkedHashMap<>();
    String all = null;
    AnnotatedElement allWhere = null;
    for (AnnotatedElement e : elements) {
      Optional<WithAllFlags> every = AnnotationSupport.findAnnotation(e, WithAllFlags.class);
      if (every.isPresent()) {
        String variant = every.get().variant();
        if (!Pins.ON.equals(variant) && !Pins.OFF.equals(variant)) {
          throw new ExtensionConfigurationException("@WithAllFlags(variant = \"" + variant + "\") on "
              + describe(e) + ": every flag can be pinned \"on\" or \"off\"");
        }
        pins.clear();
        all = variant;
        allWhere = e;
      }
      for (WithFlag w : AnnotationSupport.findRepeatableAnnotations(e, WithFlag.class)) {
        pins.put(w.value(), new Pin(w.value(), w.variant(), e));
      }
    }
    return new Pinning(pins, all, allWhere);
  }

  /** Fails when the catalog of the engine in force lacks a pinned key or variant; no catalog, no check. */
  void check() {
    for (Pin pin : pins.values()) {
      Catalog.Flag flag = flag(pin.key(), "@WithFlag on " + describe(pin.where()));
      if (flag != null) {
        checkVariant(flag, pin.variant(), "@WithFlag on " + describe(pin.where()));
      }
    }
  }

  /**
   * The flag in the catalog of the engine in force; null when that engine has no catalog yet.
   *
   * @throws ExtensionConfigurationException when the catalog lacks the key
   */
  static Catalog.Flag flag(String key, String where) {
    FlagEngine engine = Turnout.engine();
    Catalog catalog = EngineCatalog.of(engine);
    if (catalog == null) {
      return null;
    }
    Catalog.Flag flag = catalog.flags().get(key);
    if (flag == null) {
      throw new ExtensionConfigurationException("unknown flag '" + key + "' in " + where + ": not in the catalog "
          + catalog.source() + Names.didYouMean(key, catalog.flags().keySet()));
    }
    return flag;
  }

  static void checkVariant(Catalog.Flag flag, String variant, String where) {
    if (!flag.variants().containsKey(variant)) {
      throw new ExtensionConfigurationException("flag '" + flag.key() + "' has no variant '" + variant + "' (in "
          + where + "; the catalog declares: " + String.join(", ", flag.variants().keySet()) + ")");
    }
  }

  static String describe(AnnotatedElement e) {
    if (e instanceof Class<?> c) {
      return c.getName();
    }
    if (e instanceof java.lang.reflect.Method m) {
      return m.getDeclaringClass().getName() + "." + m.getName() + "()";
    }
    return String.valueOf(e);
  }
}
