package dev.turnout.agent.internal;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What the {@code @FeatureFlag} annotation of one method asks for, read from the class file without
 * loading any annotation class: the flag key, the methods of the other tracks, and the
 * {@code @TargetingKey} parameter.
 *
 * @param flagKey the flag
 * @param variants the variants mapped to {@code tracks}, in order; null for a boolean flag's alternate
 * @param tracks the methods of tracks 1, 2, ... (the alternate alone for a boolean flag)
 * @param keyParameter the index of the {@code @TargetingKey} parameter, or -1
 */
record GatedMethod(String flagKey, String[] variants, List<MethodDescription> tracks, int keyParameter) {

  static final String FEATURE_FLAG = "dev.turnout.FeatureFlag";
  static final String TARGETING_KEY = "dev.turnout.TargetingKey";

  /**
   * Reads the gate of {@code method}, declared by {@code type}.
   *
   * @throws IllegalArgumentException with a message saying why the method cannot be gated
   */
  static GatedMethod of(TypeDescription type, MethodDescription method) {
    AnnotationDescription flag = annotation(method, FEATURE_FLAG);
    if (flag == null) {
      throw new IllegalArgumentException("no @FeatureFlag");
    }
    if (method.isConstructor() || method.isAbstract() || method.isNative()) {
      throw new IllegalArgumentException("only methods with a body can be gated");
    }
    String flagKey = flag.getValue("value").resolve(String.class);
    String alternate = flag.getValue("alternate").resolve(String.class);
    AnnotationDescription[] mapped = flag.getValue("variants").resolve(AnnotationDescription[].class);
    if (!alternate.isEmpty() && mapped.length > 0) {
      throw new IllegalArgumentException("both alternate and variants are set");
    }
    String[] variants = null;
    List<MethodDescription> tracks = new ArrayList<>();
    if (mapped.length == 0) {
      if (alternate.isEmpty()) {
        throw new IllegalArgumentException("neither alternate nor variants is set");
      }
      tracks.add(track(type, method, alternate));
    } else {
      variants = new String[mapped.length];
      for (int i = 0; i < mapped.length; i++) {
        variants[i] = mapped[i].getValue("value").resolve(String.class);
        tracks.add(track(type, method, mapped[i].getValue("method").resolve(String.class)));
      }
    }
    int keyParameter = -1;
    for (ParameterDescription p : method.getParameters()) {
      if (annotation(p.getDeclaredAnnotations(), TARGETING_KEY) != null) {
        if (keyParameter >= 0) {
          throw new IllegalArgumentException("more than one @TargetingKey parameter");
        }
        keyParameter = p.getIndex();
      }
    }
    return new GatedMethod(flagKey, variants, List.copyOf(tracks), keyParameter);
  }

  /** The method of {@code type} named {@code name} with the gated method's descriptor and static-ness. */
  private static MethodDescription track(TypeDescription type, MethodDescription gated, String name) {
    if (name.equals(gated.getInternalName())) {
      throw new IllegalArgumentException("method " + name + " cannot be its own track");
    }
    for (MethodDescription m : type.getDeclaredMethods()) {
      if (m.getInternalName().equals(name) && m.getDescriptor().equals(gated.getDescriptor())
          && m.isStatic() == gated.isStatic()) {
        return m;
      }
    }
    throw new IllegalArgumentException("no method " + name + gated.getDescriptor()
        + (gated.isStatic() ? " (static)" : "") + " in " + type.getName());
  }

  private static AnnotationDescription annotation(MethodDescription method, String name) {
    return annotation(method.getDeclaredAnnotations(), name);
  }

  private static AnnotationDescription annotation(Iterable<AnnotationDescription> annotations, String name) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(name)) {
        return a;
      }
    }
    return null;
  }
}
