package dev.turnout;

import dev.turnout.internal.source.ClasspathCatalogSource;
import dev.turnout.internal.source.FileCatalogSource;
import dev.turnout.internal.source.SourceAddresses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Where a catalog comes from, and how its changes are noticed. Files, the class path and strings are
 * built in; implement this interface to read catalogs from elsewhere (a configuration store, say).
 *
 * <pre>{@code
 * FlagEngine engine = FlagEngine.builder()
 *     .source(CatalogSource.file(Path.of("/etc/app/flags.yaml")))   // watched and hot-reloaded
 *     .build();
 * FlagEngine fleet = FlagEngine.builder()
 *     .source(CatalogSource.open("etcd://10.0.0.1:2379,10.0.0.2:2379/turnout/shop"))   // needs turnout-etcd
 *     .build();
 * }</pre>
 *
 * <p>A source backed by a store learns what became of each content it handed out: the engine calls
 * {@link #applied} once the content is in force and {@link #refused} when it did not validate, so the
 * source can keep a last-good copy or report the {@link Content#revision() revision} it serves.
 */
public interface CatalogSource {

  /** The catalog's name in messages: a file path, {@code classpath:turnout/flags.yaml}, ... */
  String name();

  /**
   * Reads the catalog as it is now.
   *
   * @return the catalog text, or {@code null} when there is no catalog there (yet)
   * @throws IOException when it exists but cannot be read
   */
  Content read() throws IOException;

  /**
   * Starts telling {@code changed} whenever the catalog may have changed; the engine then calls
   * {@link #read()} again and ignores content it has already seen. The default watches nothing.
   */
  default Watch watch(Runnable changed) {
    return Watch.NONE;
  }

  /**
   * Whether a version newer than {@code content} (which this source's {@link #read()} returned) is there
   * now. The engine asks while it parses a large catalog (at most every 20 ms); when the answer is yes,
   * it gives that read up and calls {@link #read()} again at once, so that a large or hostile version
   * never keeps a later one waiting for its whole parse. At most two reads in a row are given up this
   * way, so a catalog rewritten faster than it is read still applies. Called on the thread that reloads:
   * answer quickly, never block. The default says no.
   */
  default boolean changedSince(Content content) {
    return false;
  }

  /**
   * Called by the engine once {@code content}, read from this source, is the catalog in force; also
   * when a content with the same text but another {@link Content#revision() revision} is read again
   * (it is still in force). Called on the thread that reloads, with the engine's reload lock held:
   * return quickly. What it throws is logged and otherwise ignored. The default does nothing.
   */
  default void applied(Content content) {}

  /**
   * Called by the engine when {@code content}, read from this source, was rejected (the previous
   * catalog stays in force); also when the same text comes again under another revision. Same thread
   * and rules as {@link #applied}. The default does nothing.
   *
   * @param problems why, at least one
   */
  default void refused(Content content, List<CatalogProblem> problems) {}

  /**
   * A catalog's text, its name for messages, its syntax, and the store's revision of it.
   *
   * @param revision the store's version of this text (etcd's {@code mod_revision}, say), or 0 when
   *     the source has none (files, the class path)
   */
  record Content(String name, String text, CatalogFormat format, long revision) {
    public Content {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(format, "format");
      if (revision < 0) {
        throw new IllegalArgumentException("revision " + revision + " is negative");
      }
    }

    /** A content without a revision (0). */
    public Content(String name, String text, CatalogFormat format) {
      this(name, text, format, 0);
    }
  }

  /**
   * Opens the sources of one or more address schemes ({@code etcd}, {@code etcds}, ...). Implementations
   * are listed in {@code META-INF/services/dev.turnout.CatalogSource$Provider} and found by
   * {@link CatalogSource#open(String)}.
   *
   * <pre>{@code
   * public final class MyStoreProvider implements CatalogSource.Provider {
   *   public Set<String> schemes() { return Set.of("mystore"); }
   *   public CatalogSource open(String address, Map<String, String> options) { return new MyStoreSource(address); }
   * }
   * }</pre>
   */
  interface Provider {

    /** The address schemes this provider opens, lower case, without {@code ://}. */
    Set<String> schemes();

    /**
     * A source for the address.
     *
     * @param address a full address with one of {@link #schemes()}
     * @param options settings given next to the address (an agent's {@code cache=DIR}, say); an option
     *     the provider does not know is an {@link IllegalArgumentException}
     * @throws IllegalArgumentException when the address or an option is wrong, saying what is
     */
    CatalogSource open(String address, Map<String, String> options);
  }

  /**
   * The source an address names, with no options: see {@link #open(String, Map)}.
   *
   * @throws IllegalArgumentException when the address is malformed or no provider handles its scheme
   */
  static CatalogSource open(String address) {
    return open(address, Map.of());
  }

  /**
   * The source an address names: {@code file:PATH} (or a plain path) is a {@link #file file}, watched
   * (its one option is {@code format=yaml|json|unleash|flagd}); any other scheme is opened by the
   * {@link Provider} for it found by {@link ServiceLoader} in the thread's context class loader, the
   * system class loader, and this interface's own. {@code etcd://} and {@code etcds://} are provided by
   * the {@code turnout-etcd} module.
   *
   * @throws IllegalArgumentException when the address or an option is wrong, or when no provider handles
   *     the scheme (the message names the module that provides it, when known)
   */
  static CatalogSource open(String address, Map<String, String> options) {
    return SourceAddresses.open(address, options, SourceAddresses.defaultLoaders());
  }

  /**
   * Like {@link #open(String, Map)}, with the providers found in {@code loader} only: a plug-in's own
   * class loader, say.
   */
  static CatalogSource open(String address, Map<String, String> options, ClassLoader loader) {
    return SourceAddresses.open(address, options, Collections.singletonList(Objects.requireNonNull(loader, "loader")));
  }

  /** A running watch; closing it stops the notifications. */
  interface Watch extends AutoCloseable {

    /** A watch that watches nothing. */
    Watch NONE = () -> {};

    @Override
    void close();
  }

  /**
   * A catalog file, watched for changes (including an editor's or deploy tool's rename over it). Its
   * extension picks the syntax: {@code .json} is JSON, anything else YAML. The file may be missing at
   * first: it is picked up when it appears.
   */
  static CatalogSource file(Path path) {
    return new FileCatalogSource(path, null);
  }

  /**
   * Like {@link #file(Path)}, read in the given format whatever the file is called: for example an
   * Unleash document saved as {@code features.txt}, or {@code format=unleash|flagd} given to the agent.
   *
   * <pre>{@code
   * CatalogSource.file(Path.of("/etc/app/unleash-features.json"), CatalogFormat.UNLEASH)
   * }</pre>
   */
  static CatalogSource file(Path path, CatalogFormat format) {
    return new FileCatalogSource(path, Objects.requireNonNull(format, "format"));
  }

  /**
   * The class path resource {@code turnout/flags.yaml}, {@code turnout/flags.yml} or
   * {@code turnout/flags.json}, looked up with the thread's context class loader, then Turnout's own.
   */
  static CatalogSource classpath() {
    return new ClasspathCatalogSource(null);
  }

  /** Like {@link #classpath()}, looked up with the given class loader. */
  static CatalogSource classpath(ClassLoader loader) {
    return new ClasspathCatalogSource(Objects.requireNonNull(loader, "loader"));
  }

  /** A fixed catalog text; {@code name} is used in messages and its extension picks the syntax. */
  static CatalogSource of(String name, String text) {
    return of(name, text, CatalogFormat.forName(name));
  }

  /** A fixed catalog text in the given format; {@code name} is used in messages. */
  static CatalogSource of(String name, String text, CatalogFormat format) {
    Content content = new Content(name, text, Objects.requireNonNull(format, "format"));
    return new CatalogSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Content read() {
        return content;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
