package dev.turnout.sample.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every flag the application knows: those the build compiled against, from the registry the annotation
 * processor writes ({@code META-INF/turnout/registry.json}: owner, expiry, kind, the gated methods), and
 * any others the catalog in force names. Without a registry (a build without the processor), the flags
 * in force are all there is, without their metadata.
 *
 * <pre>{@code
 * FlagDirectory directory = FlagDirectory.load(SampleApp.class.getClassLoader());
 * for (FlagDirectory.Flag f : directory.flags(Turnout.engine().flagKeys())) { ... }
 * }</pre>
 */
public final class FlagDirectory {

  /** Where the annotation processor writes the registry. */
  public static final String REGISTRY = "META-INF/turnout/registry.json";

  private static final System.Logger LOG = System.getLogger("dev.turnout.sample");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Flag> registered;
  private final boolean fromRegistry;

  private FlagDirectory(Map<String, Flag> registered, boolean fromRegistry) {
    this.registered = registered;
    this.fromRegistry = fromRegistry;
  }

  /** Reads every registry on the class path of {@code loader}; none is fine. */
  public static FlagDirectory load(ClassLoader loader) {
    Map<String, Flag> flags = new LinkedHashMap<>();
    boolean found = false;
    try {
      Enumeration<URL> registries = loader.getResources(REGISTRY);
      while (registries.hasMoreElements()) {
        URL url = registries.nextElement();
        try (InputStream in = url.openStream()) {
          read(MAPPER.readTree(in), flags);
          found = true;
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "cannot read the flag registry " + url, e);
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot look for flag registries", e);
    }
    return new FlagDirectory(flags, found);
  }

  private static void read(JsonNode registry, Map<String, Flag> into) {
    Map<String, List<Gate>> gates = new LinkedHashMap<>();
    for (JsonNode g : registry.path("gates")) {
      List<String> tracks = new ArrayList<>();
      if (!g.path("alternate").asText("").isEmpty()) {
        tracks.add("on → " + g.path("alternate").asText());
      }
      g.path("variants").properties().forEach(v -> tracks.add(v.getKey() + " → " + v.getValue().asText()));
      String className = g.path("class").asText();
      gates.computeIfAbsent(g.path("flag").asText(), k -> new ArrayList<>())
          .add(new Gate(className.substring(className.lastIndexOf('.') + 1) + "." + g.path("method").asText(),
              String.join(", ", tracks)));
    }
    for (JsonNode f : registry.path("flags")) {
      String key = f.path("key").asText();
      List<String> variants = new ArrayList<>();
      f.path("variants").forEach(v -> variants.add(v.asText()));
      into.put(key, new Flag(key, text(f, "kind"), text(f, "description"), text(f, "owner"), text(f, "ticket"),
          text(f, "expires"), List.copyOf(variants), List.copyOf(gates.getOrDefault(key, List.of())), true));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Whether a registry was found: if not, flags carry no metadata. */
  public boolean fromRegistry() {
    return fromRegistry;
  }

  /** The keys of the registered flags whose kind is {@code experiment}. */
  public Set<String> experiments() {
    Set<String> keys = new TreeSet<>();
    registered.values().stream().filter(f -> "experiment".equals(f.kind())).forEach(f -> keys.add(f.key()));
    return keys;
  }

  /**
   * The registered flags in registry order, then those of {@code inForce} (the catalog in force) the
   * build does not know about.
   */
  public List<Flag> flags(Collection<String> inForce) {
    List<Flag> out = new ArrayList<>(registered.values());
    for (String key : inForce) {
      if (!registered.containsKey(key)) {
        out.add(new Flag(key, null, null, null, null, null, List.of(), List.of(), false));
      }
    }
    return out;
  }

  /**
   * One flag.
   *
   * @param key the flag key
   * @param kind release, experiment, ops or permission; {@code null} when unknown
   * @param description what it is for, or {@code null}
   * @param owner who owns it, or {@code null}
   * @param ticket its ticket, or {@code null}
   * @param expires when it should be gone ({@code YYYY-MM-DD}), or {@code null}
   * @param variants its variants at build time
   * @param gates the methods it gates
   * @param inBuild whether the build's registry has it
   */
  public record Flag(String key, String kind, String description, String owner, String ticket, String expires,
      List<String> variants, List<Gate> gates, boolean inBuild) {}

  /**
   * A gated method.
   *
   * @param method {@code SimpleClassName.method}
   * @param tracks where each variant goes, such as {@code on → linkWithComments}
   */
  public record Gate(String method, String tracks) {}
}
