package dev.turnout.internal.source;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
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
        try (InputStream in = l.getResourceAsStream(resource)) {
          if (in != null) {
            byte[] bytes = in.readNBytes((int) FileCatalogSource.MAX_BYTES + 1);
            if (bytes.length > FileCatalogSource.MAX_BYTES) {
              throw new IOException("classpath:" + resource + " is larger than the limit of "
                  + FileCatalogSource.MAX_BYTES + " bytes");
            }
            return new Content("classpath:" + resource, new String(bytes, StandardCharsets.UTF_8),
                CatalogFormat.forName(resource));
          }
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
