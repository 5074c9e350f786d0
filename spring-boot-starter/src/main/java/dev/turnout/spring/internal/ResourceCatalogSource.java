package dev.turnout.spring.internal;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** A catalog on the class path under a name of the application's choosing ({@code turnout.catalog=classpath:...}). */
final class ResourceCatalogSource implements CatalogSource {

  /** Larger than any catalog the engine accepts; a resource past it is refused unread. */
  private static final int MAX_BYTES = 16 * 1024 * 1024;

  private final ClassLoader loader;
  private final String resource;
  private final CatalogFormat format;

  ResourceCatalogSource(ClassLoader loader, String resource, CatalogFormat format) {
    this.loader = loader;
    this.resource = resource;
    this.format = format == null ? CatalogFormat.forName(resource) : format;
  }

  @Override
  public String name() {
    return "classpath:" + resource;
  }

  @Override
  public Content read() throws IOException {
    URL url = loader.getResource(resource);
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(name() + " is larger than " + MAX_BYTES + " bytes");
      }
      return new Content(name(), new String(bytes, StandardCharsets.UTF_8), format);
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
