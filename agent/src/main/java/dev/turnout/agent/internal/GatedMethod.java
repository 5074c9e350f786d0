package dev.turnout.agent.internal;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What the {@code @FeatureFlag} annotation of one method asks for, read from the class file without
 * loading any class: the flag key, the methods of the other tracks, and the {@code @TargetingKey}
 * parameter.
 *
 * @param method the gated method
 * @param flagKey the flag
 * @param variants the variants mapped to {@code tracks}, in order; null for a boolean flag's alternate
 * @param tracks the methods of tracks 1, 2, ... (the alternate alone for a boolean flag)
 * @param keyParameter the index of the {@code @TargetingKey} parameter, or -1
 */
record GatedMethod(GatedClass.Method method, String flagKey, String[] variants, List<GatedClass.Method> tracks,
    int keyParameter) {

  /**
   * Reads the gate of one {@code @FeatureFlag} method of {@code type}.
   *
   * @throws IllegalArgumentException with a message saying why the method cannot be gated
   */
  static GatedMethod of(GatedClass type, GatedClass.Flagged flag) {
    GatedClass.Method method = flag.method;
    if (method.name().startsWith("<")
        || (method.access() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
      throw new IllegalArgumentException("only methods with a body can be gated");
    }
    if (flag.value == null) {
      throw new IllegalArgumentException("@FeatureFlag names no flag");
    }
    String alternate = flag.alternate == null ? "" : flag.alternate;
    if (!alternate.isEmpty() && !flag.variants.isEmpty()) {
      throw new IllegalArgumentException("both alternate and variants are set");
    }
    String[] variants = null;
    List<GatedClass.Method> tracks = new ArrayList<>();
    if (flag.variants.isEmpty()) {
      if (alternate.isEmpty()) {
        throw new IllegalArgumentException("neither alternate nor variants is set");
      }
      tracks.add(track(type, method, alternate));
    } else {
      variants = new String[flag.variants.size()];
      for (int i = 0; i < variants.length; i++) {
        String[] mapped = flag.variants.get(i);
        if (mapped[0] == null || mapped[1] == null) {
          throw new IllegalArgumentException("a @Variant without its value or method");
        }
        variants[i] = mapped[0];
        tracks.add(track(type, method, mapped[1]));
      }
    }
    int parameters = Type.getArgumentCount(method.descriptor());
    // Class files number parameter annotations among the annotable parameters, which may leave out
    // leading synthetic ones; for methods javac writes them all, so the offset is 0 in practice.
    int offset = flag.annotableParameters < 0 || flag.annotableParameters > parameters
        ? 0 : parameters - flag.annotableParameters;
    int keyParameter = -1;
    for (int annotated : flag.keyParameters) {
      if (keyParameter >= 0 && keyParameter != annotated + offset) {
        throw new IllegalArgumentException("more than one @TargetingKey parameter");
      }
      keyParameter = annotated + offset;
    }
    if (keyParameter >= parameters) {
      throw new IllegalArgumentException("@TargetingKey on parameter " + keyParameter + " of " + parameters);
    }
    return new GatedMethod(method, flag.value, variants, List.copyOf(tracks), keyParameter);
  }

  /** The method of {@code type} named {@code name} with the gated method's descriptor and static-ness. */
  private static GatedClass.Method track(GatedClass type, GatedClass.Method gated, String name) {
    if (name.equals(gated.name())) {
      throw new IllegalArgumentException("method " + name + " cannot be its own track");
    }
    for (GatedClass.Method m : type.methods()) {
      if (m.name().equals(name) && m.descriptor().equals(gated.descriptor()) && m.isStatic() == gated.isStatic()) {
        return m;
      }
    }
    throw new IllegalArgumentException("no method " + name + gated.descriptor()
        + (gated.isStatic() ? " (static)" : "") + " in " + type.name());
  }
}
