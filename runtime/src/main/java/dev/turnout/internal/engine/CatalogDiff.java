package dev.turnout.internal.engine;

import dev.turnout.CatalogChange;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Catalog.Condition;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.Settings;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Which flags a new catalog adds, removes or changes, counting changes to the segments a flag uses. */
public final class CatalogDiff {

  private CatalogDiff() {}

  public static CatalogChange diff(Catalog before, Catalog after, long version) {
    if (before == null) { // the first catalog adds every flag
      return new CatalogChange(version, after.source(), Set.copyOf(after.flags().keySet()), Set.of(), Set.of());
    }
    Map<String, Flag> old = before == null ? Map.of() : before.flags();
    Set<String> added = new LinkedHashSet<>();
    Set<String> removed = new LinkedHashSet<>();
    Set<String> modified = new LinkedHashSet<>();
    Set<String> changedSegments = new HashSet<>();
    if (before != null) {
      for (Catalog.Segment s : after.segments().values()) {
        Catalog.Segment was = before.segments().get(s.name());
        if (was == null || !Objects.equals(was.fingerprint(), s.fingerprint())) {
          changedSegments.add(s.name());
        }
      }
    }
    for (Flag f : after.flags().values()) {
      Flag was = old.get(f.key());
      if (was == null) {
        added.add(f.key());
      } else if (!Objects.equals(was.fingerprint(), f.fingerprint()) || usesAny(f, changedSegments, after)) {
        modified.add(f.key());
      }
    }
    for (String key : old.keySet()) {
      if (!after.flags().containsKey(key)) {
        removed.add(key);
      }
    }
    return new CatalogChange(version, after.source(), added, removed, modified);
  }

  private static boolean usesAny(Flag f, Set<String> segments, Catalog catalog) {
    if (segments.isEmpty()) {
      return false;
    }
    Set<String> used = new HashSet<>();
    collect(f.settings(), used, catalog);
    f.environments().values().forEach(s -> collect(s, used, catalog));
    used.retainAll(segments);
    return !used.isEmpty();
  }

  private static void collect(Settings s, Set<String> used, Catalog catalog) {
    for (Catalog.Rule r : s.rulesOrEmpty()) {
      collect(r.when(), used, catalog);
    }
  }

  private static void collect(Condition c, Set<String> used, Catalog catalog) {
    if (c instanceof Catalog.SegmentRef) {
      String name = ((Catalog.SegmentRef) c).segment();
      if (used.add(name)) {
        Catalog.Segment s = catalog.segments().get(name);
        if (s != null) {
          collect(s.when(), used, catalog);
        }
      }
    } else if (c instanceof Catalog.All) {
      ((Catalog.All) c).conditions().forEach(p -> collect(p, used, catalog));
    } else if (c instanceof Catalog.Any) {
      ((Catalog.Any) c).conditions().forEach(p -> collect(p, used, catalog));
    } else if (c instanceof Catalog.Not) {
      collect(((Catalog.Not) c).condition(), used, catalog);
    }
  }
}
