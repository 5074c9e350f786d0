package dev.turnout.etcd;

import dev.turnout.CatalogSource;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code etcd://} and {@code etcds://} addresses for {@link CatalogSource#open(String, Map)} and the
 * agent's {@code source=} argument; registered in {@code META-INF/services}. See
 * {@link EtcdCatalogSource#open(String, Map)} for the options.
 *
 * <pre>{@code
 * CatalogSource source = CatalogSource.open("etcd://127.0.0.1:2379/turnout/shop", Map.of("app", "shop"));
 * }</pre>
 */
public final class EtcdSourceProvider implements CatalogSource.Provider {

  @Override
  public Set<String> schemes() {
    return Set.of("etcd", "etcds");
  }

  @Override
  public CatalogSource open(String address, Map<String, String> options) {
    return EtcdCatalogSource.open(address, options);
  }
}
