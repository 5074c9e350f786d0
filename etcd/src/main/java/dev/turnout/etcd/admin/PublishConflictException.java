package dev.turnout.etcd.admin;

/**
 * A publish lost the compare-and-swap: the catalog key is no longer at the revision the publish was
 * based on, because someone published in between. Nothing of the losing publish was written. The
 * message names both revisions, who published the one found and why, and what to do.
 *
 * <pre>{@code
 * try {
 *   publisher.publish(request);
 * } catch (PublishConflictException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class PublishConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final long expectedRevision;
  private final long foundRevision;
  private final transient AuditRecord foundPublish;

  PublishConflictException(String catalog, String key, long expectedRevision, long foundRevision,
      AuditRecord newestAudit) {
    super(message(catalog, key, expectedRevision, foundRevision, newestAudit));
    this.key = key;
    this.expectedRevision = expectedRevision;
    this.foundRevision = foundRevision;
    this.foundPublish = newestAudit != null && newestAudit.revision() == foundRevision ? newestAudit : null;
  }

  private static String message(String catalog, String key, long expected, long found, AuditRecord audit) {
    StringBuilder text = new StringBuilder("not published: ").append(key)
        .append(" is not at the revision this publish was based on; nothing was written.\n");
    text.append("  expected revision: ").append(expected == 0 ? "0 (no catalog yet)" : expected).append('\n');
    text.append("  found revision:    ").append(found == 0 ? "0 (the key was deleted)" : found).append('\n');
    if (found != 0) {
      if (audit != null && audit.revision() == found) {
        text.append("  revision ").append(found).append(" was published by ").append(audit.author()).append(" at ")
            .append(audit.at()).append(": \"").append(audit.reason()).append("\" (")
            .append(audit.flagSummary()).append(")\n");
      } else {
        text.append("  revision ").append(found).append(" has no audit record: it was written by something other ")
            .append("than turnout publish\n");
      }
    }
    text.append("To publish on top of revision ").append(found).append(": review what it changed (turnout audit --diff), ")
        .append("see your changes against it (publish --dry-run), then publish ")
        .append(catalog == null ? "again" : catalog + " again").append('.');
    return text.toString();
  }

  /** The catalog key. */
  public String key() {
    return key;
  }

  /** The revision the publish was based on (0: no catalog key). */
  public long expectedRevision() {
    return expectedRevision;
  }

  /** The revision found instead (0: the key was deleted). */
  public long foundRevision() {
    return foundRevision;
  }

  /** The audit record of the revision found, or {@code null} when it was not written by a publish. */
  public AuditRecord foundPublish() {
    return foundPublish;
  }
}
