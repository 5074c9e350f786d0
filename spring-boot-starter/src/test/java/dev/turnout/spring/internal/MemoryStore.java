package dev.turnout.spring.internal;

import dev.turnout.CatalogSource;
import dev.turnout.testkit.MutableSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A catalog store with revisions, as etcd is: {@code memory://NAME} addresses open it (this provider is listed
 * in the tests' META-INF/services), {@link #publish} stores a new revision and tells the watchers.
 */
public final class MemoryStore implements CatalogSource.Provider {

  private static String text;
  private static long revision;
  private static final CopyOnWriteArrayList<MutableSource> OPENED = new CopyOnWriteArrayList<>();

  /** Created by ServiceLoader. */
  public MemoryStore() {}

  /** Stores the text as the next revision and tells every watching engine. */
  static synchronized void publish(String catalog) {
    text = catalog;
    revision++;
    OPENED.forEach(source -> source.publish(catalog, revision));
  }

  static synchronized void reset() {
    text = null;
    revision = 0;
    OPENED.clear();
  }

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public CatalogSource open(String address, Map<String, String> options) {
    synchronized (MemoryStore.class) {
      MutableSource source = new MutableSource(address, null);
      if (text != null) {
        source.set(text, revision);
      }
      OPENED.add(source);
      return source;
    }
  }
}
