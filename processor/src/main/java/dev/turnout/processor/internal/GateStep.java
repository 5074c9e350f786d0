package dev.turnout.processor.internal;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Step 2: validates one {@code @FeatureFlag} method against the catalog and its class, reporting every
 * problem on the annotation attribute at fault, and turns it into a {@link Gate}.
 */
final class GateStep {

  /** The outcome for one method: a gate (possibly with errors reported), deferred, or nothing to record. */
  public record Result(Gate gate, boolean deferred) {
    static final Result DEFERRED = new Result(null, true);
    static final Result NONE = new Result(null, false);
  }

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final Reporter reporter;
  private final Descriptors descriptors;
  private final CatalogStep.Loaded loaded;
  private final LocalDate today;

  public GateStep(Elements elements, Types types, Trees trees, Reporter reporter, CatalogStep.Loaded loaded, LocalDate today) {
    this.elements = elements;
    this.types = types;
    this.trees = trees;
    this.reporter = reporter;
    this.descriptors = new Descriptors(elements, types);
    this.loaded = loaded;
    this.today = today;
  }

  /** Validates one annotated element; defers it when an attribute names something not generated yet. */
  public Result validate(Element element) {
    List<AnnotationMirror> gates = Annotations.mirrors(element, Annotations.FEATURE_FLAG);
    if (gates.isEmpty()) {
      return Result.NONE;
    }
    AnnotationMirror gate = gates.get(0);
    if (hasUnresolved(gate)) {
      return Result.DEFERRED;
    }
    if (element.getKind() == ElementKind.CONSTRUCTOR) {
      reporter.report(Message.GATE_ON_CONSTRUCTOR, element, gate, null);
      return Result.NONE;
    }
    if (element.getKind() != ElementKind.METHOD || !(element.getEnclosingElement() instanceof TypeElement owner)) {
      return Result.NONE;
    }
    ExecutableElement method = (ExecutableElement) element;
    String signature = Descriptors.signature(method);
    for (AnnotationMirror extra : gates.subList(1, gates.size())) {
      reporter.report(Message.DUPLICATE_GATE, method, extra, null, signature, "a method takes one @FeatureFlag");
    }
    if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.report(Message.GATE_WITHOUT_BODY, method, gate, null, signature,
          owner.getKind() == ElementKind.INTERFACE ? "an interface method without a body" : "abstract");
    } else if (method.getModifiers().contains(Modifier.NATIVE)) {
      reporter.report(Message.GATE_WITHOUT_BODY, method, gate, null, signature, "native");
    }

    AnnotationValue keyValue = Annotations.explicitValue(gate, "value");
    String key = Annotations.string(keyValue);
    if (key == null) {
      return Result.NONE; // not a String constant: javac reports that itself
    }
    Catalog catalog = loaded.catalog();
    Catalog.Flag flag = null;
    if (catalog != null) {
      flag = catalog.flags().get(key);
      if (flag == null) {
        reporter.report(Message.UNKNOWN_FLAG, method, gate, keyValue, key, loaded.name(),
            Names.didYouMean(key, catalog.flags().keySet()));
      } else if (loaded.origin().isOwn() && flag.expires() != null && flag.expires().isBefore(today)) {
        reporter.report(Message.FLAG_EXPIRED, method, gate, keyValue, key, flag.expires(), loaded.name(), flag.line());
      }
    } else if (!Names.isValidKey(key)) {
      reporter.report(Message.INVALID_FLAG_KEY, method, gate, keyValue, key);
    }

    AnnotationValue alternateValue = Annotations.explicitValue(gate, "alternate");
    String alternate = Annotations.string(alternateValue);
    if (alternate != null && alternate.isEmpty()) {
      alternate = null;
    }
    AnnotationValue variantsValue = Annotations.explicitValue(gate, "variants");
    List<AnnotationValue> variantValues = Annotations.list(variantsValue);
    if (flag != null) {
      if (!flag.isBoolean() && alternate != null) {
        reporter.report(Message.ALTERNATE_ON_MULTIVARIATE, method, gate, alternateValue, key,
            String.join(", ", flag.variants().keySet()));
      }
      if (flag.isBoolean() && !variantValues.isEmpty()) {
        reporter.report(Message.VARIANTS_ON_BOOLEAN, method, gate, variantsValue, key);
      }
    } else if (alternate != null && !variantValues.isEmpty()) {
      reporter.report(Message.ALTERNATE_AND_VARIANTS, method, gate, variantsValue, key);
    }

    if (alternate != null) {
      checkTarget(method, owner, gate, alternateValue, alternate, "alternate", key);
    }
    Map<String, String> variants = new LinkedHashMap<>();
    for (AnnotationValue v : variantValues) {
      if (!(v.getValue() instanceof AnnotationMirror variant)) {
        continue;
      }
      AnnotationValue nameValue = Annotations.explicitValue(variant, "value");
      AnnotationValue targetValue = Annotations.explicitValue(variant, "method");
      String name = Annotations.string(nameValue);
      String target = Annotations.string(targetValue);
      if (name == null || target == null) {
        continue;
      }
      if (flag != null && !flag.isBoolean() && !flag.variants().containsKey(name)) {
        reporter.report(Message.UNKNOWN_VARIANT, method, variant, nameValue, key, name,
            String.join(", ", flag.variants().keySet()), Names.didYouMean(name, flag.variants().keySet()));
      }
      if (variants.containsKey(name)) {
        reporter.report(Message.DUPLICATE_VARIANT, method, variant, nameValue, name, key);
      } else {
        variants.put(name, target);
      }
      checkTarget(method, owner, variant, targetValue, target, "method for variant '" + name + "'", key);
    }

    int targetingKey = -1;
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement p = parameters.get(i);
      AnnotationMirror mark = Annotations.mirror(p, Annotations.TARGETING_KEY);
      if (mark == null) {
        continue;
      }
      if (targetingKey >= 0) {
        reporter.report(Message.DUPLICATE_TARGETING_KEY, p, mark, null, signature,
            parameters.get(targetingKey).getSimpleName());
      } else {
        targetingKey = i;
      }
    }

    String source = "";
    int line = 0;
    TreePath path = trees == null ? null : trees.getPath(method);
    if (path != null && path.getLeaf() instanceof MethodTree tree) {
      CompilationUnitTree unit = path.getCompilationUnit();
      Tree at = tree.getReturnType() != null ? tree.getReturnType() : tree;
      long position = trees.getSourcePositions().getStartPosition(unit, at);
      line = position < 0 ? 0 : (int) unit.getLineMap().getLineNumber(position);
      source = relativeSource(unit);
    }
    return new Result(new Gate(descriptors.binaryName(owner), method.getSimpleName().toString(),
        descriptors.descriptor(method), method.getModifiers().contains(Modifier.STATIC), key, alternate, variants,
        targetingKey, source, line), false);
  }

  /** The canonical name of the method's class and a way to find the method again in a later round. */
  public static String lookupKey(ExecutableElement method) {
    StringBuilder s = new StringBuilder(method.getSimpleName()).append('(');
    for (VariableElement p : method.getParameters()) {
      s.append(p.asType()).append(';');
    }
    return s.append(')').toString();
  }

  /** The method of {@code type} matching {@link #lookupKey}, or null. */
  public static ExecutableElement find(TypeElement type, String lookupKey) {
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (lookupKey(m).equals(lookupKey)) {
        return m;
      }
    }
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (lookupKey(c).equals(lookupKey)) {
        return c;
      }
    }
    return null;
  }

  /** The path of the unit's file below its source root: {@code com/example/Tasks.java}. */
  public static String relativeSource(CompilationUnitTree unit) {
    String name = unit.getSourceFile().getName();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String file = name.substring(slash + 1);
    return unit.getPackageName() == null ? file : unit.getPackageName().toString().replace('.', '/') + "/" + file;
  }

  private static boolean hasUnresolved(AnnotationMirror gate) {
    for (String attribute : List.of("value", "alternate")) {
      if (Annotations.isUnresolved(Annotations.explicitValue(gate, attribute))) {
        return true;
      }
    }
    for (AnnotationValue v : Annotations.list(Annotations.explicitValue(gate, "variants"))) {
      if (Annotations.isUnresolved(v)) {
        return true;
      }
      if (v.getValue() instanceof AnnotationMirror variant
          && (Annotations.isUnresolved(Annotations.explicitValue(variant, "value"))
              || Annotations.isUnresolved(Annotations.explicitValue(variant, "method")))) {
        return true;
      }
    }
    return false;
  }

  /** Checks an alternate or variant method: present, same parameters, return type, static-ness, exceptions. */
  private void checkTarget(ExecutableElement gated, TypeElement owner, AnnotationMirror mirror, AnnotationValue at,
      String name, String role, String key) {
    List<ExecutableElement> named = new ArrayList<>();
    Set<String> allNames = new LinkedHashSet<>();
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      allNames.add(m.getSimpleName().toString());
      if (m.getSimpleName().contentEquals(name)) {
        named.add(m);
      }
    }
    String gatedSignature = Descriptors.signature(gated);
    if (named.isEmpty()) {
      allNames.remove(gated.getSimpleName().toString());
      reporter.report(Message.MISSING_METHOD, gated, mirror, at, name, owner.getSimpleName(), role, key,
          Names.didYouMean(name, allNames));
      return;
    }
    ExecutableElement match = null;
    boolean self = false;
    for (ExecutableElement candidate : named) {
      if (sameParameters(candidate, gated)) {
        if (candidate.equals(gated)) {
          self = true;
        } else {
          match = candidate;
        }
      }
    }
    if (match == null) {
      String why = self ? "it is the gated method itself"
          : "its parameter types are " + parameterList(named.get(0)) + ", the gated method's are " + parameterList(gated);
      reporter.report(Message.INCOMPATIBLE_METHOD, gated, mirror, at, name, role, key, gatedSignature, why);
      return;
    }
    if (!sameType(match.getReturnType(), gated.getReturnType())) {
      reporter.report(Message.INCOMPATIBLE_METHOD, gated, mirror, at, name, role, key, gatedSignature,
          "it returns " + match.getReturnType() + ", the gated method returns " + gated.getReturnType());
    }
    boolean matchStatic = match.getModifiers().contains(Modifier.STATIC);
    if (matchStatic != gated.getModifiers().contains(Modifier.STATIC)) {
      reporter.report(Message.INCOMPATIBLE_METHOD, gated, mirror, at, name, role, key, gatedSignature,
          matchStatic ? "it is static and the gated method is not" : "the gated method is static and it is not");
    }
    for (TypeMirror thrown : match.getThrownTypes()) {
      if (isChecked(thrown) && !isCovered(thrown, gated.getThrownTypes())) {
        reporter.report(Message.INCOMPATIBLE_METHOD, gated, mirror, at, name, role, key, gatedSignature,
            "it may throw " + thrown + ", which the gated method does not declare");
      }
    }
  }

  private boolean sameParameters(ExecutableElement a, ExecutableElement b) {
    List<? extends VariableElement> pa = a.getParameters();
    List<? extends VariableElement> pb = b.getParameters();
    if (pa.size() != pb.size()) {
      return false;
    }
    for (int i = 0; i < pa.size(); i++) {
      if (!sameType(pa.get(i).asType(), pb.get(i).asType())) {
        return false;
      }
    }
    return true;
  }

  private boolean sameType(TypeMirror a, TypeMirror b) {
    if (a.getKind() == TypeKind.VOID || b.getKind() == TypeKind.VOID) {
      return a.getKind() == b.getKind();
    }
    return types.isSameType(types.erasure(a), types.erasure(b));
  }

  private boolean isChecked(TypeMirror thrown) {
    TypeMirror t = types.erasure(thrown);
    for (String unchecked : List.of("java.lang.RuntimeException", "java.lang.Error")) {
      TypeElement u = elements.getTypeElement(unchecked);
      if (u != null && types.isSubtype(t, u.asType())) {
        return false;
      }
    }
    return true;
  }

  private boolean isCovered(TypeMirror thrown, List<? extends TypeMirror> declared) {
    for (TypeMirror d : declared) {
      if (types.isSubtype(types.erasure(thrown), types.erasure(d))) {
        return true;
      }
    }
    return false;
  }

  private static String parameterList(ExecutableElement method) {
    String signature = Descriptors.signature(method);
    return signature.substring(signature.indexOf('('));
  }
}
