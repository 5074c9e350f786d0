package dev.turnout.internal.engine;

import dev.turnout.CatalogChange;
import dev.turnout.CatalogException;
import dev.turnout.CatalogProblem;
import dev.turnout.CatalogSource;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.internal.catalog.Superseded;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * An engine's reload state machine: reads the source, compiles what changed, refuses what does not
 * validate (or removes flags in use), puts the new snapshot in force and tells the source, the listeners
 * and the log. Never throws; the catalog in force stays on any failure.
 */
final class Reloader {

  private final EngineCore core;
  private final CatalogSource source;
  private final RandomGenerator random;
  /** Whether a reload may remove flags the running code uses. */
  private final boolean allowRemovingFlagsInUse;
  private final Object lock = new Object();
  private volatile CatalogException lastError;
  /** Guarded by lock: the last text read, good or bad, so each version is handled once. */
  private String lastText;
  /** Guarded by lock: the revision of lastText as read, and its problems (null when it was applied). */
  private long lastRevision;
  private List<CatalogProblem> lastProblems;
  private boolean missing;
  /** Guarded by lock: reads given up in a row for a newer version (at most {@link #MAX_SUPERSEDED}). */
  private int superseded;
  /** Guarded by lock: the read was given up for a newer version, which is read next. */
  private boolean readAgain;

  /** Reads given up in a row for a newer version, after which the next read runs to its end. */
  static final int MAX_SUPERSEDED = 2;
  /** How often a read asks its source whether a newer version is there. */
  private static final long NEWER_CHECK_NANOS = 20_000_000;

  Reloader(EngineCore core, CatalogSource source, RandomGenerator random, boolean allowRemovingFlagsInUse) {
    this.core = core;
    this.source = source;
    this.random = random;
    this.allowRemovingFlagsInUse = allowRemovingFlagsInUse;
  }

  CatalogException lastError() {
    return lastError;
  }

  boolean reload() {
    if (core.closed) {
      return false;
    }
    synchronized (lock) {
      if (core.closed) {
        return false;
      }
      try {
        boolean applied;
        do {
          readAgain = false;
          applied = reloadLocked();
        } while (readAgain && !core.closed);
        return applied;
      } catch (Throwable t) { // NOPMD: the reload path survives anything (reported, the last good catalog stays)
        EngineLog.keepInterrupt(t);
        rejectedSafely(new CatalogException(List.of(new CatalogProblem(source.name(), 0, 0,
            "cannot reload the catalog: " + EngineLog.describe(t)))), t);
        return false;
      }
    }
  }

  /** The reload, with the lock held; what it throws is reported by {@link #reload()}. */
  private boolean reloadLocked() {
    CatalogSource.Content content;
    try {
      content = source.read();
      if (core.closed) {
        return false; // closed while the source was being read
      }
    } catch (Throwable t) { // NOPMD: a source's failure is a refused catalog, whatever it throws
      EngineLog.keepInterrupt(t);
      String text = "cannot read catalog: " + EngineLog.describe(t);
      if (!text.equals(lastText)) {
        lastText = text;
        rejected(new CatalogException(List.of(new CatalogProblem(source.name(), 0, 0, text))), t);
      }
      return false;
    }
    if (content == null) {
      gone();
      return false;
    }
    missing = false;
    if (content.text().equals(lastText)) {
      if (content.revision() != lastRevision) {
        lastRevision = content.revision();
        tellSource(content, lastProblems);
      }
      return false;
    }
    lastText = content.text();
    lastRevision = content.revision();
    Snapshot previous = core.snapshot;
    Snapshot next;
    CatalogChange change;
    try {
      Catalog catalog = CatalogReader.read(content.name(), content.text(), content.format(), newer(content));
      next = Compiler.compile(catalog, core.environment, previous.version() + 1, core.clock.instant(),
          core.counters::counter, random);
      change = CatalogDiff.diff(previous.catalog(), catalog, next.version());
      refuseRemovalOfFlagsInUse(content, previous, catalog);
    } catch (Superseded e) {
      superseded++;
      readAgain = true;
      lastText = null; // read again whatever is there, even this text
      EngineLog.log(Level.DEBUG, "Turnout: gave up reading a version of " + source.name() + " (" + content.text().length()
          + " characters): a newer one is there", null);
      return false;
    } catch (CatalogException e) {
      refused(content, e, null);
      return false;
    } catch (Throwable t) { // NOPMD: a catalog that breaks the reader or compiler is refused like any bad one
      EngineLog.keepInterrupt(t);
      refused(content, new CatalogException(List.of(new CatalogProblem(content.name(), 0, 0,
          "cannot compile catalog: " + EngineLog.describe(t)))), t);
      return false;
    }
    superseded = 0;
    lastProblems = null;
    core.snapshot = next;
    Changes.changed();
    lastError = null;
    core.counters.reloaded();
    EngineLog.log(Level.INFO, "Turnout: catalog " + content.name() + " version " + next.version() + " in force ("
        + next.size() + " flags" + (core.environment == null ? "" : ", environment " + core.environment)
        + "): added " + change.added().size() + ", removed " + change.removed().size() + ", modified "
        + change.modified().size(), null);
    tellSource(content, null);
    core.listeners.catalogChanged(change);
    return true;
  }

  /** The source has no catalog (any more): said once until one appears again. */
  private void gone() {
    if (missing) {
      return;
    }
    missing = true;
    lastText = null;
    Snapshot now = core.snapshot;
    if (now.catalog() == null) {
      EngineLog.log(Level.ERROR, "Turnout: no flag catalog at " + source.name()
          + ": every flag serves its fallback until one appears", null);
    } else {
      EngineLog.log(Level.WARNING, "Turnout: the flag catalog " + source.name() + " is gone: keeping the last good"
          + " catalog (version " + now.version() + ")", null);
    }
  }

  /**
   * Whether the source has a newer version than {@code content}, asked at most every 20 ms (none in the first 20:
   * a small catalog is read before it is asked at all); never, once {@link #MAX_SUPERSEDED} reads in a row were
   * given up, so a catalog rewritten faster than it is read still applies.
   */
  private BooleanSupplier newer(CatalogSource.Content content) {
    if (superseded >= MAX_SUPERSEDED) {
      return Superseded.NEVER;
    }
    long[] next = {System.nanoTime() + NEWER_CHECK_NANOS};
    return () -> {
      long now = System.nanoTime();
      if (now - next[0] < 0) {
        return false;
      }
      next[0] = now + NEWER_CHECK_NANOS;
      try {
        return source.changedSince(content);
      } catch (Throwable t) { // NOPMD: a source that fails to answer has nothing newer
        EngineLog.keepInterrupt(t);
        return false;
      }
    };
  }

  private void refused(CatalogSource.Content content, CatalogException e, Throwable cause) {
    superseded = 0;
    rejected(e, cause);
    lastProblems = e.problems();
    tellSource(content, lastProblems);
  }

  /**
   * Refuses a catalog that would remove flags the running code uses: those of gated methods (linked in
   * this JVM, or registered by the annotation processor) and those counted as evaluated. A removal like
   * that is most often a catalog cut short (a write caught half way, a truncated copy) that still parses;
   * removing such flags deliberately is done in two steps (docs/reliability.md) or allowed by the builder.
   */
  private void refuseRemovalOfFlagsInUse(CatalogSource.Content content, Snapshot previous, Catalog next) {
    Catalog before = previous.catalog();
    if (allowRemovingFlagsInUse || before == null) {
      return; // the first catalog removes nothing
    }
    Set<String> gone = new TreeSet<>();
    Map<String, Catalog.Flag> now = next.flags();
    for (String key : before.flags().keySet()) {
      if (!now.containsKey(key) && core.inUse(key)) {
        gone.add(key);
      }
    }
    if (gone.isEmpty()) {
      return;
    }
    String listed = gone.size() <= 10 ? String.join(", ", gone)
        : String.join(", ", new ArrayList<>(gone).subList(0, 10)) + " and " + (gone.size() - 10) + " more";
    throw new CatalogException(List.of(new CatalogProblem(content.name(), 0, 0, "removes " + gone.size()
        + (gone.size() == 1 ? " flag" : " flags") + " the running code uses (" + listed + "): refused as a"
        + " catalog cut short, such as a file read half written; to remove a flag still in use, switch it off and"
        + " remove it once no running code uses it, or allow it with turnout.allowRemovingFlagsInUse=true")));
  }

  /** Tells the source the content is in force ({@code problems} null) or was refused; never throws. */
  private void tellSource(CatalogSource.Content content, List<CatalogProblem> problems) {
    try {
      if (problems == null) {
        source.applied(content);
      } else {
        source.refused(content, problems);
      }
    } catch (Throwable t) { // NOPMD: a source's failure goes no further
      EngineLog.keepInterrupt(t);
      core.log.once("source:" + source.getClass().getName(), Level.ERROR, "Turnout: the catalog source "
          + source.name() + " threw when told of its content (logged once)", t);
    }
  }

  /** {@link #rejected}, for the last resort: a failure while reporting is logged, never thrown. */
  private void rejectedSafely(CatalogException e, Throwable cause) {
    try {
      rejected(e, cause);
    } catch (Throwable again) { // NOPMD: nothing leaves reload()
      EngineLog.log(Level.ERROR, "Turnout: reloading " + source.name() + " failed", again);
    }
  }

  private void rejected(CatalogException e, Throwable cause) {
    lastError = e;
    core.counters.reloadFailed();
    Snapshot now = core.snapshot;
    String message = "Turnout: rejected catalog " + source.name() + "; " + (now.catalog() == null
        ? "every flag serves its fallback" : "keeping version " + now.version()) + ". " + e.getMessage();
    // An Error's stack trace is logged (at DEBUG: it may be thousands of frames deep); a bad catalog needs none.
    EngineLog.log(Level.ERROR, message, null);
    if (cause != null) {
      EngineLog.log(Level.DEBUG, "Turnout: why " + source.name() + " was rejected", cause);
    }
    core.listeners.catalogRejected(e);
  }
}
