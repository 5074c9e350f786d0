package dev.turnout.agent.internal;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * What one class file declares that the gate needs, read without its code and without loading any
 * class: its methods, and the {@code @FeatureFlag} and {@code @TargetingKey} annotations on them.
 *
 * <pre>{@code
 * GatedClass type = GatedClass.read(new ClassReader(bytes));
 * for (GatedClass.Flagged m : type.flagged()) { ... GatedMethod.of(type, m) ... }
 * }</pre>
 */
final class GatedClass {

  static final String FEATURE_FLAG = "Ldev/turnout/FeatureFlag;";
  static final String VARIANT = "Ldev/turnout/Variant;";
  static final String TARGETING_KEY = "Ldev/turnout/TargetingKey;";

  /**
   * A declared method.
   *
   * @param access its access flags
   * @param name its name
   * @param descriptor its descriptor
   */
  record Method(int access, String name, String descriptor) {

    // The JDK's constants, equal to ASM's: a record of ASM's would keep a stray (unrelocated) reference.
    boolean isStatic() {
      return Modifier.isStatic(access);
    }

    boolean isPrivate() {
      return Modifier.isPrivate(access);
    }
  }

  /** A method with {@code @FeatureFlag}, and the annotation's values as written (null when absent). */
  static final class Flagged {
    final Method method;
    boolean annotated; // @FeatureFlag seen (the entry may exist for @TargetingKey alone)
    String value;
    String alternate;
    final List<String[]> variants = new ArrayList<>(); // {value, method}, as written
    final List<Integer> keyParameters = new ArrayList<>(); // as numbered in the class file
    int annotableParameters = -1; // -1: every parameter of the descriptor

    Flagged(Method method) {
      this.method = method;
    }
  }

  private final String internalName;
  private final boolean isInterface;
  private final int version;
  private final List<Method> methods;
  private final List<Flagged> flagged;

  private GatedClass(String internalName, boolean isInterface, int version, List<Method> methods,
      List<Flagged> flagged) {
    this.internalName = internalName;
    this.isInterface = isInterface;
    this.version = version;
    this.methods = methods;
    this.flagged = flagged;
  }

  /** Reads the class file's declarations (no code, no debug information). */
  static GatedClass read(ClassReader reader) {
    Scan scan = new Scan();
    reader.accept(scan, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    List<Flagged> flagged = new ArrayList<>();
    for (Flagged f : scan.annotated.values()) {
      if (f.annotated) {
        flagged.add(f);
      }
    }
    return new GatedClass(scan.name, scan.isInterface, scan.version, List.copyOf(scan.methods), flagged);
  }

  /** The internal name ({@code a/b/C$D}). */
  String internalName() {
    return internalName;
  }

  /** The binary name ({@code a.b.C$D}). */
  String name() {
    return internalName.replace('/', '.');
  }

  boolean isInterface() {
    return isInterface;
  }

  /** The class file's major version (51 is Java 7). */
  int majorVersion() {
    return version & 0xFFFF;
  }

  /** Every declared method, in class file order. */
  List<Method> methods() {
    return methods;
  }

  /** The methods annotated {@code @FeatureFlag}, in class file order. */
  List<Flagged> flagged() {
    return flagged;
  }

  /** The first pass: declarations and the two annotations, nothing else. */
  private static final class Scan extends ClassVisitor {
    String name;
    boolean isInterface;
    int version;
    final List<Method> methods = new ArrayList<>();
    /** By name and descriptor: a record key would set up the JDK's record methods (ObjectMethods) at start. */
    final Map<String, Flagged> annotated = new LinkedHashMap<>();

    Scan() {
      super(Opcodes.ASM9);
    }

    /** The entry of this method; no lambda here, as each lambda shape costs start-up time of its own. */
    Flagged flagged(String key, Method method) {
      Flagged flag = annotated.get(key);
      if (flag == null) {
        flag = new Flagged(method);
        annotated.put(key, flag);
      }
      return flag;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
        String[] interfaces) {
      this.version = version;
      this.name = name;
      this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
        String[] exceptions) {
      Method method = new Method(access, name, descriptor);
      methods.add(method);
      String key = name + descriptor;
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          if (!annotation.equals(FEATURE_FLAG)) {
            return null;
          }
          Flagged flag = flagged(key, method);
          flag.annotated = true;
          return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String element, Object value) {
              if (element.equals("value") && value instanceof String s) {
                flag.value = s;
              } else if (element.equals("alternate") && value instanceof String s) {
                flag.alternate = s;
              }
            }

            @Override
            public AnnotationVisitor visitArray(String element) {
              return element.equals("variants") ? new Variants(flag) : null;
            }
          };
        }

        @Override
        public void visitAnnotableParameterCount(int count, boolean visible) {
          if (visible) {
            flagged(key, method).annotableParameters = count;
          }
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
          if (annotation.equals(TARGETING_KEY)) {
            flagged(key, method).keyParameters.add(parameter);
          }
          return null;
        }
      };
    }
  }

  /** The elements of {@code variants = {@Variant(value = ..., method = ...), ...}}. */
  private static final class Variants extends AnnotationVisitor {
    private final Flagged flag;

    Variants(Flagged flag) {
      super(Opcodes.ASM9);
      this.flag = flag;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String element, String annotation) {
      if (!annotation.equals(VARIANT)) {
        return null;
      }
      String[] variant = new String[2];
      flag.variants.add(variant);
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String name, Object value) {
          if (value instanceof String s) {
            if (name.equals("value")) {
              variant[0] = s;
            } else if (name.equals("method")) {
              variant[1] = s;
            }
          }
        }
      };
    }
  }
}
