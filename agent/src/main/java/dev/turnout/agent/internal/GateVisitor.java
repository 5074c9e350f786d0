package dev.turnout.agent.internal;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Puts the gate at the start of a gated method's code:
 *
 * <pre>
 *   try { track = invokedynamic gate(key) } catch (Throwable t) { track = 0 }   // Gate's bootstrap
 *   switch (track) {
 *     case 1: return alternate(this, arg0, arg1, ...);                             // a direct call
 *     case 2: ...
 *     default: // fall through into the original body
 *   }
 * </pre>
 *
 * The inserted code names only JDK types and {@code dev.turnout.internal.gate.Gate} (in the bootstrap
 * method handle), uses no local variable and no argument array, and boxes nothing. The track methods are
 * called outside the {@code try}, so whatever they throw, checked or not, reaches the caller unchanged.
 * Frames are written expanded (the class is read with {@code EXPAND_FRAMES}); the original body starts
 * after a {@code NOP} so its own first frame, if any, never shares an offset with ours.
 */
final class GateVisitor extends MethodVisitor {

  private static final String GATE = "dev/turnout/internal/gate/Gate";
  private static final String BOOTSTRAP_PREFIX =
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;";
  private static final Handle ALTERNATE = new Handle(Opcodes.H_INVOKESTATIC, GATE, "alternate",
      BOOTSTRAP_PREFIX + ")Ljava/lang/invoke/CallSite;", false);
  private static final Handle VARIANTS = new Handle(Opcodes.H_INVOKESTATIC, GATE, "variants",
      BOOTSTRAP_PREFIX + "[Ljava/lang/String;)Ljava/lang/invoke/CallSite;", false);

  private final GatedClass owner;
  private final GatedClass.Method method;
  private final GatedMethod gate;
  private final Type[] parameters;
  private final Object[] locals;
  private final int argumentSlots;

  GateVisitor(MethodVisitor delegate, GatedClass owner, GatedMethod gate) {
    super(Opcodes.ASM9, delegate);
    this.owner = owner;
    this.method = gate.method();
    this.gate = gate;
    this.parameters = Type.getArgumentTypes(method.descriptor());
    int offset = method.isStatic() ? 0 : 1;
    this.locals = new Object[parameters.length + offset];
    int slots = offset;
    if (offset == 1) {
      locals[0] = owner.internalName();
    }
    for (int i = 0; i < parameters.length; i++) {
      locals[i + offset] = frameType(parameters[i]);
      slots += parameters[i].getSize();
    }
    this.argumentSlots = slots;
  }

  @Override
  public void visitCode() {
    super.visitCode();
    Label start = new Label();
    Label end = new Label();
    Label failed = new Label();
    Label dispatch = new Label();
    Label original = new Label();
    super.visitTryCatchBlock(start, end, failed, "java/lang/Throwable");
    super.visitLabel(start);
    super.visitInvokeDynamicInsn(method.name(), loadKey(), gate.variants() == null ? ALTERNATE : VARIANTS,
        bootstrapArguments());
    super.visitLabel(end);
    super.visitJumpInsn(Opcodes.GOTO, dispatch);
    // Linking failed (the gate is not visible, say): the original body.
    super.visitLabel(failed);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
    super.visitInsn(Opcodes.POP);
    super.visitInsn(Opcodes.ICONST_0);
    super.visitLabel(dispatch);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {Opcodes.INTEGER});
    int count = gate.tracks().size();
    Label[] cases = new Label[count];
    for (int i = 0; i < count; i++) {
      cases[i] = new Label();
    }
    super.visitTableSwitchInsn(1, count, original, cases);
    for (int i = 0; i < count; i++) {
      super.visitLabel(cases[i]);
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
      callTrack(gate.tracks().get(i));
    }
    super.visitLabel(original);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
    super.visitInsn(Opcodes.NOP);
  }

  /** Loads the targeting key argument, if any, and answers the call site's descriptor. */
  private String loadKey() {
    int index = gate.keyParameter();
    if (index < 0) {
      return "()I";
    }
    int slot = method.isStatic() ? 0 : 1;
    for (int i = 0; i < index; i++) {
      slot += parameters[i].getSize();
    }
    Type key = parameters[index];
    super.visitVarInsn(key.getOpcode(Opcodes.ILOAD), slot);
    boolean reference = key.getSort() == Type.OBJECT || key.getSort() == Type.ARRAY;
    // References are passed as Object: linking then needs no class of the application.
    return "(" + (reference ? "Ljava/lang/Object;" : key.getDescriptor()) + ")I";
  }

  private Object[] bootstrapArguments() {
    String[] variants = gate.variants();
    if (variants == null) {
      return new Object[] {gate.flagKey()};
    }
    Object[] arguments = new Object[variants.length + 1];
    arguments[0] = gate.flagKey();
    System.arraycopy(variants, 0, arguments, 1, variants.length);
    return arguments;
  }

  /** {@code return track(this, args...)}: the same call a Java caller would make. */
  private void callTrack(GatedClass.Method track) {
    int slot = 0;
    if (!method.isStatic()) {
      super.visitVarInsn(Opcodes.ALOAD, 0);
      slot = 1;
    }
    for (Type p : parameters) {
      super.visitVarInsn(p.getOpcode(Opcodes.ILOAD), slot);
      slot += p.getSize();
    }
    boolean isInterface = owner.isInterface();
    int opcode;
    if (track.isStatic()) {
      opcode = Opcodes.INVOKESTATIC;
    } else if (track.isPrivate()) {
      opcode = Opcodes.INVOKESPECIAL; // always valid for a private method of the same class
    } else {
      opcode = isInterface ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL; // overrides apply, as for Java callers
    }
    super.visitMethodInsn(opcode, owner.internalName(), track.name(), track.descriptor(), isInterface);
    super.visitInsn(Type.getReturnType(track.descriptor()).getOpcode(Opcodes.IRETURN));
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    // The calls above need this, the arguments, and at most two slots of key or result.
    super.visitMaxs(Math.max(maxStack, argumentSlots + 2), Math.max(maxLocals, argumentSlots));
  }

  private static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.CHAR:
      case Type.BYTE:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getSort() == Type.ARRAY ? type.getDescriptor() : type.getInternalName();
    }
  }
}
