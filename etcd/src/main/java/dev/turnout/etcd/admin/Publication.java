package dev.turnout.etcd.admin;

import java.util.List;

/**
 * What a {@link Publisher} did, or would do.
 *
 * <pre>{@code
 * Publication p = publisher.publish(request);
 * System.out.print(p.diff());
 * System.out.println(p.status() + ": revision " + p.previousRevision() + " -> " + p.revision());
 * }</pre>
 *
 * @param status what happened
 * @param key the catalog key
 * @param previousRevision the revision the publish was based on (0: no catalog yet)
 * @param revision the new revision when {@link Status#PUBLISHED}; otherwise the current one
 * @param diff a unified diff of the current catalog text against the published one (empty when unchanged)
 * @param added flags the catalog gains
 * @param removed flags it loses
 * @param changed flags whose definition (or a segment they use) changes
 * @param audit the audit record written, or {@code null} unless {@link Status#PUBLISHED}
 */
public record Publication(
    Status status,
    String key,
    long previousRevision,
    long revision,
    String diff,
    List<String> added,
    List<String> removed,
    List<String> changed,
    AuditRecord audit) {

  /** What a publish did. */
  public enum Status {
    /** The catalog and its audit record were written. */
    PUBLISHED,
    /** The text is the same as the current catalog's: nothing was written. */
    UNCHANGED,
    /** A preview: the catalog validates; nothing was written. */
    PREVIEW
  }

  public Publication {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }
}
