package dev.turnout.internal.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.turnout.GatedCall;
import dev.turnout.internal.source.Bounded;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The gated methods the annotation processor registered in {@code META-INF/turnout/registry.json}, every
 * copy on the class path: their flags ({@code gates[].flag}), which a reload may not remove (see
 * {@code FlagEngine}), and, for listeners that hear gates, each method's source file, line and alternates.
 * A registry that cannot be read is logged and yields nothing.
 */
public final class Registry {

  static final String RESOURCE = "META-INF/turnout/registry.json";
  /** Largest registry read: generated, a few hundred bytes per gate. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  private static final JsonFactory JSON = new JsonFactory();

  private Registry() {}

  /** The flags of the registered gates, found with the thread's context class loader and Turnout's own. */
  public static Set<String> gatedFlags() {
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(Thread.currentThread().getContextClassLoader());
    loaders.add(Registry.class.getClassLoader());
    loaders.add(ClassLoader.getSystemClassLoader());
    return gatedFlags(loaders);
  }

  static Set<String> gatedFlags(List<ClassLoader> loaders) {
    Set<String> flags = new HashSet<>();
    for (Entry e : entries(loaders)) {
      flags.add(e.flag);
    }
    return Set.copyOf(flags);
  }

  /**
   * The call of each track of a gate, named from the registry that the gated class's loader sees: index 0
   * the original body, {@code i} the {@code i}-th alternate (of {@code variants}, or the boolean alternate
   * when {@code variants} is null). Overloads gated by the same flag share their file but not a line.
   * Never throws: without a registry entry the calls name the method alone.
   */
  static GatedCall[] calls(Class<?> owner, String method, String flag, String[] variants) {
    ClassLoader loader = owner.getClassLoader();
    return calls(loader == null ? ClassLoader.getSystemClassLoader() : loader, owner.getName(), method, flag, variants);
  }

  static GatedCall[] calls(ClassLoader loader, String className, String method, String flag, String[] variants) {
    Entry found = null;
    boolean ambiguous = false;
    try {
      for (Entry e : entries(List.of(loader))) {
        if (e.className.equals(className) && e.method.equals(method) && e.flag.equals(flag)) {
          ambiguous |= found != null && !found.equals(e);
          found = found == null ? e : found;
        }
      }
    } catch (Throwable t) { // NOPMD: the calls name the method without the registry
      found = null;
    }
    String source = found == null || found.source.isEmpty() ? null : found.source;
    int line = found == null || ambiguous ? 0 : found.line;
    GatedCall[] calls = new GatedCall[variants == null ? 2 : variants.length + 1];
    calls[0] = GatedCall.of(className, method, flag, 0, method, source, line);
    for (int i = 1; i < calls.length; i++) {
      String ran = null;
      if (found != null && !ambiguous) {
        ran = variants == null ? found.alternate : found.variants.get(variants[i - 1]);
      }
      calls[i] = GatedCall.of(className, method, flag, i, ran, source, line);
    }
    return calls;
  }

  /** The registered gates of every registry the loaders see, each registry once. */
  private static List<Entry> entries(List<ClassLoader> loaders) {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<ClassLoader, Boolean> done = new IdentityHashMap<>();
    for (ClassLoader loader : loaders) {
      if (loader == null || done.put(loader, Boolean.TRUE) != null) {
        continue;
      }
      try {
        Enumeration<URL> urls = loader.getResources(RESOURCE);
        while (urls.hasMoreElements()) {
          URL url = urls.nextElement();
          if (seen.add(url.toString())) {
            read(url, entries);
          }
        }
      } catch (Throwable t) { // NOPMD: a registry that cannot be read protects nothing, and stops nothing
        try {
          LOG.log(Level.WARNING, "Turnout: cannot read " + RESOURCE + " of " + loader + ": " + t);
        } catch (Throwable ignored) { // NOPMD: logging never stops the engine
          // nothing else to tell
        }
      }
    }
    return entries;
  }

  private static void read(URL url, List<Entry> entries) throws java.io.IOException {
    byte[] bytes = Bounded.resource(url, MAX_BYTES, url.toString());
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("gates") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Entry e = new Entry();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken t = p.nextToken();
              if (t == JsonToken.VALUE_STRING) {
                e.set(name, p.getText());
              } else if (name.equals("line") && t == JsonToken.VALUE_NUMBER_INT) {
                e.line = p.getIntValue();
              } else if (name.equals("variants") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  String variant = p.currentName();
                  if (p.nextToken() == JsonToken.VALUE_STRING) {
                    e.variants.put(variant, p.getText());
                  } else {
                    p.skipChildren();
                  }
                }
              } else {
                p.skipChildren();
              }
            }
            if (e.flag != null) {
              entries.add(e);
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }

  /** One {@code gates[]} element of a registry. */
  private static final class Entry {
    String className = "";
    String method = "";
    String flag;
    String alternate;
    String source = "";
    int line;
    final Map<String, String> variants = new HashMap<>();

    void set(String name, String value) {
      switch (name) {
        case "class" -> className = value;
        case "method" -> method = value;
        case "flag" -> flag = value;
        case "alternate" -> alternate = value;
        case "source" -> source = value;
        default -> { } // descriptor and the rest: not needed here
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && className.equals(e.className) && method.equals(e.method)
          && Objects.equals(flag, e.flag) && Objects.equals(alternate, e.alternate) && source.equals(e.source)
          && line == e.line && variants.equals(e.variants);
    }

    @Override
    public int hashCode() {
      return Objects.hash(className, method, flag, line);
    }
  }
}
