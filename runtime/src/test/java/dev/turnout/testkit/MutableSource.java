package dev.turnout.testkit;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import dev.turnout.CatalogSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A YAML catalog source whose next read a test sets: a text (with a revision, as a store gives), nothing, or a
 * failure to throw. It records what the engine told it ({@link #told()}), and {@link #publish} tells the
 * engines that watch it, as a store with change notifications does. Shared by the modules' tests through the
 * runtime's test jar.
 */
public class MutableSource implements CatalogSource {

  private final String name;
  private final AtomicReference<Supplier<Content>> next = new AtomicReference<>(() -> null);
  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
  private final List<String> told = new CopyOnWriteArrayList<>();

  /** A source named {@code name} whose first read gives {@code text} (null: no catalog yet). */
  public MutableSource(String name, String text) {
    this.name = name;
    if (text != null) {
      set(text);
    }
  }

  /** The next reads give {@code text}, without a revision (0, as a file). */
  public void set(String text) {
    set(text, 0);
  }

  /** The next reads give {@code text} at {@code revision}. */
  public void set(String text, long revision) {
    Content content = new Content(name, text, CatalogFormat.YAML, revision);
    next.set(() -> content);
  }

  /** The next reads call {@code reader}, which gives the content or throws. */
  public void next(Supplier<Content> reader) {
    next.set(reader);
  }

  /** The next reads throw {@code failure}, whatever kind of {@link Throwable} it is. */
  public void fail(Throwable failure) {
    next.set(() -> {
      throw MutableSource.<RuntimeException>sneaky(failure);
    });
  }

  /** Sets {@code text} at {@code revision} and tells every engine that watches this source. */
  public void publish(String text, long revision) {
    set(text, revision);
    watchers.forEach(Runnable::run);
  }

  /**
   * What the engine told this source, in order: {@code "applied REVISION"} and
   * {@code "refused REVISION FIRST-PROBLEM-MESSAGE"}.
   */
  public List<String> told() {
    return List.copyOf(told);
  }

  /** Throws {@code t} as it is, checked or not. */
  @SuppressWarnings("unchecked")
  public static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Content read() {
    return next.get().get();
  }

  @Override
  public Watch watch(Runnable changed) {
    watchers.add(changed);
    return () -> watchers.remove(changed);
  }

  @Override
  public void applied(Content content) {
    told.add("applied " + content.revision());
  }

  @Override
  public void refused(Content content, List<CatalogProblem> problems) {
    told.add("refused " + content.revision() + " " + problems.get(0).message());
  }
}
