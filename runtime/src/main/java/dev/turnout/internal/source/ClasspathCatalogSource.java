package dev.turnout.internal.source;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** {@code turnout/flags.yaml}, {@code .yml} or {@code .json} on the class path. Not watched. */
public final class ClasspathCatalogSource implements CatalogSource {

  public static final String[] RESOURCES = {"turnout/flags.yaml", "turnout/flags.yml", "turnout/flags.json"};

  private final ClassLoader loader;

  /** @param loader the loader to use, or null for the context class loader and then Turnout's own */
  public ClasspathCatalogSource(ClassLoader loader) {
    this.loader = loader;
  }

  @Override
  public String name() {
    return "classpath:" + RESOURCES[0];
  }

  @Override
  public Content read() throws IOException {
    for (ClassLoader l : loaders()) {
      if (l == null) {
        continue;
      }
      for (String resource : RESOURCES) {
        URL url = l.getResource(resource);
        if (url != null) {
          byte[] bytes = Bounded.resource(url, FileCatalogSource.MAX_BYTES, "classpath:" + resource);
          return new Content("classpath:" + resource, new String(bytes, StandardCharsets.UTF_8),
              CatalogFormat.forName(resource));
        }
      }
    }
    return null;
  }

  private ClassLoader[] loaders() {
    if (loader != null) {
      return new ClassLoader[] {loader};
    }
    return new ClassLoader[] {Thread.currentThread().getContextClassLoader(), ClasspathCatalogSource.class.getClassLoader()};
  }

  @Override
  public String toString() {
    return name();
  }
}
