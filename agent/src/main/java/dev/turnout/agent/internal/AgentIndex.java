package dev.turnout.agent.internal;

import dev.turnout.internal.source.Bounded;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The classes to transform, per class loader: the binary names listed in the
 * {@code META-INF/turnout/agent.idx} resources the loader sees (written by the annotation processor;
 * {@code #} starts a comment line). Looked up once per loader, cached without keeping the loader alive. Asked
 * about every class the JVM loads, so a class not listed costs one map and one set lookup.
 *
 * <p>A loader sees its parents' copies too ({@code getResources}), so one application's index is seen by
 * every loader below the application's: reflection accessors, generated classes, proxies, each a loader of
 * its own. Each copy is therefore read once per location (its URL) per JVM, and the loaders that see it
 * share the names read. A loader with a copy of its own (child-first, another jar or folder) has another
 * URL and gets its own read. A location whose file has changed since (its size or modification time, for a
 * file, a jar or a jar nested in one) is read again, so a web application redeployed to the same path is not
 * served its old index. At most {@link #MAX_LOCATIONS} locations are remembered, the least recently seen
 * forgotten first. Threads that meet a new location at the same moment share one read.
 */
final class AgentIndex {

  static final String RESOURCE = "META-INF/turnout/agent.idx";
  /** Largest index read (a class name a line): a device or FIFO in its place is refused, not read forever. */
  static final long MAX_BYTES = 16L * 1024 * 1024;
  /** Index locations remembered; past it, the least recently seen is forgotten (and read again if seen again). */
  static final int MAX_LOCATIONS = 256;
  /** How long a thread waits for another's first read of a location before it reads the index itself. */
  static final long WAIT_MILLIS = 500;

  /** Reads the bytes of one index. */
  @FunctionalInterface
  interface Reader {
    byte[] read(URL url) throws IOException;
  }

  /** One location's names, and the state of the file they were read from (null: not known). */
  private record Location(String stamp, Set<String> names) {}

  private final Map<ClassLoader, Set<String>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<String, Location> byLocation = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Location> eldest) {
      return size() > MAX_LOCATIONS;
    }
  };
  /** Locks for first reads, by location; re-entrant, as a read may load classes that come back here. */
  private final ReentrantLock[] stripes = new ReentrantLock[16];
  private final Reader reader;

  AgentIndex() {
    this(url -> Bounded.resource(url, MAX_BYTES, url.toString()));
  }

  AgentIndex(Reader reader) {
    this.reader = reader;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** Whether the class of this internal name ({@code a/b/C$D}), defined by this loader, is indexed. */
  boolean contains(ClassLoader loader, String internalName) {
    if (loader == null) {
      return false; // the JDK and the agent itself: never
    }
    Set<String> names = byLoader.get(loader);
    if (names == null) {
      // Read outside the lock: the loader may load classes (and so come back here) while reading.
      names = namesOf(loader);
      Set<String> raced = byLoader.putIfAbsent(loader, names);
      if (raced != null) {
        names = raced;
      }
    }
    return names.contains(internalName);
  }

  private Set<String> namesOf(ClassLoader loader) {
    List<Set<String>> found = new ArrayList<>(2);
    try {
      Enumeration<URL> resources = loader.getResources(RESOURCE);
      while (resources.hasMoreElements()) {
        found.add(location(resources.nextElement()));
      }
    } catch (IOException | RuntimeException | Error e) { // NOPMD: a bad index never stops the application
      AgentLog.error("Turnout agent: cannot list " + RESOURCE + " of " + loader
          + "; the classes of the copies not listed are not gated", e);
    }
    Set<String> names;
    if (found.isEmpty()) {
      names = Set.of();
    } else if (found.size() == 1) {
      names = found.get(0); // shared with every loader that sees only this copy
    } else {
      Set<String> union = new HashSet<>();
      found.forEach(union::addAll);
      names = Set.copyOf(union);
    }
    if (!names.isEmpty()) {
      AgentLog.detail("Turnout agent: " + names.size() + " indexed classes in " + loader);
    }
    return names;
  }

  /**
   * The names of the index at this URL: read at the first sight of the location, then remembered. Threads
   * that see a location at once wait for the first one's read, but only for {@link #WAIT_MILLIS}: a reader
   * may load classes, and a thread holding one of their loading locks may be the one waiting here, so past
   * that a thread reads the index itself rather than risk a deadlock.
   */
  private Set<String> location(URL url) {
    String key = url.toExternalForm();
    String stamp = stamp(url);
    Set<String> names = known(key, stamp);
    if (names != null) {
      return names;
    }
    ReentrantLock lock = stripes[(key.hashCode() & Integer.MAX_VALUE) % stripes.length];
    boolean locked = false;
    try {
      locked = lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // read without waiting; the interrupt stays for the application
    }
    try {
      names = locked ? known(key, stamp) : null;
      if (names == null) {
        names = read(url);
        synchronized (byLocation) {
          byLocation.put(key, new Location(stamp, names));
        }
      }
      return names;
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  /** The names remembered for this location, if read from the file as it is now (the same stamp). */
  private Set<String> known(String key, String stamp) {
    Location known;
    synchronized (byLocation) {
      known = byLocation.get(key);
    }
    return known != null && Objects.equals(stamp, known.stamp()) ? known.names() : null;
  }

  private Set<String> read(URL url) {
    Set<String> names = new HashSet<>();
    try {
      String text = new String(reader.read(url), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name.replace('.', '/'));
        }
      }
      AgentLog.detail("Turnout agent: read " + url + " (" + names.size() + " classes)");
    } catch (IOException | RuntimeException | Error e) { // NOPMD: a bad index never stops the application
      AgentLog.error("Turnout agent: cannot read " + url + "; its classes are not gated", e);
      names.clear();
    }
    return Set.copyOf(names);
  }

  /**
   * The size and modification time of the file an index URL reads from: the file itself ({@code file:}), or
   * the outermost jar of a {@code jar:} URL ({@code jar:file:/app.jar!/...}, Spring Boot's
   * {@code jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/...}); null for any other kind of URL, or a file that
   * cannot be read, whose copy is then remembered by its URL alone.
   */
  static String stamp(URL url) {
    try {
      Path file;
      if ("file".equals(url.getProtocol())) {
        file = Path.of(url.toURI());
      } else if ("jar".equals(url.getProtocol())) {
        String inner = url.getPath();
        if (inner.startsWith("file:")) {
          int bang = inner.indexOf("!/");
          file = Path.of(new URI(bang < 0 ? inner : inner.substring(0, bang)));
        } else if (inner.startsWith("nested:")) {
          int bang = inner.indexOf("/!");
          file = Path.of(inner.substring("nested:".length(), bang < 0 ? inner.length() : bang));
        } else {
          return null;
        }
      } else {
        return null;
      }
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
