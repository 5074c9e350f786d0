package dev.turnout.processor.internal;

import com.squareup.javapoet.JavaFile;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * One compilation's pass through the steps, round by round: read the catalog (step 1), validate each
 * gated method (step 2) and each constant key passed to {@code Turnout} (step 2b), build the model
 * (step 3: gates and flags), write {@code Flags} in the first round and the registry and agent index
 * in the last (step 4), after the checks that need every gate (nested flags, unused and expired flags).
 */
public final class ProcessingRun {

  /** A gate with what it takes to find its method again in a later round. */
  private record Tracked(Gate gate, String typeName, String lookupKey) {}

  /** A method whose annotation names something not generated yet. */
  private record Deferred(String typeName, String lookupKey) {}

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final Filer filer;
  private final Options options;
  private final Reporter reporter;
  private final LocalDate today;

  private CatalogStep.Loaded loaded;
  private GateStep gateStep;
  private PinStep pinStep;
  private KeyUseScanner scanner;
  private final Map<String, Tracked> gates = new TreeMap<>();
  private List<Deferred> deferred = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Set<String> keysInCalls = new LinkedHashSet<>();
  private final Set<String> compiledTypes = new HashSet<>();
  private final Set<URI> scannedUnits = new HashSet<>();
  private boolean rootsWithoutSource;
  private boolean firstRoundDone;
  private boolean finished;
  private String flagsPackage;
  private boolean flagsWritten;
  private List<FlagInfo> flagInfos = List.of();

  public ProcessingRun(ProcessingEnvironment env, LocalDate today) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.trees = treesOf(env);
    this.filer = env.getFiler();
    this.options = Options.from(env.getOptions());
    this.reporter = new Reporter(env.getMessager(), trees, options.strict());
    this.today = today;
  }

  private static Trees treesOf(ProcessingEnvironment env) {
    // A build tool's incremental processing (Gradle's) hands us a decorator of javac's environment, to
    // watch the Filer: the compiler's own one, inside it, still gives the trees of method bodies.
    for (int depth = 0; env != null && depth < 4; depth++) {
      try {
        return Trees.instance(env);
      } catch (IllegalArgumentException e) {
        env = decorated(env);
      }
    }
    return null; // not javac: method bodies cannot be read, annotations are still checked
  }

  /** The environment a decorator delegates to, held in one of its fields; null if there is none. */
  private static ProcessingEnvironment decorated(ProcessingEnvironment decorator) {
    for (Class<?> c = decorator.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (java.lang.reflect.Field field : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(field.getType())
            && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
          try {
            field.setAccessible(true);
            Object inner = field.get(decorator);
            if (inner instanceof ProcessingEnvironment e && inner != decorator) {
              return e;
            }
          } catch (RuntimeException | IllegalAccessException e) {
            return null; // a module that does not open the decorator: no trees
          }
        }
      }
    }
    return null;
  }

  /** Runs one round. */
  public void round(RoundEnvironment round) {
    if (finished) {
      return;
    }
    if (loaded == null) {
      loaded = new CatalogStep(filer, reporter).load(options);
      gateStep = new GateStep(elements, types, trees, reporter, loaded, today);
      pinStep = new PinStep(elements, reporter, loaded);
      scanner = trees == null ? null : new KeyUseScanner(elements, trees);
    }
    List<TypeElement> roots = new ArrayList<>();
    for (Element e : round.getRootElements()) {
      if (e instanceof TypeElement t && t.getNestingKind() == NestingKind.TOP_LEVEL) {
        roots.add(t);
        compiledTypes.add(t.getQualifiedName().toString());
      }
    }
    List<TypeElement> gatedTypes = validateGates(round);
    pinStep.check(round); // keys pinned in tests (turnout-junit)
    scanBodies(roots);
    if (!firstRoundDone) {
      firstRoundDone = true;
      writeFlags(gatedTypes, roots);
    }
    if (round.processingOver()) {
      finished = true;
      finish();
    }
  }

  // ---- step 2: gates

  private List<TypeElement> validateGates(RoundEnvironment round) {
    Set<Element> candidates = new LinkedHashSet<>();
    for (Deferred d : deferred) {
      TypeElement type = elements.getTypeElement(d.typeName());
      ExecutableElement method = type == null ? null : GateStep.find(type, d.lookupKey());
      if (method != null) {
        candidates.add(method);
      }
    }
    deferred = new ArrayList<>();
    TypeElement featureFlag = elements.getTypeElement(Annotations.FEATURE_FLAG);
    if (featureFlag != null) {
      candidates.addAll(round.getElementsAnnotatedWith(featureFlag));
    }
    Set<TypeElement> gatedTypes = new LinkedHashSet<>();
    for (Element e : candidates) {
      if (!(e instanceof ExecutableElement method) || !(e.getEnclosingElement() instanceof TypeElement owner)) {
        continue;
      }
      gatedTypes.add(owner);
      GateStep.Result result = gateStep.validate(method);
      if (result.deferred() && !round.processingOver()) {
        deferred.add(new Deferred(owner.getQualifiedName().toString(), GateStep.lookupKey(method)));
      } else if (result.gate() != null) {
        Gate gate = result.gate();
        gates.put(gate.id(), new Tracked(gate, owner.getQualifiedName().toString(), GateStep.lookupKey(method)));
      }
    }
    return new ArrayList<>(gatedTypes);
  }

  // ---- step 2b: keys in method bodies

  private void scanBodies(List<TypeElement> roots) {
    if (scanner == null) {
      return;
    }
    String flagsName = flagsPackage == null ? null : qualified(flagsPackage, FlagsWriter.SIMPLE_NAME);
    Catalog catalog = loaded.catalog();
    KeyUseScanner.Listener listener = new KeyUseScanner.Listener() {
      @Override
      public void keyUse(String key, Tree argument, CompilationUnitTree unit) {
        keysInCalls.add(key);
        if (catalog != null && !catalog.flags().containsKey(key)) {
          reporter.report(Message.UNKNOWN_FLAG, argument, unit, key, loaded.name(),
              Names.didYouMean(key, catalog.flags().keySet()));
        } else if (catalog == null && loaded.origin() == CatalogStep.Origin.NONE && !Names.isValidKey(key)) {
          reporter.report(Message.INVALID_FLAG_KEY, argument, unit, key);
        }
      }

      @Override
      public void name(String name) {
        names.add(name);
      }

      @Override
      public void gateInLocalClass(AnnotationTree gate, String method, String where, CompilationUnitTree unit) {
        reporter.report(Message.GATE_IN_LOCAL_CLASS, gate, unit, method, where);
      }
    };
    for (TypeElement type : roots) {
      if (type.getQualifiedName().contentEquals(String.valueOf(flagsName))) {
        continue; // our own output
      }
      TreePath path = trees.getPath(type);
      if (path == null) {
        // A class file handed in for processing (Gradle's incremental builds do so): its body is unseen.
        rootsWithoutSource = true;
      } else if (scannedUnits.add(path.getCompilationUnit().getSourceFile().toUri())) {
        scanner.scan(path.getCompilationUnit(), listener);
      }
    }
  }

  // ---- step 3 and 4a: the flags and the Flags class

  private void writeFlags(List<TypeElement> gatedTypes, List<TypeElement> roots) {
    Catalog catalog = loaded.catalog();
    if (catalog == null && loaded.origin() != CatalogStep.Origin.NONE) {
      return; // the catalog has problems, already reported
    }
    if (catalog != null) {
      List<FlagInfo> infos = new ArrayList<>();
      catalog.flags().values().forEach(f -> infos.add(FlagInfo.of(f)));
      flagInfos = infos;
    } else {
      flagInfos = flagsFromCode();
    }
    if (catalog == null && flagInfos.isEmpty()) {
      return; // nothing here uses flags
    }
    String pkg = options.packageName();
    if (pkg == null && catalog != null) {
      pkg = catalog.packageName();
    }
    if (pkg == null) {
      pkg = commonPackage(gatedTypes.isEmpty() ? roots : gatedTypes);
    }
    if (pkg == null || pkg.isEmpty()) {
      reporter.report(Message.NO_PACKAGE);
      return;
    }
    flagsPackage = pkg;
    String name = qualified(pkg, FlagsWriter.SIMPLE_NAME);
    if (loaded.origin() == CatalogStep.Origin.CLASS_PATH || loaded.origin() == CatalogStep.Origin.NONE) {
      // A test compilation sees the main compilation's Flags on its class path: do not shadow it.
      if (elements.getTypeElement(name) != null && !isOwnOutput(pkg)) {
        return;
      }
    }
    List<TypeElement> originating = gatedTypes.isEmpty() ? roots : gatedTypes;
    boolean withGenerated = elements.getTypeElement(Annotations.GENERATED) != null;
    JavaFile file = FlagsWriter.flagsFile(pkg, flagInfos, catalog == null ? null : loaded.fileName(), withGenerated,
        originating);
    try {
      FlagsWriter.write(filer, file);
      flagsWritten = true;
      compiledTypes.add(name);
    } catch (IOException e) {
      reporter.report(Message.WRITE_FAILED, name, e.getMessage());
    }
  }

  private List<FlagInfo> flagsFromCode() {
    Map<String, List<String>> keys = new TreeMap<>();
    for (Tracked t : gates.values()) {
      Gate g = t.gate();
      List<String> variants = g.variants().isEmpty() ? List.of(Catalog.ON, Catalog.OFF) : List.copyOf(g.variants().keySet());
      keys.putIfAbsent(g.flag(), variants);
    }
    for (String key : keysInCalls) {
      keys.putIfAbsent(key, List.of(Catalog.ON, Catalog.OFF));
    }
    List<FlagInfo> infos = new ArrayList<>();
    keys.forEach((key, variants) -> {
      if (Names.isValidKey(key)) {
        infos.add(FlagInfo.named(key, variants));
      }
    });
    return infos;
  }

  private boolean isOwnOutput(String pkg) {
    try (InputStream in = filer.getResource(StandardLocation.CLASS_OUTPUT, pkg, FlagsWriter.SIMPLE_NAME + ".class")
        .openInputStream()) {
      return in != null;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The longest package that contains every given type's package; null when there are none. */
  static String commonPackage(List<TypeElement> typesIn) {
    String common = null;
    for (TypeElement t : typesIn) {
      Element e = t;
      while (!(e instanceof PackageElement)) {
        e = e.getEnclosingElement();
      }
      String pkg = ((PackageElement) e).getQualifiedName().toString();
      common = common == null ? pkg : commonPrefix(common, pkg);
    }
    return common;
  }

  private static String commonPrefix(String a, String b) {
    String[] pa = a.split("\\.");
    String[] pb = b.split("\\.");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(pa.length, pb.length) && pa[i].equals(pb[i]); i++) {
      if (s.length() > 0) {
        s.append('.');
      }
      s.append(pa[i]);
    }
    return s.toString();
  }

  private static String qualified(String pkg, String simpleName) {
    return pkg.isEmpty() ? simpleName : pkg + "." + simpleName;
  }

  // ---- the last round: checks across gates, then step 4b

  private void finish() {
    Catalog catalog = loaded.catalog();
    if (loaded.origin() == CatalogStep.Origin.NONE && (!gates.isEmpty() || !keysInCalls.isEmpty())) {
      reporter.report(Message.NO_CATALOG);
    }
    NestedFlagCheck nested = trees == null ? null : new NestedFlagCheck(elements, types, trees, reporter);
    Map<String, TypeElement> originating = new TreeMap<>();
    Set<String> gateKeys = new HashSet<>();
    for (Tracked t : gates.values()) {
      gateKeys.add(t.gate().flag());
      TypeElement owner = elements.getTypeElement(t.typeName());
      ExecutableElement method = owner == null ? null : GateStep.find(owner, t.lookupKey());
      if (method != null) {
        originating.put(t.typeName(), owner);
        if (nested != null && method.getKind() == ElementKind.METHOD) {
          nested.check(owner, method, t.gate());
        }
      }
    }

    if (gates.isEmpty() && !flagsWritten) {
      // Nothing gated and no Flags of our own (a test compilation reading the main catalog): writing an
      // empty index here would shadow the main one on the test class path.
      return;
    }
    List<Gate> all = new ArrayList<>();
    gates.values().forEach(t -> all.add(t.gate()));
    boolean partial = keepGatesNotRecompiled(all) | outputHasClassesNotCompiled() | rootsWithoutSource;

    if (catalog != null && loaded.origin().isOwn()) {
      for (Catalog.Flag flag : catalog.flags().values()) {
        boolean named = gateKeys.contains(flag.key()) || names.contains(flag.key())
            || names.contains(Names.constantName(flag.key()));
        if (!named && !partial) {
          reporter.report(Message.UNUSED_FLAG, flag.key(), loaded.name(), flag.line());
        }
        if (flag.expires() != null && flag.expires().isBefore(today) && !gateKeys.contains(flag.key())) {
          reporter.report(Message.FLAG_EXPIRED, flag.key(), flag.expires(), loaded.name(), flag.line());
        }
      }
    }

    Element[] from = originating.values().toArray(new Element[0]);
    writeResource(RegistryWriter.REGISTRY, RegistryWriter.registry(flagsPackage, flagInfos, all), from);
    writeResource(RegistryWriter.AGENT_INDEX, RegistryWriter.agentIndex(all), from);
  }

  /**
   * Adds the gates of an earlier registry whose classes this compilation did not recompile but which
   * still exist (an incremental build compiling a subset of the sources). Returns whether there were any.
   */
  private boolean keepGatesNotRecompiled(List<Gate> all) {
    String previous = readOutput(RegistryWriter.REGISTRY);
    if (previous == null) {
      return false;
    }
    Set<String> ids = new HashSet<>();
    all.forEach(g -> ids.add(g.id()));
    boolean kept = false;
    for (Gate g : RegistryWriter.readGates(previous)) {
      String topLevel = g.className() == null ? "" : g.className().split("\\$", 2)[0];
      if (!compiledTypes.contains(topLevel) && !ids.contains(g.id()) && elements.getTypeElement(topLevel) != null) {
        all.add(g);
        kept = true;
      }
    }
    return kept;
  }

  /** Whether the class output holds top-level classes this compilation did not compile (a partial build). */
  private boolean outputHasClassesNotCompiled() {
    Path root;
    try {
      URI uri = filer.getResource(StandardLocation.CLASS_OUTPUT, "", RegistryWriter.REGISTRY).toUri();
      if (!"file".equals(uri.getScheme())) {
        return false;
      }
      root = Path.of(uri).getParent().getParent().getParent();
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
    if (root == null || !Files.isDirectory(root)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".class") && !p.contains("$") && !p.startsWith("META-INF/")
              && !p.endsWith("package-info.class") && !p.endsWith("module-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .anyMatch(name -> !compiledTypes.contains(name));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private String readOutput(String name) {
    try {
      return filer.getResource(StandardLocation.CLASS_OUTPUT, "", name).getCharContent(true).toString();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private void writeResource(String name, String content, Element[] originating) {
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", name, originating);
      try (Writer w = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        w.write(content);
      }
    } catch (IOException e) {
      reporter.report(Message.WRITE_FAILED, name, e.getMessage());
    }
  }
}
