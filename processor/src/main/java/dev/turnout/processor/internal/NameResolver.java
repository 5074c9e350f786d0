package dev.turnout.processor.internal;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves type names and constant expressions in one compilation unit's source trees, as Java's
 * scoping rules would, without the compiler's attribution (which runs only after annotation
 * processing, and not at all once a processor reports an error). It covers what flag keys are written
 * with: literals, concatenations, constants of this class, of an imported or qualified class, or
 * statically imported; what it cannot resolve it leaves alone.
 */
final class NameResolver {

  private final Elements elements;
  private final Trees trees;
  private final String packageName;
  private final Map<String, String> singleImports = new HashMap<>();
  private final List<String> onDemandImports = new ArrayList<>();
  private final Map<String, List<String>> staticSingleImports = new HashMap<>();
  private final List<String> staticOnDemandImports = new ArrayList<>();

  NameResolver(CompilationUnitTree unit, Elements elements, Trees trees) {
    this.elements = elements;
    this.trees = trees;
    this.packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    for (ImportTree i : unit.getImports()) {
      if (!(i.getQualifiedIdentifier() instanceof MemberSelectTree q)) {
        continue;
      }
      String owner = q.getExpression().toString();
      String member = q.getIdentifier().toString();
      if (i.isStatic()) {
        if (member.equals("*")) {
          staticOnDemandImports.add(owner);
        } else {
          staticSingleImports.computeIfAbsent(member, k -> new ArrayList<>()).add(owner);
        }
      } else if (member.equals("*")) {
        onDemandImports.add(owner);
      } else {
        singleImports.put(member, owner + "." + member);
      }
    }
  }

  /** Whether {@code member} is statically imported from the type {@code qualifiedName}. */
  boolean isStaticallyImported(String member, String qualifiedName) {
    return staticSingleImports.getOrDefault(member, List.of()).contains(qualifiedName)
        || staticOnDemandImports.contains(qualifiedName);
  }

  /** The classes around {@code path}, innermost first (anonymous ones are skipped). */
  List<TypeElement> enclosingTypes(TreePath path) {
    List<TypeElement> types = new ArrayList<>();
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        Element e = trees.getElement(p);
        if (e instanceof TypeElement t) {
          types.add(t);
        }
      }
    }
    return types;
  }

  /** The type an expression names ({@code Turnout}, {@code dev.turnout.Turnout}, {@code Outer.Inner}), or null. */
  TypeElement type(ExpressionTree expression, TreePath context) {
    if (expression instanceof IdentifierTree id) {
      String name = id.getName().toString();
      for (TypeElement enclosing : enclosingTypes(context)) {
        if (enclosing.getSimpleName().contentEquals(name)) {
          return enclosing;
        }
        for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(enclosing))) {
          if (member.getSimpleName().contentEquals(name)) {
            return member;
          }
        }
      }
      String imported = singleImports.get(name);
      if (imported != null) {
        return elements.getTypeElement(imported);
      }
      TypeElement t = elements.getTypeElement(packageName.isEmpty() ? name : packageName + "." + name);
      if (t != null) {
        return t;
      }
      for (String prefix : onDemandImports) {
        t = elements.getTypeElement(prefix + "." + name);
        if (t != null) {
          return t;
        }
      }
      return elements.getTypeElement("java.lang." + name);
    }
    if (expression instanceof MemberSelectTree select) {
      TypeElement outer = type(select.getExpression(), context);
      if (outer != null) {
        for (TypeElement member : ElementFilter.typesIn(outer.getEnclosedElements())) {
          if (member.getSimpleName().contentEquals(select.getIdentifier())) {
            return member;
          }
        }
        return null;
      }
      String qualified = expression.toString();
      return isQualifiedName(qualified) ? elements.getTypeElement(qualified) : null;
    }
    return null;
  }

  /**
   * The value of a constant expression (a String, a boxed primitive), or null when it is not one or
   * cannot be resolved here.
   */
  Object constant(ExpressionTree expression, TreePath context) {
    if (expression instanceof LiteralTree literal) {
      return literal.getValue();
    }
    if (expression instanceof ParenthesizedTree p) {
      return constant(p.getExpression(), context);
    }
    if (expression instanceof BinaryTree b && b.getKind() == Tree.Kind.PLUS) {
      Object left = constant(b.getLeftOperand(), context);
      Object right = constant(b.getRightOperand(), context);
      return left != null && right != null && (left instanceof String || right instanceof String)
          ? String.valueOf(left) + right
          : null;
    }
    if (expression instanceof IdentifierTree id) {
      String name = id.getName().toString();
      for (TypeElement enclosing : enclosingTypes(context)) {
        VariableElement field = field(enclosing, name);
        if (field != null) {
          return field.getConstantValue();
        }
      }
      for (Map.Entry<String, List<String>> e : staticSingleImports.entrySet()) {
        if (e.getKey().equals(name)) {
          for (String owner : e.getValue()) {
            Object value = constantOf(elements.getTypeElement(owner), name);
            if (value != null) {
              return value;
            }
          }
        }
      }
      for (String owner : staticOnDemandImports) {
        Object value = constantOf(elements.getTypeElement(owner), name);
        if (value != null) {
          return value;
        }
      }
      return null;
    }
    if (expression instanceof MemberSelectTree select) {
      return constantOf(type(select.getExpression(), context), select.getIdentifier().toString());
    }
    return null;
  }

  private Object constantOf(TypeElement type, String name) {
    VariableElement field = type == null ? null : field(type, name);
    return field == null ? null : field.getConstantValue();
  }

  private VariableElement field(TypeElement type, String name) {
    for (Element e : elements.getAllMembers(type)) {
      if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name)) {
        return (VariableElement) e;
      }
    }
    return null;
  }

  private static boolean isQualifiedName(String s) {
    for (String part : s.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
        return false;
      }
    }
    return true;
  }
}
