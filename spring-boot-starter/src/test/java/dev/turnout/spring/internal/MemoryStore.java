package dev.turnout.spring.internal;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A catalog store with revisions, as etcd is: {@code memory://NAME} addresses open it (this provider is listed
 * in the tests' META-INF/services), {@link #publish} stores a new revision and tells the watchers.
 */
public final class MemoryStore implements CatalogSource.Provider {

  private static volatile String text;
  private static volatile long revision;
  private static final CopyOnWriteArrayList<Runnable> WATCHERS = new CopyOnWriteArrayList<>();

  /** Created by ServiceLoader. */
  public MemoryStore() {}

  /** Stores the text as the next revision and tells every watching engine. */
  static synchronized void publish(String catalog) {
    text = catalog;
    revision++;
    WATCHERS.forEach(Runnable::run);
  }

  static synchronized void reset() {
    text = null;
    revision = 0;
    WATCHERS.clear();
  }

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public CatalogSource open(String address, Map<String, String> options) {
    return new CatalogSource() {
      @Override
      public String name() {
        return address;
      }

      @Override
      public Content read() {
        synchronized (MemoryStore.class) {
          return text == null ? null : new Content(address, text, CatalogFormat.YAML, revision);
        }
      }

      @Override
      public Watch watch(Runnable changed) {
        WATCHERS.add(changed);
        return () -> WATCHERS.remove(changed);
      }
    };
  }
}
