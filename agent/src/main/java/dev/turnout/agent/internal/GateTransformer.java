package dev.turnout.agent.internal;

import dev.turnout.internal.gate.Gate;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Transforms one indexed class: a gate at the start of each {@code @FeatureFlag} method. A method whose
 * annotation cannot be honoured (a missing alternate, say) is left as it is, with one log line; so is
 * every class whose loader cannot see the gate.
 */
final class GateTransformer implements AgentBuilder.Transformer {

  private static final String GATE = "dev.turnout.internal.gate.Gate";

  /** Per loader: whether its classes can call the gate, and whether it is the agent's copy. */
  private final Map<ClassLoader, Boolean> visible = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
      JavaModule module, ProtectionDomain domain) {
    if (!gateVisible(loader)) {
      return builder;
    }
    ClassFileVersion version = type.getClassFileVersion();
    if (version != null && version.isLessThan(ClassFileVersion.JAVA_V7)) {
      AgentLog.warning("Turnout agent: " + type.getName() + " is compiled for Java " + version.getJavaVersion()
          + " (invokedynamic needs 7 or later); its gated methods run their original body");
      return builder;
    }
    return builder.visit(new AsmVisitorWrapper.ForDeclaredMethods()
        .readerFlags(ClassReader.EXPAND_FRAMES)
        .invokable(ElementMatchers.isAnnotatedWith(ElementMatchers.named(GatedMethod.FEATURE_FLAG)),
            GateTransformer::gate));
  }

  private static MethodVisitor gate(TypeDescription type, MethodDescription method, MethodVisitor visitor,
      Implementation.Context context, TypePool pool, int writerFlags, int readerFlags) {
    String where = type.getName() + "." + method.getInternalName();
    try {
      GatedMethod gate = GatedMethod.of(type, method);
      AgentLog.detail("Turnout agent: gated " + where + " by flag '" + gate.flagKey() + "'");
      return new GateVisitor(visitor, type, method, gate);
    } catch (RuntimeException e) {
      AgentLog.warning("Turnout agent: " + where + " is not gated, it runs its original body: " + e.getMessage());
      return visitor;
    }
  }

  /**
   * Whether classes of this loader resolve the gate; says once per loader when they cannot, or when
   * they resolve a copy of the runtime other than the agent's.
   */
  private boolean gateVisible(ClassLoader loader) {
    Boolean known = visible.get(loader);
    if (known != null) {
      return known;
    }
    boolean result;
    try {
      Class<?> gate = Class.forName(GATE, false, loader);
      result = true;
      if (gate != Gate.class) {
        AgentLog.warning("Turnout agent: " + loader + " loads its own copy of turnout-runtime instead of the"
            + " agent's: its gated methods use that copy, with its own engine (reading the same flags= and env="
            + " through the turnout.flags and turnout.env system properties)");
      }
    } catch (ClassNotFoundException | LinkageError e) {
      result = false;
      AgentLog.warning("Turnout agent: classes of " + loader + " cannot see " + GATE + " (" + e
          + "); their gated methods run their original body. Let the loader delegate dev.turnout.* to its parent"
          + " (OSGi: org.osgi.framework.bootdelegation=dev.turnout.*)");
    }
    visible.put(loader, result);
    return result;
  }
}
