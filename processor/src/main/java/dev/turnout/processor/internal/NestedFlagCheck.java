package dev.turnout.processor.internal;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks what a gate's alternate and variant methods do: a method that is itself gated by the same
 * flag is an error, so is a call from their bodies back to the gated method (with the agent it routes
 * to the same alternate again, forever), and a call to a method gated by another flag is a warning
 * (nested flags). Calls are resolved from the source trees: unqualified and {@code this.} calls, and
 * calls on a parameter, a field, or a class by name. Overloads are told apart by the number of
 * arguments, and by the types of the arguments that are literals or the caller's own parameters; a
 * call that may still invoke several methods is reported only when every one of them qualifies.
 */
final class NestedFlagCheck {

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final Reporter reporter;
  private final Descriptors descriptors;

  NestedFlagCheck(Elements elements, Types types, Trees trees, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.trees = trees;
    this.reporter = reporter;
    this.descriptors = new Descriptors(elements, types);
  }

  void check(TypeElement owner, ExecutableElement gated, Gate gate) {
    Map<String, String> targets = new LinkedHashMap<>();
    if (gate.alternate() != null) {
      targets.put(gate.alternate(), "alternate");
    }
    gate.variants().forEach((variant, method) -> targets.putIfAbsent(method, "method for variant '" + variant + "'"));
    String parameters = parameters(gated);
    for (Map.Entry<String, String> target : targets.entrySet()) {
      for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (m.equals(gated) || !m.getSimpleName().contentEquals(target.getKey()) || !parameters(m).equals(parameters)) {
          continue;
        }
        AnnotationMirror own = Annotations.mirror(m, Annotations.FEATURE_FLAG);
        if (own != null && gate.flag().equals(Annotations.flagKey(m))) {
          reporter.report(Message.DUPLICATE_GATE, m, own, Annotations.explicitValue(own, "value"), Descriptors.signature(m),
              "it is the " + target.getValue() + " of " + Descriptors.signature(gated) + " for the same flag '"
                  + gate.flag() + "'");
        }
        scanBody(owner, gated, m, target.getValue(), gate.flag());
      }
    }
  }

  private void scanBody(TypeElement owner, ExecutableElement gated, ExecutableElement method, String role,
      String flag) {
    TreePath path = trees.getPath(method);
    if (path == null) {
      return;
    }
    NameResolver resolver = new NameResolver(path.getCompilationUnit(), elements, trees);
    Tree body = path.getLeaf();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        TreePath at = getCurrentPath();
        List<ExecutableElement> callees = callees(call, owner, method, resolver, at, body);
        if (!callees.isEmpty() && callees.stream().allMatch(gated::equals)) {
          reporter.report(Message.ALTERNATE_CALLS_GATE, call, at.getCompilationUnit(), Descriptors.signature(method),
              role, flag, Descriptors.signature(gated), method.getSimpleName());
          return super.visitMethodInvocation(call, unused);
        }
        String other = null;
        boolean allGatedElsewhere = !callees.isEmpty();
        for (ExecutableElement callee : callees) {
          String key = Annotations.flagKey(callee);
          if (key == null || key.equals(flag)) {
            allGatedElsewhere = false;
          } else if (other == null) {
            other = key;
          }
        }
        if (allGatedElsewhere) {
          reporter.report(Message.NESTED_FLAG, call, at.getCompilationUnit(),
              Descriptors.signature(method), role, flag, Descriptors.signature(callees.get(0)), other);
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(path, null);
  }

  /**
   * The methods a call may invoke: a matching name and number of arguments, and parameters that accept
   * the arguments whose types are known here. Empty when unknown.
   */
  private List<ExecutableElement> callees(MethodInvocationTree call, TypeElement owner, ExecutableElement caller,
      NameResolver resolver, TreePath path, Tree callerTree) {
    ExpressionTree select = call.getMethodSelect();
    TypeElement receiver;
    String name;
    if (select instanceof IdentifierTree id) {
      receiver = owner;
      name = id.getName().toString();
    } else if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier().toString();
      receiver = receiverType(member.getExpression(), owner, caller, resolver, path);
    } else {
      return List.of();
    }
    List<ExecutableElement> found = new ArrayList<>();
    if (receiver == null) {
      return found;
    }
    List<TypeMirror> argumentTypes = new ArrayList<>();
    boolean inNestedClass = isInNestedClass(path, callerTree);
    for (ExpressionTree argument : call.getArguments()) {
      argumentTypes.add(argumentType(argument, caller, inNestedClass));
    }
    int arguments = argumentTypes.size();
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(receiver))) {
      int parameters = m.getParameters().size();
      if (m.getSimpleName().contentEquals(name)
          && (parameters == arguments || (m.isVarArgs() && arguments >= parameters - 1))
          && accepts(m, argumentTypes)) {
        found.add(m);
      }
    }
    return found;
  }

  /** Whether {@code method} may take arguments of these types (null: not known); varargs methods always may. */
  private boolean accepts(ExecutableElement method, List<TypeMirror> argumentTypes) {
    if (method.isVarArgs()) {
      return true;
    }
    for (int i = 0; i < argumentTypes.size(); i++) {
      TypeMirror argument = argumentTypes.get(i);
      if (argument != null
          && !types.isAssignable(argument, types.erasure(method.getParameters().get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  /** The type of a literal, or of a parameter of the caller named by itself; null for anything else. */
  private TypeMirror argumentType(ExpressionTree argument, ExecutableElement caller, boolean inNestedClass) {
    if (argument instanceof LiteralTree) {
      TypeKind kind = switch (argument.getKind()) {
        case INT_LITERAL -> TypeKind.INT;
        case LONG_LITERAL -> TypeKind.LONG;
        case FLOAT_LITERAL -> TypeKind.FLOAT;
        case DOUBLE_LITERAL -> TypeKind.DOUBLE;
        case BOOLEAN_LITERAL -> TypeKind.BOOLEAN;
        case CHAR_LITERAL -> TypeKind.CHAR;
        default -> null;
      };
      if (kind != null) {
        return types.getPrimitiveType(kind);
      }
      TypeElement string = elements.getTypeElement("java.lang.String");
      return argument.getKind() == Tree.Kind.STRING_LITERAL && string != null ? string.asType() : null;
    }
    // A class declared inside the body may declare a parameter or local of the same name.
    if (argument instanceof IdentifierTree id && !inNestedClass) {
      for (VariableElement p : caller.getParameters()) {
        if (p.getSimpleName().contentEquals(id.getName())) {
          return types.erasure(p.asType());
        }
      }
    }
    return null;
  }

  private static boolean isInNestedClass(TreePath path, Tree callerTree) {
    for (TreePath p = path; p != null && p.getLeaf() != callerTree; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        return true;
      }
    }
    return false;
  }

  private TypeElement receiverType(ExpressionTree receiver, TypeElement owner, ExecutableElement caller,
      NameResolver resolver, TreePath path) {
    if (receiver instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (name.equals("this")) {
        return owner;
      }
      for (VariableElement p : caller.getParameters()) {
        if (p.getSimpleName().contentEquals(name)) {
          return typeOf(p.asType());
        }
      }
      VariableElement field = field(owner, name);
      if (field != null) {
        return typeOf(field.asType());
      }
      return resolver.type(receiver, path);
    }
    if (receiver instanceof MemberSelectTree member && member.getExpression() instanceof IdentifierTree id
        && id.getName().contentEquals("this")) {
      VariableElement field = field(owner, member.getIdentifier().toString());
      return field == null ? null : typeOf(field.asType());
    }
    return resolver.type(receiver, path);
  }

  private VariableElement field(TypeElement owner, String name) {
    for (Element e : elements.getAllMembers(owner)) {
      if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name)) {
        return (VariableElement) e;
      }
    }
    return null;
  }

  private TypeElement typeOf(TypeMirror type) {
    TypeMirror t = types.erasure(type);
    return t instanceof DeclaredType d && d.asElement() instanceof TypeElement e ? e : null;
  }

  private String parameters(ExecutableElement method) {
    String d = descriptors.descriptor(method);
    return d.substring(0, d.indexOf(')') + 1);
  }
}
