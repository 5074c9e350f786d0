package dev.turnout.spring.internal;

import dev.turnout.CatalogProblem;
import dev.turnout.CatalogSource;
import java.io.IOException;
import java.util.List;

/**
 * A catalog source that remembers the store revisions it handed out and which of them the engine applied,
 * so the health indicator can tell whether this instance serves the store's newest catalog. Delegates
 * everything else.
 */
final class TrackingSource implements CatalogSource {

  private final CatalogSource delegate;
  private volatile long latestRead;
  private volatile long applied;

  TrackingSource(CatalogSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Content read() throws IOException {
    Content content = delegate.read();
    if (content != null && content.revision() > latestRead) {
      latestRead = content.revision();
    }
    return content;
  }

  @Override
  public Watch watch(Runnable changed) {
    return delegate.watch(changed);
  }

  @Override
  public void applied(Content content) {
    if (content.revision() > applied) {
      applied = content.revision();
    }
    delegate.applied(content);
  }

  @Override
  public void refused(Content content, List<CatalogProblem> problems) {
    delegate.refused(content, problems);
  }

  /** The newest store revision read, or 0 when the source has none (files, the class path). */
  long latestRead() {
    return latestRead;
  }

  /** The store revision of the catalog in force, or 0. */
  long applied() {
    return applied;
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
