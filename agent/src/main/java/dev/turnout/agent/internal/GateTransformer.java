package dev.turnout.agent.internal;

import dev.turnout.internal.gate.Gate;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Transforms the indexed classes: a gate at the start of each {@code @FeatureFlag} method. Every other
 * class is answered from the index alone (a set lookup by name): its bytes are never parsed. A method
 * whose annotation cannot be honoured (a missing alternate, say) is left as it is, with one log line;
 * so is every class whose loader cannot see the gate, and a class that cannot be transformed at all.
 *
 * <p>Only method bodies change (no member is added or removed), so the same transformation applies
 * when a loaded class is retransformed (attaching to a running JVM, or another agent retransforming).
 */
final class GateTransformer implements ClassFileTransformer {

  private static final String GATE = "dev.turnout.internal.gate.Gate";

  private final AgentIndex index;
  private final Instrumentation instrumentation;
  /** Per loader: whether its classes can call the gate, and whether it is the agent's copy. */
  private final Map<ClassLoader, Boolean> visible = Collections.synchronizedMap(new WeakHashMap<>());

  GateTransformer(AgentIndex index, Instrumentation instrumentation) {
    this.index = index;
    this.instrumentation = instrumentation;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) {
    if (loader == null || className == null || !index.contains(loader, className)) {
      return null; // the JDK, the agent itself, hidden classes, and everything not indexed
    }
    try {
      byte[] result = gate(module, loader, bytes);
      if (result != null) {
        AgentLog.detail("Turnout agent: transformed " + className.replace('/', '.')
            + (redefined != null ? " (retransformed)" : ""));
      }
      return result;
    } catch (Throwable t) { // NOPMD: a class that cannot be transformed loads as it is
      AgentLog.error("Turnout agent: cannot transform " + className.replace('/', '.') + "; it runs unchanged", t);
      return null;
    }
  }

  /** The class with its gates, or null to leave it unchanged. */
  private byte[] gate(Module module, ClassLoader loader, byte[] bytes) {
    if (!gateVisible(loader)) {
      return null;
    }
    ClassReader reader = new ClassReader(bytes);
    GatedClass type = GatedClass.read(reader);
    if (type.flagged().isEmpty()) {
      return null;
    }
    if (type.majorVersion() < Opcodes.V1_7) {
      AgentLog.warning("Turnout agent: " + type.name() + " is compiled for Java " + (type.majorVersion() - 44)
          + " (invokedynamic needs 7 or later); its gated methods run their original body");
      return null;
    }
    Map<String, GatedMethod> gates = new HashMap<>();
    for (GatedClass.Flagged flagged : type.flagged()) {
      GatedClass.Method m = flagged.method;
      String where = type.name() + "." + m.name();
      try {
        GatedMethod gate = GatedMethod.of(type, flagged);
        gates.put(m.name() + m.descriptor(), gate);
        AgentLog.detail("Turnout agent: gated " + where + " by flag '" + gate.flagKey() + "'");
      } catch (RuntimeException e) {
        AgentLog.warning("Turnout agent: " + where + " is not gated, it runs its original body: " + e.getMessage());
      }
    }
    if (gates.isEmpty()) {
      return null;
    }
    readGate(module);
    // The constant pool is copied and methods without a gate are copied as they are; gated methods are
    // read with expanded frames, as GateVisitor writes its own frames expanded.
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
        GatedMethod gate = gates.get(name + descriptor);
        return gate == null || visitor == null ? visitor : new GateVisitor(visitor, type, gate);
      }
    }, ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /** A named module must read the gate's (the bootstrap loader's unnamed) module to link its call sites. */
  private void readGate(Module module) {
    Module gate = Gate.class.getModule();
    if (module != null && module.isNamed() && !module.canRead(gate)) {
      instrumentation.redefineModule(module, Set.of(gate), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  /**
   * Retransforms the indexed classes already loaded (attached to a running JVM): their gated methods
   * take the gate from their next call. One log line per class that cannot be retransformed.
   */
  void retransformLoaded() {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : instrumentation.getAllLoadedClasses()) {
      ClassLoader loader = c.getClassLoader();
      if (loader != null && !c.isArray() && index.contains(loader, c.getName().replace('.', '/'))
          && instrumentation.isModifiableClass(c)) {
        loaded.add(c);
      }
    }
    for (Class<?> c : loaded) {
      try {
        instrumentation.retransformClasses(c);
      } catch (Throwable t) { // NOPMD: the class keeps running unchanged
        AgentLog.error("Turnout agent: cannot transform " + c.getName() + "; it runs unchanged", t);
      }
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
