package dev.turnout;

import java.util.Set;

/**
 * What a newly applied catalog changed, by flag key.
 *
 * <pre>{@code
 * public void onCatalogChange(CatalogChange change) {
 *   if (change.modified().contains("log-level")) applyLogLevel();
 * }
 * }</pre>
 *
 * @param version the catalog version now in force (1 for the first catalog loaded)
 * @param source the catalog's name
 * @param added flags that are new
 * @param removed flags that are gone
 * @param modified flags whose definition, or a segment they use, changed
 */
public record CatalogChange(long version, String source, Set<String> added, Set<String> removed, Set<String> modified) {

  public CatalogChange {
    added = Set.copyOf(added);
    removed = Set.copyOf(removed);
    modified = Set.copyOf(modified);
  }

  /** Whether any flag changed. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && modified.isEmpty();
  }
}
