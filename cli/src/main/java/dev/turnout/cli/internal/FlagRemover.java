package dev.turnout.cli.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.turnout.cli.api.CatalogFile;
import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.internal.JavaSources.SourceFile;
import dev.turnout.cli.internal.SourceText.Edit;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Removes a flag from Java sources, keeping one track: gates lose their annotation (the kept
 * alternate or variant body becomes the gated method's body, the other methods go), programmatic
 * checks become the branch taken, and what cannot be rewritten is reported, never left silently.
 * Each rewrite replaces the exact source range of the nodes the parser found, so the rest of the file,
 * formatting and comments included, is untouched; the file is parsed again after each round.
 */
public final class FlagRemover {

  private static final Set<String> TURNOUT_IMPORTS =
      Set.of("dev.turnout.FeatureFlag", "dev.turnout.Variant", "dev.turnout.TargetingKey", "dev.turnout.Turnout",
          "dev.turnout.junit.WithFlag");

  /** What a removal changes: new file texts by path, notes for the user, references left, the new catalog. */
  public record Result(Map<SourceFile, String> changed, List<String> notes, List<SourceIndex.Reference> left,
      String catalogText, List<SourceIndex.Reference> mentioned) {}

  /**
   * The places in files that were left out (not UTF-8, or not parseable) that name the flag by key or
   * constant: found by plain text search, as the parser cannot read them.
   */
  public static List<SourceIndex.Reference> mentions(List<JavaSources.Skipped> skipped, String key) {
    List<SourceIndex.Reference> found = new ArrayList<>();
    java.util.regex.Pattern named = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(key) + "\"|\\b"
        + java.util.regex.Pattern.quote(Names.constantName(key)) + "\\b");
    for (JavaSources.Skipped s : skipped) {
      try {
        String text = new String(java.nio.file.Files.readAllBytes(s.path()), java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (named.matcher(lines[i]).find()) {
            found.add(new SourceIndex.Reference(s.display(), i + 1, "(in a file left out; the line is not shown)",
                SourceIndex.Kind.LITERAL, key, null));
          }
        }
      } catch (java.io.IOException e) {
        found.add(new SourceIndex.Reference(s.display(), 1, "(cannot be read)", SourceIndex.Kind.LITERAL, key, null));
      }
    }
    return found;
  }

  private final String key;
  private final String keep;
  private final boolean enabled;
  private final Set<String> remainingConstants = new HashSet<>();
  private final Set<String> constants = new HashSet<>();
  /** Alternate or variant methods that went, their body kept in the gate: by name, the gate's name. */
  private final Map<String, Track> movedTracks = new LinkedHashMap<>();
  /** Alternate or variant methods that went with their track. */
  private final Map<String, Track> removedTracks = new LinkedHashMap<>();

  /**
   * A method that went with the gate, by its signature: its parameter types as written, and those of the
   * other methods of its class with the same name (overloads, which stay and must not be touched).
   * {@code to} is the gated method's name, for a kept track whose body moved there.
   */
  private record Track(String name, List<String> types, List<List<String>> overloads, String to) {

    /** Whether {@code use} calls this method: yes, no, or null when the source alone cannot tell. */
    Boolean calledBy(Node use) {
      if (use instanceof MethodReferenceExpr) {
        return overloads.isEmpty() ? Boolean.TRUE : null;
      }
      List<Expression> args = ((MethodCallExpr) use).getArguments();
      boolean mine = accepts(types, args);
      List<List<String>> others = overloads.stream().filter(o -> accepts(o, args)).toList();
      if (!mine) {
        return others.isEmpty() && types.size() == args.size() ? null : Boolean.FALSE;
      }
      return others.isEmpty() ? Boolean.TRUE : null;
    }

    /** Whether arguments could be passed to parameters of these types, as far as literals tell. */
    private static boolean accepts(List<String> types, List<Expression> args) {
      boolean varargs = !types.isEmpty() && types.get(types.size() - 1).endsWith("...");
      if (varargs ? args.size() < types.size() - 1 : args.size() != types.size()) {
        return false;
      }
      for (int i = 0; i < args.size(); i++) {
        String type = i < types.size() ? types.get(i) : types.get(types.size() - 1);
        if (!fits(type.replace("...", ""), args.get(i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean fits(String type, Expression arg) {
      boolean primitiveNumber = Set.of("int", "long", "float", "double", "short", "byte", "char").contains(type);
      boolean boxedNumber = Set.of("Integer", "Long", "Float", "Double", "Short", "Byte", "Character", "Number",
          "java.lang.Integer", "java.lang.Long", "java.lang.Double").contains(type);
      boolean object = type.equals("Object") || type.equals("java.lang.Object") || type.length() == 1;
      if (arg.isStringLiteralExpr() || arg.isTextBlockLiteralExpr()) {
        return object || Set.of("String", "java.lang.String", "CharSequence", "java.lang.CharSequence").contains(type);
      }
      if (arg.isIntegerLiteralExpr() || arg.isLongLiteralExpr() || arg.isDoubleLiteralExpr() || arg.isCharLiteralExpr()) {
        return object || primitiveNumber || boxedNumber;
      }
      if (arg.isBooleanLiteralExpr()) {
        return object || type.equals("boolean") || type.endsWith("Boolean");
      }
      if (arg.isNullLiteralExpr()) {
        return !type.equals("boolean") && !primitiveNumber;
      }
      return true; // not a literal: its type is unknown from the source alone
    }
  }

  /**
   * @param keep for a boolean flag {@code on} or {@code off}; for a multivariate one, a declared variant
   * @throws ToolException when {@code keep} is not a variant of the flag
   */
  public FlagRemover(Catalog catalog, String key, String keep) {
    Flag flag = catalog.flags().get(key);
    if (flag == null) {
      throw new ToolException("flag '" + key + "' is not in the catalog" + Names.didYouMean(key, catalog.flags().keySet()));
    }
    if (!flag.variants().containsKey(keep)) {
      throw new ToolException("--keep " + keep + ": flag '" + key + "' has the variants "
          + String.join(", ", flag.variants().keySet()));
    }
    this.key = key;
    this.keep = keep;
    this.enabled = flag.isBoolean() ? keep.equals(Catalog.ON) : !keep.equals(flag.offVariant(null));
    for (String k : catalog.flags().keySet()) {
      constants.add(Names.constantName(k));
      if (!k.equals(key)) {
        remainingConstants.add(Names.constantName(k));
      }
    }
  }

  /**
   * Rewrites {@code files} in memory and edits the catalog text, unless references are left. The gates of
   * every file go first, so that uses of their methods in other files (tests calling an alternate) are
   * known when those files' uses are rewritten.
   */
  public Result remove(List<SourceFile> files, CatalogFile catalog, Catalog parsed) {
    return remove(files, catalog, parsed, List.of());
  }

  /**
   * As {@link #remove(List, CatalogFile, Catalog)}; {@code unreadable} are uses of the flag in files the
   * parser could not read: left for the user, so the catalog entry stays.
   */
  public Result remove(List<SourceFile> files, CatalogFile catalog, Catalog parsed,
      List<SourceIndex.Reference> unreadable) {
    Map<SourceFile, String> changed = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    List<String> firstPass = new ArrayList<>();
    for (SourceFile file : files) {
      firstPass.add(flagPass(file.display(), file.text().replace("\r\n", "\n"), notes));
    }
    List<SourceFile> after = new ArrayList<>();
    List<SourceIndex.Reference> left = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      SourceFile file = files.get(i);
      String text = finish(file.display(), file.text(), usesPass(file.display(), firstPass.get(i), notes, left));
      if (!text.equals(file.text())) {
        changed.put(file, text);
      }
      after.add(new SourceFile(file.path(), file.display(), text));
    }
    left.addAll(0, SourceIndex.scan(after, parsed).usages(key));
    left.addAll(unreadable);
    List<SourceIndex.Reference> mentioned = commentMentions(after);
    String catalogText = null;
    if (left.isEmpty()) {
      catalogText = CatalogEditor.removeFlag(catalog, parsed.flags().get(key));
      notes.add(catalog.display() + ":" + parsed.flags().get(key).line() + ": removed the catalog entry of '" + key + "'");
    }
    return new Result(changed, notes, left, catalogText, mentioned);
  }

  /**
   * Comments and strings that name the flag's key inside other text (a Javadoc, catalog text a test
   * writes): not references the compiler sees, so they never hold the catalog entry back, but a test that
   * drives the flag through catalog text will fail once the flag is gone, so the user is told where.
   */
  private List<SourceIndex.Reference> commentMentions(List<SourceFile> files) {
    java.util.regex.Pattern word = java.util.regex.Pattern.compile(
        "(?<![\\w.-])" + java.util.regex.Pattern.quote(key) + "(?![\\w-])");
    List<SourceIndex.Reference> found = new ArrayList<>();
    for (SourceFile file : files) {
      if (!file.text().contains(key)) {
        continue;
      }
      CompilationUnit cu = JavaSources.parse(file.display(), file.text());
      String[] lines = file.text().split("\n", -1);
      java.util.TreeSet<Integer> at = new java.util.TreeSet<>();
      for (com.github.javaparser.ast.comments.Comment c : cu.getAllContainedComments()) {
        if (word.matcher(c.getContent()).find()) {
          at.add(firstLine(c, lines, key));
        }
      }
      for (StringLiteralExpr str : cu.findAll(StringLiteralExpr.class)) {
        if (!str.getValue().equals(key) && word.matcher(str.getValue()).find()) {
          at.add(line(str));
        }
      }
      for (com.github.javaparser.ast.expr.TextBlockLiteralExpr str
          : cu.findAll(com.github.javaparser.ast.expr.TextBlockLiteralExpr.class)) {
        if (word.matcher(str.getValue()).find()) {
          at.add(firstLine(str, lines, key));
        }
      }
      for (int l : at) {
        found.add(new SourceIndex.Reference(file.display(), l, l - 1 < lines.length ? lines[l - 1].strip() : "",
            SourceIndex.Kind.LITERAL, key, null));
      }
    }
    return found;
  }

  private static int firstLine(Node n, String[] lines, String key) {
    int from = line(n);
    int to = n.getEnd().map(p -> p.line).orElse(from);
    for (int l = from; l <= to && l - 1 < lines.length; l++) {
      if (lines[l - 1].contains(key)) {
        return l;
      }
    }
    return from;
  }

  /** One file on its own: its gates and checks, then the uses of the methods its gates removed. */
  String rewrite(String display, String original, List<String> notes) {
    String text = flagPass(display, original.replace("\r\n", "\n"), notes);
    return finish(display, original, usesPass(display, text, notes, new ArrayList<>()));
  }

  private String finish(String display, String original, String text) {
    if (!text.equals(original.replace("\r\n", "\n"))) {
      text = cleanImports(display, text);
    }
    return original.contains("\r\n") ? text.replace("\n", "\r\n") : text;
  }

  private String flagPass(String display, String text, List<String> notes) {
    String rewritten = untilNoEdits(display, text, (cu, t) -> {
      FlagSyntax syntax = new FlagSyntax(cu, constants);
      List<Edit> edits = gateEdits(display, cu, syntax, t, notes);
      return edits.isEmpty() ? checkEdits(display, cu, syntax, t, notes) : edits;
    });
    return dropUnreachable(display, rewritten);
  }

  /** The edits one round of a rewrite makes in a compilation unit freshly parsed from the text {@code t}. */
  @FunctionalInterface
  private interface Round {
    List<Edit> edits(CompilationUnit cu, SourceText t);
  }

  /**
   * Applies the edits of {@code round} to {@code text}, parsing the result afresh each time, until a round has
   * none, or for 500 rounds at most.
   */
  private static String untilNoEdits(String display, String text, Round round) {
    for (int n = 0; n < 500; n++) {
      List<Edit> edits = round.edits(JavaSources.parse(display, text), new SourceText(text));
      if (edits.isEmpty()) {
        return text;
      }
      text = SourceText.apply(text, edits);
    }
    return text;
  }

  /**
   * Deletes the statements that a kept branch made unreachable: those after a statement that cannot
   * complete normally in the same block or switch group (javac rejects them). The sources compiled before,
   * so every such statement is one a rewrite made unreachable.
   */
  private static String dropUnreachable(String display, String text) {
    return untilNoEdits(display, text, (cu, t) -> {
      List<Edit> edits = new ArrayList<>();
      List<NodeList<Statement>> lists = new ArrayList<>();
      cu.findAll(BlockStmt.class).forEach(b -> lists.add(b.getStatements()));
      cu.findAll(SwitchEntry.class).forEach(e -> lists.add(e.getStatements()));
      for (NodeList<Statement> list : lists) {
        for (int i = 0; i + 1 < list.size(); i++) {
          if (!canCompleteNormally(list.get(i))) {
            Statement last = list.get(list.size() - 1);
            int[] r = t.wholeLines(t.startWithComment(list.get(i + 1)), t.end(last));
            boolean ownLines = r[0] == t.lineStart(r[0]) && t.start(list.get(i)) < t.lineStart(r[0]);
            edits.add(ownLines ? new Edit(r[0], r[1], "") : new Edit(t.end(list.get(i)), t.end(last), ""));
            break;
          }
        }
      }
      return edits;
    });
  }

  /** Whether javac would let execution continue after {@code s}: false for jumps, and blocks or if-elses ending in them. */
  private static boolean canCompleteNormally(Statement s) {
    if (completesAbruptly(s)) {
      return false;
    }
    if (s instanceof BlockStmt b) {
      return b.getStatements().isEmpty() || canCompleteNormally(b.getStatements().getLast().orElseThrow());
    }
    if (s instanceof IfStmt i && i.getElseStmt().isPresent()) {
      return canCompleteNormally(i.getThenStmt()) || canCompleteNormally(i.getElseStmt().get());
    }
    return true;
  }

  // ---- gates

  private List<Edit> gateEdits(String display, CompilationUnit cu, FlagSyntax syntax, SourceText t, List<String> notes) {
    for (MethodDeclaration gate : cu.findAll(MethodDeclaration.class)) {
      for (AnnotationExpr a : gate.getAnnotations()) {
        if (FlagSyntax.isGate(a) && FlagSyntax.gateValue(a).map(v -> syntax.names(v, key)).orElse(false)) {
          return gateEdits(display, gate, a, t, notes);
        }
      }
    }
    return List.of();
  }

  private List<Edit> gateEdits(String display, MethodDeclaration gate, AnnotationExpr a, SourceText t, List<String> notes) {
    List<Edit> edits = new ArrayList<>();
    int[] ann = t.wholeLines(t.start(a), t.end(a));
    if (ann[0] == t.start(a)) {
      ann = t.withTrailingSpaces(t.start(a), t.end(a));
    }
    edits.add(new Edit(ann[0], ann[1], ""));
    for (Parameter p : gate.getParameters()) {
      for (AnnotationExpr pa : p.getAnnotations()) {
        if (FlagSyntax.isTargetingKey(pa)) {
          int[] r = t.withTrailingSpaces(t.start(pa), t.end(pa));
          edits.add(new Edit(r[0], r[1], ""));
        }
      }
    }
    Map<String, String> tracks = new LinkedHashMap<>();
    FlagSyntax.alternate(a).ifPresent(m -> tracks.put(Catalog.ON, m));
    tracks.putAll(FlagSyntax.variantMethods(a));
    String keptName = tracks.get(keep);
    MethodDeclaration kept = keptName == null ? gate
        : FlagSyntax.methodsNamed(gate, keptName).stream().findFirst().orElse(gate);
    List<MethodDeclaration> others = new ArrayList<>();
    for (String name : new java.util.LinkedHashSet<>(tracks.values())) {
      others.addAll(FlagSyntax.methodsNamed(gate, name));
    }
    String note = display + ": " + gate.getNameAsString() + ": removed the gate";
    if (kept != gate && kept.getBody().isPresent() && gate.getBody().isPresent()) {
      edits.add(new Edit(t.start(gate.getBody().get()), t.end(gate.getBody().get()), t.source(kept.getBody().get())));
      for (int i = 0; i < gate.getParameters().size() && i < kept.getParameters().size(); i++) {
        SimpleName from = gate.getParameter(i).getName();
        String to = kept.getParameter(i).getNameAsString();
        if (!from.getIdentifier().equals(to)) {
          edits.add(new Edit(t.start(from), t.end(from), to));
        }
      }
      note += ", kept the '" + keep + "' track (the body of " + kept.getNameAsString() + ")";
    } else {
      note += ", kept the '" + keep + "' track (its own body)";
    }
    List<String> removed = new ArrayList<>();
    for (MethodDeclaration m : others) {
      if (stillCalled(gate, kept, others, m)) {
        note += "; kept " + m.getNameAsString() + " (still called)";
        continue;
      }
      int[] r = t.wholeLinesAndGap(t.startWithComment(m), t.end(m));
      edits.add(new Edit(r[0], r[1], ""));
      removed.add(m.getNameAsString());
      List<String> types = m.getParameters().stream()
          .map(p -> p.getType().asString() + (p.isVarArgs() ? "..." : "")).toList();
      List<List<String>> overloads = FlagSyntax.overloads(gate, m.getNameAsString()).stream().filter(o -> o != m)
          .map(o -> o.getParameters().stream().map(p -> p.getType().asString() + (p.isVarArgs() ? "..." : "")).toList())
          .toList();
      Track track = new Track(m.getNameAsString(), types, overloads, gate.getNameAsString());
      if (m == kept) {
        movedTracks.put(m.getNameAsString(), track);
      } else {
        removedTracks.put(m.getNameAsString(), track);
      }
    }
    if (!removed.isEmpty()) {
      note += "; removed " + String.join(", ", removed);
    }
    notes.add(note);
    return edits;
  }

  /** Whether {@code m} is called from somewhere that stays: not from the removed methods, not from the replaced body. */
  private static boolean stillCalled(MethodDeclaration gate, MethodDeclaration kept, List<MethodDeclaration> others,
      MethodDeclaration m) {
    CompilationUnit cu = gate.findCompilationUnit().orElseThrow();
    List<Node> uses = new ArrayList<>();
    cu.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals(m.getNameAsString())
        && (c.getArguments().size() == m.getParameters().size() || m.getParameters().stream().anyMatch(Parameter::isVarArgs))).forEach(uses::add);
    cu.findAll(MethodReferenceExpr.class, c -> c.getIdentifier().equals(m.getNameAsString())).forEach(uses::add);
    for (Node use : uses) {
      boolean inRemoved = others.stream().anyMatch(o -> o != kept && isInside(use, o));
      boolean inReplacedBody = kept != gate && isInside(use, gate);
      if (!inRemoved && !inReplacedBody) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInside(Node node, Node container) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n == container) {
        return true;
      }
    }
    return false;
  }

  // ---- uses of the removed methods, and test pins

  /**
   * Calls and method references to a kept alternate or variant method now name the gated method (it has
   * that body); a test method that calls a method gone with its track goes too (it tests that track), as
   * does a test method pinned to another variant with turnout-junit's {@code @WithFlag}; a pin to the kept
   * variant loses its annotation. A call outside a test method to a method that went is left, reported.
   */
  private String usesPass(String display, String text, List<String> notes, List<SourceIndex.Reference> left) {
    return untilNoEdits(display, text, (cu, t) -> {
      Optional<Edit> edit = pinEdit(display, cu, new FlagSyntax(cu, constants), t, notes);
      if (edit.isEmpty()) {
        edit = useEdit(display, cu, t, notes, left);
      }
      return edit.map(List::of).orElse(List.of());
    });
  }

  private Optional<Edit> pinEdit(String display, CompilationUnit cu, FlagSyntax syntax, SourceText t, List<String> notes) {
    for (AnnotationExpr a : cu.findAll(AnnotationExpr.class)) {
      String name = a.getNameAsString();
      if (!(name.equals("WithFlag") || name.equals("dev.turnout.junit.WithFlag"))
          || !FlagSyntax.gateValue(a).map(v -> syntax.names(v, key)).orElse(false)) {
        continue;
      }
      String variant = FlagSyntax.member(a, "variant").filter(Expression::isStringLiteralExpr)
          .map(e -> e.asStringLiteralExpr().asString()).orElse(Catalog.ON);
      Node target = a.getParentNode().orElseThrow();
      if (variant.equals(keep)) {
        int[] r = t.wholeLines(t.start(a), t.end(a));
        if (r[0] == t.start(a)) {
          r = t.withTrailingSpaces(t.start(a), t.end(a));
        }
        String on = target instanceof MethodDeclaration m ? m.getNameAsString()
            : target instanceof TypeDeclaration<?> type ? type.getNameAsString() : "";
        notes.add(display + ": " + on + ": removed the pin " + t.source(a));
        return Optional.of(new Edit(r[0], r[1], ""));
      }
      if (target instanceof MethodDeclaration m) {
        notes.add(display + ": removed the test " + m.getNameAsString() + ", pinned to '" + variant + "'");
        return Optional.of(deletion(m, t));
      }
      // A class pinned to a track that goes: left for the user, reported as a use of the flag.
    }
    return Optional.empty();
  }

  private Optional<Edit> useEdit(String display, CompilationUnit cu, SourceText t, List<String> notes,
      List<SourceIndex.Reference> left) {
    Set<String> declared = new HashSet<>();
    cu.findAll(MethodDeclaration.class).forEach(m -> declared.add(m.getNameAsString()));
    List<Node> uses = new ArrayList<>();
    cu.findAll(MethodCallExpr.class).forEach(uses::add);
    cu.findAll(MethodReferenceExpr.class).forEach(uses::add);
    uses.sort(java.util.Comparator.comparingInt(t::start));
    for (Node use : uses) {
      SimpleName name = use instanceof MethodCallExpr c ? c.getName() : null;
      String identifier = name != null ? name.getIdentifier() : ((MethodReferenceExpr) use).getIdentifier();
      if (declared.contains(identifier)) {
        continue; // a method of this file: its own, not the gate's
      }
      Track track = movedTracks.containsKey(identifier) ? movedTracks.get(identifier) : removedTracks.get(identifier);
      if (track == null) {
        continue;
      }
      Boolean calls = track.calledBy(use);
      if (calls == null) {
        String text = t.source(use).lines().findFirst().orElse("").strip();
        SourceIndex.Reference r = new SourceIndex.Reference(display, line(use), text, SourceIndex.Kind.METHOD, key, null);
        if (!left.contains(r)) {
          left.add(r);
        }
        continue;
      }
      if (!calls) {
        continue; // an overload of the same name: another method, untouched
      }
      if (movedTracks.containsKey(identifier)) {
        String to = track.to();
        String note = display + ": calls of " + identifier + " now call " + to;
        if (!notes.contains(note)) {
          notes.add(note);
        }
        if (name != null) {
          return Optional.of(new Edit(t.start(name), t.end(name), to));
        }
        int end = t.end(use);
        return Optional.of(new Edit(end - identifier.length(), end, to));
      }
      if (removedTracks.containsKey(identifier)) {
        Optional<MethodDeclaration> test = enclosingMethod(use).filter(FlagRemover::isTest);
        if (test.isPresent()) {
          notes.add(display + ": removed the test " + test.get().getNameAsString()
              + ", which calls " + identifier + " (gone with its track)");
          return Optional.of(deletion(test.get(), t));
        }
        String text = t.source(use).lines().findFirst().orElse("").strip();
        SourceIndex.Reference r = new SourceIndex.Reference(display, line(use), text, SourceIndex.Kind.METHOD, key, null);
        if (!left.contains(r)) {
          left.add(r);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isTest(MethodDeclaration m) {
    return m.getAnnotations().stream().map(AnnotationExpr::getName).map(Name::getIdentifier)
        .anyMatch(n -> n.endsWith("Test") || n.equals("TestTemplate") || n.equals("TestFactory"));
  }

  private static Edit deletion(MethodDeclaration m, SourceText t) {
    int[] r = t.wholeLinesAndGap(t.startWithComment(m), t.end(m));
    return new Edit(r[0], r[1], "");
  }

  private static int line(Node n) {
    return n.getBegin().map(p -> p.line).orElse(1);
  }

  // ---- programmatic checks

  private List<Edit> checkEdits(String display, CompilationUnit cu, FlagSyntax syntax, SourceText t, List<String> notes) {
    List<Edit> edits = new ArrayList<>();
    Map<Node, Boolean> leaves = new LinkedHashMap<>();
    for (MethodCallExpr call : cu.findAll(MethodCallExpr.class)) {
      if (!syntax.isTurnoutCall(call, FlagSyntax.CHECKS) || !syntax.names(call.getArgument(0), key)) {
        continue;
      }
      switch (call.getNameAsString()) {
        case "isEnabled" -> leaves.put(call, enabled);
        case "variant" -> variantUse(display, call, t, leaves, edits, notes);
        default -> {
          // evaluate(...).variant() and .isEnabled(): the kept variant; any other use of the Evaluation (its
          // reason, its value, the object itself) is left for the user, reported.
          Node parent = call.getParentNode().orElseThrow();
          if (parent instanceof MethodCallExpr m && m.getScope().orElse(null) == call && m.getArguments().isEmpty()) {
            if (m.getNameAsString().equals("variant")) {
              variantUse(display, m, t, leaves, edits, notes);
            } else if (m.getNameAsString().equals("isEnabled")) {
              leaves.put(m, enabled);
            }
          }
        }
      }
    }
    Set<Node> tops = new HashSet<>();
    for (Node leaf : leaves.keySet()) {
      Node top = leaf;
      while (top.getParentNode().isPresent() && isBooleanWrapper(top.getParentNode().get())) {
        top = top.getParentNode().get();
      }
      if (!tops.add(top)) {
        continue;
      }
      Object value = simplify((Expression) top, leaves, t);
      Node parent = top.getParentNode().orElseThrow();
      String where = display + ": ";
      String condition = t.source(top);
      if (value instanceof Boolean b && parent instanceof IfStmt s && s.getCondition() == top) {
        ifEdit(s, b, t).ifPresent(e -> {
          edits.add(e);
          notes.add(where + "if (" + condition + ") is now always " + b + ": kept the "
              + (b ? "then" : "else") + " branch");
        });
      } else if (value instanceof Boolean b && parent instanceof ConditionalExpr c && c.getCondition() == top) {
        Expression branch = b ? c.getThenExpr() : c.getElseExpr();
        edits.add(new Edit(t.start(c), t.end(c), parenthesised(c, t.source(branch))));
        notes.add(where + "the condition " + t.source(top) + " is now always " + b);
      } else if (value instanceof Boolean b && isLoopCondition(parent, top)) {
        continue; // while (false) would not compile: left for the user, reported
      } else {
        String text = value instanceof Boolean b ? b.toString() : (String) value;
        edits.add(new Edit(t.start(top), t.end(top), text));
        notes.add(where + t.source(top) + " is now " + text);
      }
    }
    return edits;
  }

  private void variantUse(String display, MethodCallExpr call, SourceText t, Map<Node, Boolean> leaves, List<Edit> edits,
      List<String> notes) {
    Node parent = call.getParentNode().orElseThrow();
    if (parent instanceof MethodCallExpr eq && eq.getNameAsString().equals("equals") && eq.getArguments().size() == 1) {
      Expression other = eq.getScope().filter(s -> s != call).orElse(eq.getArgument(0));
      if (other instanceof StringLiteralExpr s && (eq.getScope().orElse(null) == call || eq.getArgument(0) == call)) {
        leaves.put(eq, s.asString().equals(keep));
        return;
      }
    }
    String where = display + ": ";
    if (parent instanceof SwitchStmt sw && sw.getSelector() == call) {
      switchEdit(sw, t).ifPresent(e -> {
        edits.add(e);
        notes.add(where + "switch on " + t.source(call) + ": kept the case for '" + keep + "'");
      });
      return;
    }
    if (parent instanceof SwitchExpr se && se.getSelector() == call) {
      entryFor(se.getEntries()).filter(e -> e.getType() == SwitchEntry.Type.EXPRESSION)
          .ifPresent(e -> {
            Expression value = e.getStatement(0).asExpressionStmt().getExpression();
            edits.add(new Edit(t.start(se), t.end(se), parenthesised(se, t.source(value))));
            notes.add(where + "switch on " + t.source(call) + ": kept the case for '" + keep + "'");
          });
      return;
    }
    edits.add(new Edit(t.start(call), t.end(call), "\"" + keep + "\""));
    notes.add(where + t.source(call) + " is now \"" + keep + "\"");
  }

  private static boolean isBooleanWrapper(Node n) {
    return n instanceof EnclosedExpr
        || (n instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT)
        || (n instanceof BinaryExpr b
            && (b.getOperator() == BinaryExpr.Operator.AND || b.getOperator() == BinaryExpr.Operator.OR));
  }

  private static boolean isLoopCondition(Node parent, Node top) {
    return (parent instanceof WhileStmt w && w.getCondition() == top)
        || (parent instanceof DoStmt d && d.getCondition() == top)
        || (parent instanceof ForStmt f && f.getCompare().orElse(null) == top);
  }

  /** A Boolean when the expression's value is now known, else its new source text. */
  private Object simplify(Expression e, Map<Node, Boolean> leaves, SourceText t) {
    if (leaves.containsKey(e)) {
      return leaves.get(e);
    }
    if (e instanceof EnclosedExpr en) {
      Object inner = simplify(en.getInner(), leaves, t);
      return inner instanceof Boolean ? inner : "(" + inner + ")";
    }
    if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      Object inner = simplify(u.getExpression(), leaves, t);
      return inner instanceof Boolean b ? !b : "!" + inner;
    }
    if (e instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.AND || b.getOperator() == BinaryExpr.Operator.OR)) {
      boolean and = b.getOperator() == BinaryExpr.Operator.AND;
      Object l = simplify(b.getLeft(), leaves, t);
      Object r = simplify(b.getRight(), leaves, t);
      if (l instanceof Boolean lb) {
        return lb == and ? r : lb;   // true && r -> r; false && r -> false; false || r -> r; true || r -> true
      }
      if (r instanceof Boolean rb && rb == and) {
        return l;                     // l && true -> l; l || false -> l
      }
      if (r instanceof Boolean rb && (b.getLeft().isNameExpr() || b.getLeft().isLiteralExpr())) {
        return rb;                    // p && false -> false; p || true -> true, when p has no side effect
      }
      return l + (and ? " && " : " || ") + (r instanceof Boolean ? r.toString() : r);
    }
    return t.source(e);
  }

  private static String parenthesised(Expression replaced, String text) {
    Node parent = replaced.getParentNode().orElse(null);
    boolean safe = parent instanceof EnclosedExpr || parent instanceof ReturnStmt || parent instanceof ExpressionStmt
        || parent instanceof VariableDeclarator || parent instanceof LambdaExpr
        || (parent instanceof AssignExpr a && a.getValue() == replaced)
        || (parent instanceof MethodCallExpr m && m.getArguments().contains(replaced));
    return safe ? text : "(" + text + ")";
  }

  private Optional<Edit> ifEdit(IfStmt s, boolean condition, SourceText t) {
    Optional<Statement> branch = condition ? Optional.of(s.getThenStmt()) : s.getElseStmt();
    NodeList<Statement> siblings = statementList(s);
    if (siblings == null) {
      String text = branch.map(t::source).orElse("{}");
      return Optional.of(new Edit(t.start(s), t.end(s), text));
    }
    return Optional.of(replaceStatement(s, branch.orElse(null), siblings, t));
  }

  private Optional<Edit> switchEdit(SwitchStmt sw, SourceText t) {
    NodeList<Statement> siblings = statementList(sw);
    if (siblings == null) {
      return Optional.empty();
    }
    Optional<SwitchEntry> entry = entryFor(sw.getEntries());
    if (entry.isEmpty()) {
      return Optional.of(replaceStatement(sw, null, siblings, t));
    }
    SwitchEntry e = entry.get();
    if (e.getType() != SwitchEntry.Type.STATEMENT_GROUP) {
      return Optional.of(replaceStatement(sw, e.getStatement(0), siblings, t));
    }
    int index = sw.getEntries().indexOf(e);
    while (e.getStatements().isEmpty() && index + 1 < sw.getEntries().size()) {
      e = sw.getEntries().get(++index);
    }
    List<Statement> body = new ArrayList<>(e.getStatements());
    boolean endsWithBreak = !body.isEmpty() && body.get(body.size() - 1) instanceof BreakStmt br && br.getLabel().isEmpty();
    if (endsWithBreak) {
      body.remove(body.size() - 1);
    }
    boolean jumps = !body.isEmpty() && completesAbruptly(body.get(body.size() - 1));
    boolean fallsThrough = !endsWithBreak && !jumps && index + 1 < sw.getEntries().size();
    boolean innerBreak = body.stream().anyMatch(st -> !st.findAll(BreakStmt.class,
        b -> b.getLabel().isEmpty() && nearestBreakTarget(b) == sw).isEmpty());
    if (fallsThrough || innerBreak || clashes(body, siblings, sw)) {
      return Optional.empty(); // not simple: left for the user, reported
    }
    return Optional.of(replaceStatements(sw, body.isEmpty() ? "" : t.text.substring(
        t.startWithComment(body.get(0)), t.end(body.get(body.size() - 1))), body, siblings, t));
  }

  private Optional<SwitchEntry> entryFor(NodeList<SwitchEntry> entries) {
    for (SwitchEntry e : entries) {
      for (Expression label : e.getLabels()) {
        if (label instanceof StringLiteralExpr s && s.asString().equals(keep)) {
          return Optional.of(e);
        }
      }
    }
    return entries.stream().filter(e -> e.getLabels().isEmpty() || e.isDefault()).findFirst();
  }

  private static Node nearestBreakTarget(BreakStmt b) {
    for (Node n = b.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof SwitchStmt || n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt
          || n instanceof ForEachStmt) {
        return n;
      }
    }
    return null;
  }

  /** Replaces statement {@code s} by {@code kept} (a block's statements are spliced in), or deletes it. */
  private Edit replaceStatement(Statement s, Statement kept, NodeList<Statement> siblings, SourceText t) {
    if (kept == null) {
      int[] r = t.wholeLines(t.start(s), t.end(s));
      if (r[0] == t.start(s)) {
        r = t.withTrailingSpaces(t.start(s), t.end(s));
      }
      return new Edit(r[0], r[1], "");
    }
    if (kept instanceof BlockStmt block) {
      String inner = block.getStatements().isEmpty() ? ""
          : t.text.substring(t.start(block) + 1, t.end(block) - 1);
      if (clashes(block.getStatements(), siblings, s)) {
        return new Edit(t.start(s), t.end(s), t.source(block));
      }
      return replaceStatements(s, inner, block.getStatements(), siblings, t);
    }
    return replaceStatements(s, t.source(kept), List.of(kept), siblings, t);
  }

  private Edit replaceStatements(Statement s, String text, List<Statement> kept, NodeList<Statement> siblings,
      SourceText t) {
    int[] r = t.wholeLines(t.start(s), t.end(s));
    if (r[0] == t.start(s)) {
      return new Edit(r[0], r[1], text.strip());
    }
    int end = r[1];
    int at = siblings.indexOf(s);
    if (!kept.isEmpty() && completesAbruptly(kept.get(kept.size() - 1)) && at + 1 < siblings.size()) {
      // What followed can no longer be reached: the compiler would reject it.
      end = t.wholeLines(t.start(siblings.get(siblings.size() - 1)), t.end(siblings.get(siblings.size() - 1)))[1];
    }
    return new Edit(r[0], end, SourceText.reindent(text, t.indent(t.start(s))));
  }

  private static boolean completesAbruptly(Statement s) {
    return s instanceof ReturnStmt || s instanceof ThrowStmt || s instanceof ContinueStmt || s instanceof BreakStmt;
  }

  private static NodeList<Statement> statementList(Statement s) {
    Node parent = s.getParentNode().orElse(null);
    if (parent instanceof BlockStmt b) {
      return b.getStatements();
    }
    if (parent instanceof SwitchEntry e && e.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
      return e.getStatements();
    }
    return null;
  }

  /** Whether splicing {@code kept} beside {@code siblings} would declare a local twice. */
  private static boolean clashes(List<Statement> kept, List<Statement> siblings, Statement replaced) {
    Set<String> declared = new HashSet<>();
    for (Statement s : siblings) {
      if (s != replaced) {
        declared.addAll(localNames(s));
      }
    }
    for (Statement s : kept) {
      for (String n : localNames(s)) {
        if (declared.contains(n)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> localNames(Statement s) {
    List<String> names = new ArrayList<>();
    if (s instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr v) {
      v.getVariables().forEach(d -> names.add(d.getNameAsString()));
    }
    return names;
  }

  // ---- imports

  private static boolean inImport(Node node) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof ImportDeclaration) {
        return true;
      }
    }
    return false;
  }

  private String cleanImports(String display, String text) {
    CompilationUnit cu = JavaSources.parse(display, text);
    SourceText t = new SourceText(text);
    Set<String> used = new HashSet<>();
    cu.findAll(SimpleName.class, n -> !inImport(n)).forEach(n -> used.add(n.getIdentifier()));
    cu.findAll(Name.class, n -> !inImport(n)).forEach(n -> used.add(n.getIdentifier()));
    Set<String> names = new HashSet<>();
    cu.findAll(NameExpr.class).forEach(n -> names.add(n.getNameAsString()));
    List<Edit> edits = new ArrayList<>();
    for (ImportDeclaration i : cu.getImports()) {
      String name = i.getNameAsString();
      String simple = i.getName().getIdentifier();
      String owner = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
      boolean remove;
      if (i.isStatic() && i.isAsterisk()) {
        remove = (name.equals(FlagSyntax.FLAGS) || name.endsWith("." + FlagSyntax.FLAGS))
            && names.stream().noneMatch(remainingConstants::contains);
      } else if (i.isStatic()) {
        remove = (owner.endsWith(FlagSyntax.FLAGS) || owner.equals("dev.turnout.Turnout")) && !used.contains(simple);
      } else if (!i.isAsterisk()) {
        remove = (TURNOUT_IMPORTS.contains(name) || simple.equals(FlagSyntax.FLAGS)) && !used.contains(simple);
      } else {
        remove = false;
      }
      if (remove) {
        int[] r = t.wholeLines(t.start(i), t.end(i));
        boolean gapAbove = r[0] > 0 && text.substring(t.lineStart(r[0] - 1), r[0]).isBlank();
        if (gapAbove && r[1] < text.length() && text.substring(r[1], t.lineEnd(r[1])).isBlank()) {
          r[1] = t.lineEnd(r[1]); // the import was a group of its own: its gap goes too
        }
        edits.add(new Edit(r[0], r[1], ""));
      }
    }
    if (edits.isEmpty()) {
      return text;
    }
    String result = SourceText.apply(text, edits);
    // Removed import groups leave their gaps behind: one blank line between header parts is enough.
    int body = cu.getTypes().isEmpty() ? 0 : new SourceText(result).lineStart(Math.max(0,
        t.startWithComment(cu.getType(0)) - (text.length() - result.length())));
    return result.substring(0, body).replaceAll("\n{3,}", "\n\n") + result.substring(body);
  }

  /** The method around a node (a single-type lookup: JavaParser's varargs findAncestor is an unchecked call). */
  private static Optional<MethodDeclaration> enclosingMethod(Node node) {
    Optional<Node> at = node.getParentNode();
    while (at.isPresent() && !(at.get() instanceof MethodDeclaration)) {
      at = at.get().getParentNode();
    }
    return at.map(MethodDeclaration.class::cast);
  }
}
