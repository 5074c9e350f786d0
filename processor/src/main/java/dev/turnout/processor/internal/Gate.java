package dev.turnout.processor.internal;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One gated method, as the registry records it.
 *
 * @param className the binary name ({@code com.example.Outer$Inner})
 * @param descriptor the JVM method descriptor
 * @param alternate the alternate method's name, or null
 * @param variants variant name to method name, in the order written
 * @param targetingKeyParameter the index of the {@code @TargetingKey} parameter, or -1
 * @param source the source file, relative to its source root ({@code com/example/Tasks.java})
 * @param line the line of the gated method's declaration
 */
record Gate(
    String className,
    String method,
    String descriptor,
    boolean isStatic,
    String flag,
    String alternate,
    Map<String, String> variants,
    int targetingKeyParameter,
    String source,
    int line) {

  /** Registry order: class, then method, then descriptor. */
  public static final Comparator<Gate> ORDER = Comparator.comparing(Gate::className)
      .thenComparing(Gate::method)
      .thenComparing(Gate::descriptor);

  public Gate {
    variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
  }

  /** The identity of the gated method: class, name and descriptor. */
  public String id() {
    return className + "#" + method + descriptor;
  }
}
