package dev.turnout.internal.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.turnout.internal.source.Bounded;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags of the gated methods the annotation processor registered in
 * {@code META-INF/turnout/registry.json} (its {@code gates[].flag}), every copy on the class path: the
 * flags the code gates, which a reload may not remove (see {@code FlagEngine}). A registry that cannot be
 * read is logged and yields nothing.
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
            read(url, flags);
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
    return Set.copyOf(flags);
  }

  private static void read(URL url, Set<String> flags) throws java.io.IOException {
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
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken t = p.nextToken();
              if (name.equals("flag") && t == JsonToken.VALUE_STRING) {
                flags.add(p.getText());
              } else {
                p.skipChildren();
              }
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
