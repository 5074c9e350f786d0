package dev.turnout.processor.internal;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads method bodies through the compiler tree API: finds each call of {@code Turnout.isEnabled},
 * {@code variant} or {@code evaluate} whose flag key is a compile-time constant, notes every string
 * literal and name written, so that catalog flags no code names can be told apart, and finds gates in
 * anonymous and local classes (which round elements never include).
 */
final class KeyUseScanner {

  /** Receives what the scan finds. */
  public interface Listener {
    /** A constant flag key passed to one of Turnout's methods, at {@code argument}. */
    void keyUse(String key, Tree argument, CompilationUnitTree unit);

    /** A string constant or a name written anywhere. */
    void name(String name);

    /**
     * A {@code @FeatureFlag} on a method of an anonymous or local class, which the processor cannot
     * index: such classes get their binary names only after annotation processing.
     *
     * @param where {@code "an anonymous class"} or {@code "the local class Name"}
     */
    void gateInLocalClass(AnnotationTree gate, String method, String where, CompilationUnitTree unit);
  }

  static final Set<String> TURNOUT_METHODS = Set.of("isEnabled", "variant", "evaluate");

  private final Elements elements;
  private final Trees trees;

  public KeyUseScanner(Elements elements, Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  /** Scans one compilation unit. */
  public void scan(CompilationUnitTree unit, Listener listener) {
    NameResolver resolver = new NameResolver(unit, elements, trees);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!call.getArguments().isEmpty() && isTurnoutCall(call, resolver, getCurrentPath())) {
          ExpressionTree argument = call.getArguments().get(0);
          if (resolver.constant(argument, getCurrentPath()) instanceof String key) {
            listener.keyUse(key, argument, unit);
            listener.name(key);
          }
        }
        return super.visitMethodInvocation(call, unused);
      }

      @Override
      public Void visitClass(ClassTree type, Void unused) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (!(parent instanceof CompilationUnitTree) && !(parent instanceof ClassTree)) {
          String where = type.getSimpleName().length() == 0 ? "an anonymous class"
              : "the local class " + type.getSimpleName();
          for (Tree member : type.getMembers()) {
            if (member instanceof MethodTree method) {
              for (AnnotationTree a : method.getModifiers().getAnnotations()) {
                TypeElement annotation = a.getAnnotationType() instanceof ExpressionTree name
                    ? resolver.type(name, getCurrentPath()) : null;
                if (annotation != null && annotation.getQualifiedName().contentEquals(Annotations.FEATURE_FLAG)) {
                  listener.gateInLocalClass(a, method.getName().toString(), where, unit);
                }
              }
            }
          }
        }
        return super.visitClass(type, unused);
      }

      @Override
      public Void visitLiteral(LiteralTree literal, Void unused) {
        if (literal.getValue() instanceof String s) {
          listener.name(s);
        }
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        listener.name(id.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        listener.name(select.getIdentifier().toString());
        return super.visitMemberSelect(select, unused);
      }
    }.scan(unit, null);
  }

  private boolean isTurnoutCall(MethodInvocationTree call, NameResolver resolver, TreePath path) {
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      if (!TURNOUT_METHODS.contains(member.getIdentifier().toString())) {
        return false;
      }
      TypeElement type = resolver.type(member.getExpression(), path);
      return type != null && type.getQualifiedName().contentEquals(Annotations.TURNOUT);
    }
    if (select instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (!TURNOUT_METHODS.contains(name) || !resolver.isStaticallyImported(name, Annotations.TURNOUT)) {
        return false;
      }
      // A method of that name in an enclosing class shadows the static import.
      for (TypeElement enclosing : resolver.enclosingTypes(path)) {
        if (ElementFilter.methodsIn(elements.getAllMembers(enclosing)).stream()
            .anyMatch(m -> m.getSimpleName().contentEquals(name))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
