package dev.turnout.cli.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.turnout.cli.internal.JavaSources.SourceFile;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every place the sources name a flag, found with the Java parser. */
public final class SourceIndex {

  /** What kind of place; the order is the order of preference when two share a line. */
  public enum Kind { CATALOG, GATE, METHOD, CONSTANT, CHECK, LITERAL }

  /**
   * One place: a file's name in messages, a line, the line's text.
   *
   * @param key the flag key named, or null for a {@code Flags} constant the catalog does not know
   * @param constant the {@code Flags} constant named, if that is how the key is written
   */
  public record Reference(String display, int line, String text, Kind kind, String key, String constant) {
    /** {@code path:line: text}, like grep. */
    @Override
    public String toString() {
      return display + ":" + line + ": " + text;
    }
  }

  private final List<Reference> references;

  private SourceIndex(List<Reference> references) {
    this.references = references;
  }

  /** Scans {@code files}; {@code catalog} (may be null) resolves {@code Flags} constants to keys. */
  public static SourceIndex scan(List<SourceFile> files, Catalog catalog) {
    Map<String, String> constants = new HashMap<>();
    if (catalog != null) {
      for (String key : catalog.flags().keySet()) {
        constants.put(Names.constantName(key), key);
      }
    }
    List<Reference> refs = new ArrayList<>();
    for (SourceFile file : files) {
      scan(file.display(), file.text(), JavaSources.parse(file.display(), file.text()), constants, refs);
    }
    return new SourceIndex(refs);
  }

  static void scan(String display, String text, CompilationUnit cu, Map<String, String> constants, List<Reference> refs) {
    if (isGeneratedFlags(cu)) {
      return;
    }
    String[] lines = text.split("\n", -1);
    FlagSyntax syntax = new FlagSyntax(cu, constants.keySet());
    for (MethodDeclaration method : cu.findAll(MethodDeclaration.class)) {
      for (AnnotationExpr a : method.getAnnotations()) {
        if (!FlagSyntax.isGate(a)) {
          continue;
        }
        Optional<Expression> value = FlagSyntax.gateValue(a);
        String constant = value.flatMap(syntax::constantOf).orElse(null);
        String key = constant != null ? constants.get(constant)
            : value.flatMap(syntax::literalOf).map(StringLiteralExpr::asString).orElse(null);
        refs.add(ref(display, lines, a, Kind.GATE, key, constant));
        List<String> methods = new ArrayList<>();
        FlagSyntax.alternate(a).ifPresent(methods::add);
        methods.addAll(FlagSyntax.variantMethods(a).values());
        for (String name : methods) {
          for (MethodDeclaration m : FlagSyntax.methodsNamed(method, name)) {
            refs.add(ref(display, lines, m.getName(), Kind.METHOD, key, constant));
          }
        }
      }
    }
    for (com.github.javaparser.ast.ImportDeclaration i : cu.getImports()) {
      String name = i.getNameAsString();
      if (i.isStatic() && !i.isAsterisk() && name.contains("." + FlagSyntax.FLAGS + ".")
          && name.substring(0, name.lastIndexOf('.')).endsWith(FlagSyntax.FLAGS)) {
        String c = i.getName().getIdentifier();
        refs.add(ref(display, lines, i, Kind.CONSTANT, constants.get(c), c));
      }
    }
    for (FieldAccessExpr fa : cu.findAll(FieldAccessExpr.class)) {
      syntax.constantOf(fa).ifPresent(c -> refs.add(ref(display, lines, fa, Kind.CONSTANT, constants.get(c), c)));
    }
    for (NameExpr n : cu.findAll(NameExpr.class)) {
      syntax.constantOf(n).ifPresent(c -> refs.add(ref(display, lines, n, Kind.CONSTANT, constants.get(c), c)));
    }
    for (MethodCallExpr call : cu.findAll(MethodCallExpr.class)) {
      if (syntax.isTurnoutCall(call, FlagSyntax.CHECKS)) {
        syntax.literalOf(call.getArgument(0))
            .ifPresent(s -> refs.add(ref(display, lines, call, Kind.CHECK, s.asString(), null)));
      }
    }
    for (StringLiteralExpr s : cu.findAll(StringLiteralExpr.class)) {
      if (Names.isValidKey(s.asString())) {
        refs.add(ref(display, lines, s, Kind.LITERAL, s.asString(), null));
      }
    }
  }

  private static boolean isGeneratedFlags(CompilationUnit cu) {
    for (TypeDeclaration<?> type : cu.getTypes()) {
      if (type.getNameAsString().equals(FlagSyntax.FLAGS) && type.getAnnotationByName("Generated").isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static Reference ref(String display, String[] lines, Node node, Kind kind, String key, String constant) {
    int line = node.getBegin().map(p -> p.line).orElse(1);
    String text = line - 1 < lines.length ? lines[line - 1].strip() : "";
    return new Reference(display, line, text, kind, key, constant);
  }

  /** Every reference found, in file order. */
  public List<Reference> references() {
    return references;
  }

  /** The places that name {@code key}, one per line, sorted by file and line. */
  public List<Reference> usages(String key) {
    String constant = Names.constantName(key);
    Map<String, Reference> byLine = new LinkedHashMap<>();
    references.stream()
        .filter(r -> key.equals(r.key()) || constant.equals(r.constant()))
        .sorted(Comparator.comparing(Reference::display).thenComparingInt(Reference::line)
            .thenComparing(Reference::kind))
        .forEach(r -> byLine.putIfAbsent(r.display() + ":" + r.line(), r));
    return List.copyOf(byLine.values());
  }
}
