package dev.turnout.internal.source;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a catalog source by address ({@link CatalogSource#open(String, Map)}): {@code file:} and plain
 * paths here, other schemes through the {@link CatalogSource.Provider}s that {@link ServiceLoader} finds.
 */
public final class SourceAddresses {

  /** {@code scheme://...}: a scheme of at least two characters, so that {@code C:\...} stays a path. */
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+)://.*", Pattern.DOTALL);

  /** The modules providing the schemes Turnout knows of, for the message when one is missing. */
  private static final Map<String, String> MODULES = Map.of("etcd", "turnout-etcd", "etcds", "turnout-etcd");

  private SourceAddresses() {}

  /** The scheme of {@code address}, lower case: {@code file} for plain paths and {@code file:} addresses. */
  public static String scheme(String address) {
    Matcher m = SCHEME.matcher(address.strip());
    if (m.matches()) {
      return m.group(1).toLowerCase(Locale.ROOT);
    }
    return "file";
  }

  /** The module (artifact id) that provides a scheme Turnout knows of, or null. */
  public static String moduleFor(String scheme) {
    return MODULES.get(scheme.toLowerCase(Locale.ROOT));
  }

  /** Opens the address with the providers found in the loaders (null entries and repeats are skipped). */
  public static CatalogSource open(String address, Map<String, String> options, List<ClassLoader> loaders) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(options, "options");
    String scheme = scheme(address);
    if (scheme.equals("file")) {
      return file(address.strip(), options);
    }
    Set<String> found = new TreeSet<>();
    Map<ClassLoader, Boolean> seen = new IdentityHashMap<>();
    for (ClassLoader loader : loaders) {
      if (loader == null || seen.put(loader, Boolean.TRUE) != null) {
        continue;
      }
      try {
        for (CatalogSource.Provider provider : ServiceLoader.load(CatalogSource.Provider.class, loader)) {
          Set<String> schemes = provider.schemes();
          if (schemes.contains(scheme)) {
            return provider.open(address.strip(), Collections.unmodifiableMap(options));
          }
          found.addAll(schemes);
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalArgumentException("cannot load the catalog source providers for '" + address + "': "
            + e.getMessage(), e);
      }
    }
    String module = moduleFor(scheme);
    String foundText = found.isEmpty() ? "none found" : "found: " + String.join(", ", found);
    if (module != null) {
      throw new IllegalArgumentException("no catalog source for '" + address + "': the " + scheme
          + ":// scheme is provided by the " + module + " module (dev.turnout:" + module + "), which is not on the"
          + " class path; add it to the application, or with the agent put " + module
          + "-agent-plugin.jar next to the agent jar (or name it with plugin=JAR)" + " (" + foundText + ")");
    }
    throw new IllegalArgumentException("no catalog source for '" + address + "': no CatalogSource.Provider on the"
        + " class path handles the " + scheme + ":// scheme (" + foundText + ")");
  }

  private static CatalogSource file(String address, Map<String, String> options) {
    CatalogFormat format = null;
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (!option.getKey().equals("format")) {
        throw new IllegalArgumentException("option '" + option.getKey() + "' does not apply to the catalog file "
            + address + " (a file's one option is format=yaml|json|unleash|flagd)");
      }
      format = CatalogFormat.forOption(option.getValue());
    }
    Path path;
    if (address.startsWith("file://")) {
      path = Path.of(URI.create(address));
    } else if (address.startsWith("file:")) {
      path = Path.of(address.substring("file:".length()));
    } else {
      path = Path.of(address);
    }
    return new FileCatalogSource(path, format);
  }

  /** The list of loaders {@link CatalogSource#open(String, Map)} searches. */
  public static List<ClassLoader> defaultLoaders() {
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(Thread.currentThread().getContextClassLoader());
    loaders.add(ClassLoader.getSystemClassLoader());
    loaders.add(CatalogSource.class.getClassLoader());
    return loaders;
  }
}
