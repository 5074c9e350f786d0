package dev.turnout;

import dev.turnout.internal.source.ClasspathCatalogSource;
import dev.turnout.internal.source.FileCatalogSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a catalog comes from, and how its changes are noticed. Files, the class path and strings are
 * built in; implement this interface to read catalogs from elsewhere (a configuration store, say).
 *
 * <pre>{@code
 * FlagEngine engine = FlagEngine.builder()
 *     .source(CatalogSource.file(Path.of("/etc/app/flags.yaml")))   // watched and hot-reloaded
 *     .build();
 * }</pre>
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

  /** A catalog's text, its name for messages and its syntax. */
  record Content(String name, String text, CatalogFormat format) {
    public Content {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(format, "format");
    }
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
