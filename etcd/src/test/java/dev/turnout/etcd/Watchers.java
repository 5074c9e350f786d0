package dev.turnout.etcd;

import dev.turnout.CatalogChange;
import dev.turnout.FlagEngine;
import dev.turnout.TurnoutListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many engines in one JVM, each with its own {@link EtcdCatalogSource} (its own connection, lease and
 * last-good copy), as a fleet of JVMs would have; each records when it last applied a catalog.
 */
final class Watchers implements AutoCloseable {

  final List<EtcdCatalogSource> sources = new ArrayList<>();
  final List<FlagEngine> engines = new ArrayList<>();
  /** When each engine last applied a catalog (System.nanoTime()). */
  final AtomicLongArray applied;

  Watchers(int count, EtcdTarget target, Path cache) {
    applied = new AtomicLongArray(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      EtcdCatalogSource source = EtcdCatalogSource.builder(target).cache(cache.resolve("w" + i)).app("watcher-" + i)
          .build();
      FlagEngine engine = FlagEngine.builder().source(source).build();
      engine.addListener(new TurnoutListener() {
        @Override
        public void onCatalogChange(CatalogChange change) {
          applied.set(index, System.nanoTime());
        }
      });
      sources.add(source);
      engines.add(engine);
    }
  }

  /** How many engines serve the variant now. */
  long serving(String variant) {
    return engines.stream().filter(e -> variant.equals(e.variant("checkout", null))).count();
  }

  /** How many engines applied a catalog after the instant (System.nanoTime()). */
  long appliedSince(long instant) {
    long n = 0;
    for (int i = 0; i < applied.length(); i++) {
      if (applied.get(i) - instant > 0) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    engines.parallelStream().forEach(FlagEngine::close);
  }
}
