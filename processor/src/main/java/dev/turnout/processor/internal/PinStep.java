package dev.turnout.processor.internal;

import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Checks the keys that turnout-junit's {@code @WithFlag}, {@code @WithFlags} and {@code @VaryFlag} name in
 * tests, and the variants they pin, against the catalog, as {@link GateStep} does for {@code @FeatureFlag}.
 * The annotations are known by name only: the processor does not depend on turnout-junit.
 */
final class PinStep {

  static final String WITH_FLAG = "dev.turnout.junit.WithFlag";
  static final String WITH_FLAGS = "dev.turnout.junit.WithFlags";
  static final String VARY_FLAG = "dev.turnout.junit.VaryFlag";
  private static final List<String> ANNOTATIONS = List.of(WITH_FLAG, WITH_FLAGS, VARY_FLAG);

  /** An element whose attributes named something not generated yet: a type, or a method of one. */
  private record Deferred(String typeName, String methodKey) {}

  private final Elements elements;
  private final Reporter reporter;
  private final CatalogStep.Loaded loaded;
  private List<Deferred> deferred = new ArrayList<>();

  PinStep(Elements elements, Reporter reporter, CatalogStep.Loaded loaded) {
    this.elements = elements;
    this.reporter = reporter;
    this.loaded = loaded;
  }

  /** Checks this round's annotated elements, and those an earlier round deferred. */
  void check(RoundEnvironment round) {
    Set<Element> candidates = new LinkedHashSet<>();
    for (Deferred d : deferred) {
      TypeElement type = elements.getTypeElement(d.typeName());
      Element e = type == null || d.methodKey() == null ? type : GateStep.find(type, d.methodKey());
      if (e != null) {
        candidates.add(e);
      }
    }
    deferred = new ArrayList<>();
    for (String name : ANNOTATIONS) {
      TypeElement annotation = elements.getTypeElement(name);
      if (annotation != null) {
        candidates.addAll(round.getElementsAnnotatedWith(annotation));
      }
    }
    for (Element e : candidates) {
      List<AnnotationMirror> pins = pins(e);
      if (!round.processingOver()
          && pins.stream().anyMatch(p -> Annotations.isUnresolved(Annotations.explicitValue(p, "value")))) {
        deferred.add(handle(e));
        continue;
      }
      for (AnnotationMirror pin : pins) {
        check(e, pin);
      }
    }
  }

  /** Each {@code @WithFlag} (repeated ones inside the {@code @WithFlags} the compiler wrote) and {@code @VaryFlag}. */
  private static List<AnnotationMirror> pins(Element e) {
    List<AnnotationMirror> pins = new ArrayList<>();
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (Annotations.isNamed(m, WITH_FLAG) || Annotations.isNamed(m, VARY_FLAG)) {
        pins.add(m);
      } else if (Annotations.isNamed(m, WITH_FLAGS)) {
        for (AnnotationValue v : Annotations.list(Annotations.explicitValue(m, "value"))) {
          if (v.getValue() instanceof AnnotationMirror inner) {
            pins.add(inner);
          }
        }
      }
    }
    return pins;
  }

  private static Deferred handle(Element e) {
    if (e instanceof ExecutableElement method && method.getEnclosingElement() instanceof TypeElement owner) {
      return new Deferred(owner.getQualifiedName().toString(), GateStep.lookupKey(method));
    }
    return new Deferred(((TypeElement) e).getQualifiedName().toString(), null);
  }

  private void check(Element element, AnnotationMirror pin) {
    AnnotationValue keyValue = Annotations.explicitValue(pin, "value");
    String key = Annotations.string(keyValue);
    if (key == null) {
      return; // not a String constant: javac reports that itself
    }
    Catalog catalog = loaded.catalog();
    if (catalog == null) {
      if (loaded.origin() == CatalogStep.Origin.NONE && !Names.isValidKey(key)) {
        reporter.report(Message.INVALID_FLAG_KEY, element, pin, keyValue, key);
      }
      return;
    }
    Catalog.Flag flag = catalog.flags().get(key);
    if (flag == null) {
      reporter.report(Message.UNKNOWN_FLAG, element, pin, keyValue, key, loaded.name(),
          Names.didYouMean(key, catalog.flags().keySet()));
      return;
    }
    List<AnnotationValue> variantValues = Annotations.list(
        Annotations.explicitValue(pin, Annotations.isNamed(pin, WITH_FLAG) ? "variant" : "variants"));
    if (Annotations.isNamed(pin, WITH_FLAG) && variantValues.isEmpty()) {
      checkVariant(element, pin, null, flag, Catalog.ON); // the default variant
    }
    for (AnnotationValue v : variantValues) {
      String variant = Annotations.string(v);
      if (variant != null) {
        checkVariant(element, pin, v, flag, variant);
      }
    }
  }

  private void checkVariant(Element element, AnnotationMirror at, AnnotationValue value, Catalog.Flag flag,
      String variant) {
    if (!flag.variants().containsKey(variant)) {
      reporter.report(Message.UNKNOWN_VARIANT, element, at, value, flag.key(), variant,
          String.join(", ", flag.variants().keySet()), Names.didYouMean(variant, flag.variants().keySet()));
    }
  }
}
