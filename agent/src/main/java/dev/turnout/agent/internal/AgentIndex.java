package dev.turnout.agent.internal;

import dev.turnout.internal.source.Bounded;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The classes to transform, per class loader: the binary names listed in the loader's
 * {@code META-INF/turnout/agent.idx} resources (written by the annotation processor; {@code #} starts a
 * comment line). Read once per loader, cached without keeping the loader alive. Asked about every class
 * the JVM loads, so a class not listed costs one map and one set lookup.
 */
final class AgentIndex {

  static final String RESOURCE = "META-INF/turnout/agent.idx";
  /** Largest index read (a class name a line): a device or FIFO in its place is refused, not read forever. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Map<ClassLoader, Set<String>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());

  /** Whether the class of this internal name ({@code a/b/C$D}), defined by this loader, is indexed. */
  boolean contains(ClassLoader loader, String internalName) {
    if (loader == null) {
      return false; // the JDK and the agent itself: never
    }
    Set<String> names = byLoader.get(loader);
    if (names == null) {
      // Read outside the lock: the loader may load classes (and so come back here) while reading.
      names = read(loader);
      Set<String> raced = byLoader.putIfAbsent(loader, names);
      if (raced != null) {
        names = raced;
      }
    }
    return names.contains(internalName);
  }

  private static Set<String> read(ClassLoader loader) {
    Set<String> names = new HashSet<>();
    try {
      Enumeration<URL> resources = loader.getResources(RESOURCE);
      while (resources.hasMoreElements()) {
        URL url = resources.nextElement();
        String text = new String(Bounded.resource(url, MAX_BYTES, url.toString()), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          String name = line.strip();
          if (!name.isEmpty() && !name.startsWith("#")) {
            names.add(name.replace('.', '/'));
          }
        }
      }
    } catch (IOException | RuntimeException | Error e) { // NOPMD: a bad index never stops the application
      AgentLog.error("Turnout agent: cannot read " + RESOURCE + " of " + loader
          + "; its classes are not gated", e);
    }
    if (!names.isEmpty()) {
      AgentLog.detail("Turnout agent: " + names.size() + " indexed classes in " + loader);
    }
    return Set.copyOf(names);
  }
}
