package dev.turnout.console.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.CatalogReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What every backend does the same way: reads a text with the runtime's own reader (the same messages for a file
 * and for etcd), refuses a save made on an old revision or giving an invalid catalog before anything is written,
 * shows conflicts and diffs. A backend supplies how a version is written and where an old one is found.
 */
abstract class AbstractCatalogBackend implements CatalogBackend {

  /** The catalog's name in the reader's messages and in diffs. */
  protected abstract String readerName();

  /** The text of the version {@code base}, or null when it is not known any more. */
  protected abstract String textAt(String base);

  /**
   * Writes {@code text}, already validated, on top of {@code now} (still the current version when this was checked),
   * with its audit record.
   */
  protected abstract CatalogStore.Outcome write(CatalogStore.Snapshot now, String text, String diff, String user,
      String action, String flag, String environment, String reason);

  /** A snapshot of {@code text} at {@code revision}: parsed, or with the reader's problems. */
  protected final CatalogStore.Snapshot snapshot(String text, String revision) {
    try {
      return new CatalogStore.Snapshot(text, revision, CatalogReader.read(readerName(), text, format(text)), List.of());
    } catch (CatalogException e) {
      return new CatalogStore.Snapshot(text, revision, null, messages(e));
    }
  }

  @Override
  public final List<String> validate(String text) {
    try {
      CatalogReader.read(readerName(), text, format(text));
      return List.of();
    } catch (CatalogException e) {
      return messages(e);
    }
  }

  /** The reader's problems, one message each (its message when it names none). */
  static List<String> messages(CatalogException e) {
    List<String> out = new ArrayList<>();
    e.problems().forEach(p -> out.add(p.toString()));
    if (out.isEmpty()) {
      out.add(e.getMessage());
    }
    return out;
  }

  @Override
  public final synchronized CatalogStore.Outcome save(String base, String text, String user, String action,
      String flag, String environment, String reason) {
    CatalogStore.Snapshot now = read();
    if (!now.revision().equals(base)) {
      return conflict(base, now, text);
    }
    List<String> problems = validate(text);
    if (!problems.isEmpty()) {
      return new CatalogStore.Invalid(problems);
    }
    return write(now, text, diff(now.text(), text), user, action, flag, environment, reason);
  }

  @Override
  public final CatalogStore.Conflict conflict(String base, CatalogStore.Snapshot now, String text) {
    String baseText = textAt(base);
    String other = baseText == null ? "" : diff(baseText, now.text());
    String mine = baseText == null ? diff(now.text(), text) : diff(baseText, text);
    return new CatalogStore.Conflict(base, now.revision(), other, mine);
  }

  /** A unified diff of two versions of the catalog (three lines of context). */
  @Override
  public final String diff(String before, String after) {
    List<String> a = List.of(before.split("\n", -1));
    List<String> b = List.of(after.split("\n", -1));
    String name = readerName();
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(name, name, a, DiffUtils.diff(a, b), 3));
  }

  @Override
  public CatalogFormat format(String text) {
    return format();
  }
}
