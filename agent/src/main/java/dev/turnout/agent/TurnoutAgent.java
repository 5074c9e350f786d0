package dev.turnout.agent;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Turnout Java agent: every {@code @FeatureFlag} method of the classes the annotation processor
 * indexed takes its original or alternate track, per call, as the catalog in force decides.
 *
 * <pre>
 * java -javaagent:turnout-agent.jar=flags=/etc/app/flags.yaml,env=production -jar app.jar
 * </pre>
 *
 * <p>Arguments, comma-separated: {@code flags=PATH} (an external catalog, watched and hot-reloaded,
 * taking precedence over the class path one), {@code env=NAME} (the environment whose overrides apply),
 * {@code log=info|debug}; {@code source=etcd://HOST:PORT[,HOST:PORT...]/KEY} (a fleet's catalog in etcd,
 * through the plug-in jar {@code turnout-etcd-agent-plugin.jar} next to the agent jar, or {@code plugin=JAR})
 * with {@code cache=DIR}, {@code app=NAME}, {@code wait=DURATION}. Loaded at start ({@link #premain}) or attached to a running JVM
 * ({@link #agentmain}). The agent never stops the application: if it cannot start, it says so on
 * standard error and every gated method runs its original body.
 */
public final class TurnoutAgent {

  private static final String INSTALLER = "dev.turnout.agent.internal.Installer";
  /** Where a turnout-runtime jar records its version ({@code version=...}). */
  private static final String RUNTIME_VERSION = "META-INF/turnout/runtime.properties";
  /** Where executable jars and wars (Spring Boot's) keep the application's libraries. */
  private static final String[] NESTED_LIBRARIES = {"BOOT-INF/lib/", "WEB-INF/lib/"};
  /** How many entries of a nested turnout-runtime jar are read, at most, looking for its version record. */
  private static final int NESTED_ENTRIES_READ = 64;
  /** A version record is one short line: no more of it is read. */
  private static final int RECORD_BYTES = 4096;

  private TurnoutAgent() {}

  /** Entry point for {@code -javaagent}. */
  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, false);
  }

  /** Entry point for attaching to a running JVM; gated classes already loaded are retransformed. */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, true);
  }

  /**
   * Puts this jar on the bootstrap class path, so every class loader that delegates to its parent sees
   * one copy of the runtime (and of the gate), then runs the installer from there. This class is the
   * only one the application class loader loads from the jar; it touches no other class of it directly.
   */
  private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
    try {
      if (attached) {
        String copy = loadedRuntime(instrumentation);
        if (copy != null) {
          System.err.println("Turnout agent: cannot attach: the application already loaded turnout-runtime from "
              + copy + ", and a second copy now would split its state; gated methods keep their original body."
              + " Start the application with -javaagent instead.");
          return;
        }
      }
      File agentJar = agentJar();
      checkRuntimeVersion(agentJar);
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapCopy(agentJar)));
      Class<?> installer = Class.forName(INSTALLER, true, null);
      installer.getMethod("install", String.class, Instrumentation.class, boolean.class)
          .invoke(null, arguments, instrumentation, attached);
    } catch (Throwable t) { // NOPMD: the agent never stops the application
      Throwable cause = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
      System.err.println("Turnout agent: cannot start; every gated method runs its original body: " + cause);
    }
  }

  /**
   * The loader of a turnout-runtime class the application loaded itself (not from the bootstrap class
   * path), or null. Appending the runtime to the bootstrap class path after that would make the
   * application's next runtime classes come from there while the loaded ones stay: a loader constraint
   * violation at its next call.
   */
  private static String loadedRuntime(Instrumentation instrumentation) {
    for (Class<?> c : instrumentation.getAllLoadedClasses()) {
      String name = c.getName();
      boolean runtime = name.startsWith("dev.turnout.internal.")
          || (name.startsWith("dev.turnout.") && name.indexOf('.', "dev.turnout.".length()) < 0);
      if (runtime && c.getClassLoader() != null) {
        return String.valueOf(c.getClassLoader());
      }
    }
    return null;
  }

  /**
   * Says once, on standard error, when the application's class path carries a turnout-runtime of another
   * version than the agent's: the agent's copy, on the bootstrap class path, is the one every class loader
   * that delegates to its parent gets, so the application silently runs a runtime it was not built with.
   * Each turnout-runtime jar records its version in {@value #RUNTIME_VERSION}; the class path is searched, and
   * the libraries nested in an executable jar run with {@code java -jar}. Never throws.
   */
  private static void checkRuntimeVersion(File agentJar) {
    try {
      String own;
      try (JarFile jar = new JarFile(agentJar)) {
        JarEntry entry = jar.getJarEntry(RUNTIME_VERSION);
        if (entry == null) {
          return;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          own = version(in);
        }
      }
      Set<String> others = new TreeSet<>();
      Enumeration<URL> copies = ClassLoader.getSystemClassLoader().getResources(RUNTIME_VERSION);
      while (copies.hasMoreElements()) {
        URL copy = copies.nextElement();
        String version;
        try (InputStream in = copy.openStream()) {
          version = version(in);
        }
        if (version != null && !version.equals(own)) {
          others.add(version + " (" + where(copy) + ")");
        }
      }
      nestedRuntimes(own, others);
      if (own != null && !others.isEmpty()) {
        System.err.println("Turnout agent: the application carries turnout-runtime " + String.join(", ", others)
            + ", but the agent's turnout-runtime " + own + " serves every Turnout class in this JVM; use the agent"
            + " of the version the application is built with.");
      }
    } catch (IOException | RuntimeException e) {
      // no check: the agent starts as before
    }
  }

  /**
   * Adds to {@code others} the turnout-runtime jars of another version than {@code own} nested in the jar the
   * application runs from with {@code java -jar} (a class path of that one jar): Spring Boot's executable jars
   * keep their libraries in {@code BOOT-INF/lib}, executable wars in {@code WEB-INF/lib}, where the system
   * class loader does not look. Reads the outer jar's directory and the version record of each nested
   * {@code turnout-runtime*.jar} (at most {@value #NESTED_ENTRIES_READ} of its entries), unpacking nothing.
   */
  private static void nestedRuntimes(String own, Set<String> others) throws IOException {
    String classPath = System.getProperty("java.class.path", "");
    File main = new File(classPath);
    if (own == null || classPath.isEmpty() || classPath.indexOf(File.pathSeparatorChar) >= 0 || !main.isFile()) {
      return;
    }
    try (JarFile jar = new JarFile(main, false)) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (isNestedRuntime(entry.getName())) {
          String version;
          try (InputStream in = jar.getInputStream(entry)) {
            version = nestedVersion(in);
          } catch (IOException | RuntimeException e) {
            version = null; // not a jar that can be read: nothing to compare, the next one may be
          }
          if (version != null && !version.equals(own)) {
            others.add(version + " (" + main.getPath() + "!/" + entry.getName() + ")");
          }
        }
      }
    }
  }

  /** Whether a jar entry is a turnout-runtime jar in a Spring Boot jar's or war's library folder. */
  private static boolean isNestedRuntime(String name) {
    for (String folder : NESTED_LIBRARIES) {
      if (name.startsWith(folder) && name.indexOf('/', folder.length()) < 0
          && name.startsWith("turnout-runtime", folder.length()) && name.endsWith(".jar")) {
        return true;
      }
    }
    return false;
  }

  /** The version a nested jar records in {@value #RUNTIME_VERSION}, or null (none, or not among its first entries). */
  private static String nestedVersion(InputStream nestedJar) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(nestedJar)) {
      ZipEntry entry;
      for (int read = 0; read < NESTED_ENTRIES_READ && (entry = zip.getNextEntry()) != null; read++) {
        if (entry.getName().equals(RUNTIME_VERSION)) {
          return version(zip);
        }
      }
    }
    return null;
  }

  /** The jar (or directory) a resource of the class path comes from, as a path where it is a file. */
  private static String where(URL resource) {
    String url = resource.toString();
    String location = url.startsWith("jar:") && url.contains("!/") ? url.substring(4, url.indexOf("!/"))
        : url.substring(0, url.length() - RUNTIME_VERSION.length());
    try {
      return new File(new URI(location)).getPath();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return location;
    }
  }

  /** The {@code version} of a version record, of which at most its first {@value #RECORD_BYTES} bytes are read. */
  private static String version(InputStream in) throws IOException {
    Properties properties = new Properties();
    properties.load(new ByteArrayInputStream(in.readNBytes(RECORD_BYTES)));
    String version = properties.getProperty("version");
    return version == null || version.isBlank() ? null : version.strip();
  }

  /**
   * A private copy of the agent jar, made for this JVM, which goes on the bootstrap class path in its
   * place: the JVM reads classes from that jar until it exits, and a build or a copy that rewrites the
   * agent jar in place (same file, new content) would crash it (SIGBUS) at its next class from there.
   * The copy is deleted when the JVM exits. Where no copy can be made, the jar itself.
   */
  private static File bootstrapCopy(File jar) {
    try {
      // Named from the clock rather than by Files.createTempFile, whose SecureRandom would cost premain
      // its set-up.
      Path directory = Path.of(System.getProperty("java.io.tmpdir"));
      for (int attempt = 0; attempt < 10; attempt++) {
        Path copy = directory.resolve("turnout-agent-" + Long.toHexString(System.nanoTime()) + attempt + ".jar");
        try {
          // Without REPLACE_EXISTING the copy is created as a new file (O_EXCL), never through a file or link
          // that is already there; the bytes are copied by the operating system, not through Java buffers.
          Files.copy(jar.toPath(), copy);
          copy.toFile().deleteOnExit();
          return copy.toFile();
        } catch (FileAlreadyExistsException e) {
          // another name
        }
      }
    } catch (IOException | RuntimeException e) {
      // no copy: the jar itself
    }
    return jar;
  }

  private static File agentJar() throws URISyntaxException {
    CodeSource source = TurnoutAgent.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot locate the agent jar");
    }
    return new File(source.getLocation().toURI());
  }
}
