package dev.turnout.cli.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.turnout.internal.catalog.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one compilation unit names flags, read by names and imports alone (no symbol solving): a
 * {@code Flags.X} constant (also through a static import), a string literal, or a string constant of
 * the file passed to {@code Turnout}; {@code @FeatureFlag} gates with their alternate and variant
 * methods. The processor accepts the same forms, so what compiles is what is found here.
 */
final class FlagSyntax {

  static final String FLAGS = "Flags";
  static final Set<String> CHECKS = Set.of("isEnabled", "variant", "evaluate");
  private static final String TURNOUT = "dev.turnout.Turnout";

  private final Set<String> staticFlagConstants = new HashSet<>();
  private final boolean staticFlagsWildcard;
  private final Set<String> staticTurnoutMethods = new HashSet<>();
  private final boolean staticTurnoutWildcard;
  /** Fields of this file initialised with a string literal: {@code static final String KEY = "x"}. */
  private final Map<String, StringLiteralExpr> stringFields = new HashMap<>();
  private final Set<String> knownConstants;

  /** @param knownConstants the catalog's constant names, for {@code import static ...Flags.*} */
  FlagSyntax(CompilationUnit cu, Set<String> knownConstants) {
    this.knownConstants = knownConstants;
    boolean flagsWildcard = false;
    boolean turnoutWildcard = false;
    for (ImportDeclaration i : cu.getImports()) {
      if (!i.isStatic()) {
        continue;
      }
      String name = i.getNameAsString();
      String owner = i.isAsterisk() ? name : name.substring(0, Math.max(0, name.lastIndexOf('.')));
      String member = i.isAsterisk() ? null : i.getName().getIdentifier();
      if (owner.equals(FLAGS) || owner.endsWith("." + FLAGS)) {
        if (member == null) {
          flagsWildcard = true;
        } else {
          staticFlagConstants.add(member);
        }
      } else if (owner.equals(TURNOUT)) {
        if (member == null) {
          turnoutWildcard = true;
        } else {
          staticTurnoutMethods.add(member);
        }
      }
    }
    this.staticFlagsWildcard = flagsWildcard;
    this.staticTurnoutWildcard = turnoutWildcard;
    for (FieldDeclaration field : cu.findAll(FieldDeclaration.class)) {
      for (VariableDeclarator v : field.getVariables()) {
        v.getInitializer().filter(Expression::isStringLiteralExpr)
            .ifPresent(init -> stringFields.put(v.getNameAsString(), init.asStringLiteralExpr()));
      }
    }
  }

  /** The {@code Flags} constant {@code e} names: {@code Flags.X}, {@code com.x.Flags.X}, or a statically imported {@code X}. */
  Optional<String> constantOf(Expression e) {
    if (e instanceof FieldAccessExpr fa) {
      Expression scope = fa.getScope();
      boolean flags = scope instanceof NameExpr n ? n.getNameAsString().equals(FLAGS)
          : scope instanceof FieldAccessExpr f && f.getNameAsString().equals(FLAGS);
      return flags ? Optional.of(fa.getNameAsString()) : Optional.empty();
    }
    if (e instanceof NameExpr n) {
      String id = n.getNameAsString();
      if (staticFlagConstants.contains(id) || (staticFlagsWildcard && knownConstants.contains(id))) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** The string literal {@code e} is, or the literal of the field of this file it names. */
  Optional<StringLiteralExpr> literalOf(Expression e) {
    if (e instanceof StringLiteralExpr s) {
      return Optional.of(s);
    }
    String name = e instanceof NameExpr n ? n.getNameAsString()
        : e instanceof FieldAccessExpr fa && (fa.getScope().isThisExpr() || fa.getScope().isNameExpr())
            ? fa.getNameAsString() : null;
    return name == null || constantOf(e).isPresent() ? Optional.empty() : Optional.ofNullable(stringFields.get(name));
  }

  /** Whether {@code e} names the flag {@code key}. */
  boolean names(Expression e, String key) {
    Optional<String> constant = constantOf(e);
    if (constant.isPresent()) {
      return constant.get().equals(Names.constantName(key));
    }
    return literalOf(e).map(s -> s.asString().equals(key)).orElse(false);
  }

  /** Whether {@code call} is {@code Turnout.name(...)} for one of {@code names}, with at least one argument. */
  boolean isTurnoutCall(MethodCallExpr call, Set<String> names) {
    String name = call.getNameAsString();
    if (!names.contains(name) || call.getArguments().isEmpty()) {
      return false;
    }
    if (call.getScope().isEmpty()) {
      return staticTurnoutWildcard || staticTurnoutMethods.contains(name);
    }
    String scope = call.getScope().get().toString();
    return scope.equals("Turnout") || scope.equals(TURNOUT);
  }

  static boolean isGate(AnnotationExpr a) {
    String name = a.getNameAsString();
    return name.equals("FeatureFlag") || name.equals("dev.turnout.FeatureFlag");
  }

  static boolean isTargetingKey(AnnotationExpr a) {
    String name = a.getNameAsString();
    return name.equals("TargetingKey") || name.equals("dev.turnout.TargetingKey");
  }

  /** The flag expression of a {@code @FeatureFlag}. */
  static Optional<Expression> gateValue(AnnotationExpr a) {
    if (a instanceof SingleMemberAnnotationExpr s) {
      return Optional.of(s.getMemberValue());
    }
    return member(a, "value");
  }

  /** The {@code alternate} method name of a gate, if any. */
  static Optional<String> alternate(AnnotationExpr a) {
    return member(a, "alternate").filter(Expression::isStringLiteralExpr)
        .map(e -> e.asStringLiteralExpr().asString()).filter(s -> !s.isEmpty());
  }

  /** Variant name to method name, from {@code variants = {@Variant(value = "v2", method = "m")}}. */
  static Map<String, String> variantMethods(AnnotationExpr a) {
    Map<String, String> result = new LinkedHashMap<>();
    Optional<Expression> variants = member(a, "variants");
    if (variants.isEmpty()) {
      return result;
    }
    List<Expression> items = new ArrayList<>();
    if (variants.get() instanceof ArrayInitializerExpr array) {
      items.addAll(array.getValues());
    } else {
      items.add(variants.get());
    }
    for (Expression item : items) {
      if (item instanceof AnnotationExpr v) {
        Optional<String> value = member(v, "value").filter(Expression::isStringLiteralExpr)
            .map(e -> e.asStringLiteralExpr().asString());
        Optional<String> method = member(v, "method").filter(Expression::isStringLiteralExpr)
            .map(e -> e.asStringLiteralExpr().asString());
        if (value.isPresent() && method.isPresent()) {
          result.put(value.get(), method.get());
        }
      }
    }
    return result;
  }

  static Optional<Expression> member(AnnotationExpr a, String name) {
    if (a instanceof NormalAnnotationExpr n) {
      for (MemberValuePair p : n.getPairs()) {
        if (p.getNameAsString().equals(name)) {
          return Optional.of(p.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The methods of the gate's class named {@code name} with the gate's parameter types: the alternate or
   * variant method by its full signature, as the processor matches it (an overload of the same name is
   * another method).
   */
  static List<MethodDeclaration> methodsNamed(MethodDeclaration gate, String name) {
    TypeDeclaration<?> type = null;
    for (Node n = gate.getParentNode().orElse(null); n != null && type == null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?> t) {
        type = t;
      }
    }
    if (type == null) {
      return List.of();
    }
    List<MethodDeclaration> named = new ArrayList<>();
    for (var member : type.getMembers()) {
      if (member instanceof MethodDeclaration m && m.getNameAsString().equals(name) && m != gate) {
        named.add(m);
      }
    }
    return named.stream()
        .filter(m -> m.getParameters().size() == gate.getParameters().size()
            && sameTypes(m, gate)).toList();
  }

  /** Every method of {@code gate}'s class named {@code name}, whatever its parameters. */
  static List<MethodDeclaration> overloads(MethodDeclaration gate, String name) {
    List<MethodDeclaration> named = new ArrayList<>();
    for (Node n = gate.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?> t) {
        for (var member : t.getMembers()) {
          if (member instanceof MethodDeclaration m && m.getNameAsString().equals(name)) {
            named.add(m);
          }
        }
        break;
      }
    }
    return named;
  }

  private static boolean sameTypes(MethodDeclaration a, MethodDeclaration b) {
    for (int i = 0; i < a.getParameters().size(); i++) {
      if (!a.getParameter(i).getType().asString().equals(b.getParameter(i).getType().asString())) {
        return false;
      }
    }
    return true;
  }
}
