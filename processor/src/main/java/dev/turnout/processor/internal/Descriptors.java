package dev.turnout.processor.internal;

import java.util.StringJoiner;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** JVM descriptors and binary names, as the agent sees methods in class files. */
final class Descriptors {

  private final Elements elements;
  private final Types types;

  public Descriptors(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The method's descriptor, such as {@code (Ljava/lang/String;I)Ljava/util/List;}. */
  public String descriptor(ExecutableElement method) {
    StringBuilder d = new StringBuilder("(");
    for (VariableElement p : method.getParameters()) {
      d.append(descriptor(p.asType()));
    }
    return d.append(')').append(descriptor(method.getReturnType())).toString();
  }

  /** The binary name of a type: {@code com.example.Outer$Inner}. */
  public String binaryName(TypeElement type) {
    return elements.getBinaryName(type).toString();
  }

  /** A readable signature for messages: {@code list(java.lang.String, int)}. */
  public static String signature(ExecutableElement method) {
    StringJoiner params = new StringJoiner(", ", method.getSimpleName() + "(", ")");
    for (VariableElement p : method.getParameters()) {
      params.add(p.asType().toString());
    }
    return params.toString();
  }

  private String descriptor(TypeMirror type) {
    TypeMirror t = types.erasure(type);
    switch (t.getKind()) {
      case BOOLEAN: return "Z";
      case BYTE: return "B";
      case CHAR: return "C";
      case SHORT: return "S";
      case INT: return "I";
      case LONG: return "J";
      case FLOAT: return "F";
      case DOUBLE: return "D";
      case VOID: return "V";
      case ARRAY: return "[" + descriptor(((ArrayType) t).getComponentType());
      case DECLARED:
        TypeElement element = (TypeElement) ((DeclaredType) t).asElement();
        return "L" + binaryName(element).replace('.', '/') + ";";
      default:
        // An unresolved type: the compilation fails anyway; keep the registry readable.
        return "L" + t.toString().replace('.', '/') + ";";
    }
  }
}
