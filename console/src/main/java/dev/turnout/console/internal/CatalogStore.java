package dev.turnout.console.internal;

import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog file the console edits. Every save names the revision (a hash of the file's bytes) its edit was
 * made on: when the file has changed since, nothing is written and the caller gets the other change to show.
 * A saved text has passed the runtime's own reader; it replaces the file atomically (a temporary file in the
 * same folder, then a move), and one line is appended to the audit trail next to the catalog.
 */
final class CatalogStore extends AbstractCatalogBackend {

  /** What a save did. */
  sealed interface Outcome permits Saved, Conflict, Invalid {}

  /** Written: the new revision. */
  record Saved(String revision, String diff) implements Outcome {}

  /** Not written: the file changed since {@code base}; {@code otherChange} is that change as a diff (may be empty when the base text is unknown). */
  record Conflict(String base, String current, String otherChange, String yourChange) implements Outcome {}

  /** Not written: the result would not be a valid catalog. */
  record Invalid(List<String> problems) implements Outcome {}

  /** The file as read: text, revision and the parsed catalog (null with the problems when it does not validate). */
  record Snapshot(String text, String revision, Catalog catalog, List<String> problems) {}

  private static final int KEPT_REVISIONS = 64;

  private final Path file;
  private final Path audit;
  private final CatalogFormat format;
  private final Clock clock;
  private final GitCommits git;
  // Texts by revision, so that a conflict can show what the other person changed.
  private final Map<String, String> known = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > KEPT_REVISIONS;
    }
  });

  CatalogStore(Path file, Clock clock, GitCommits git) {
    this.file = file.toAbsolutePath().normalize();
    this.audit = auditFile(this.file);
    this.format = CatalogFormat.forName(file.getFileName().toString());
    this.clock = clock;
    this.git = git;
  }

  /** The audit trail of {@code catalog}: {@code NAME.audit.jsonl} beside it. */
  static Path auditFile(Path catalog) {
    return catalog.resolveSibling(catalog.getFileName() + ".audit.jsonl");
  }

  Path file() {
    return file;
  }

  Path audit() {
    return audit;
  }

  @Override
  public CatalogFormat format() {
    return format;
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public String changed() {
    return "the catalog file " + name();
  }

  @Override
  public dev.turnout.CatalogSource source() {
    return dev.turnout.CatalogSource.file(file, format);
  }

  @Override
  public Path pendingBase() {
    return file;
  }

  @Override
  public String applyNote() {
    return ConsoleServer.APPLY_NOTE;
  }

  @Override
  public List<AuditTrail.Entry> audit(int limit) {
    return AuditTrail.read(audit, limit);
  }

  /** Reads the file now. */
  @Override
  public Snapshot read() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String revision = revision(text);
    known.put(revision, text);
    return snapshot(text, revision);
  }

  @Override
  protected String readerName() {
    return file.getFileName().toString();
  }

  @Override
  protected String textAt(String base) {
    return known.get(base);
  }

  @Override
  protected Outcome write(Snapshot now, String text, String diff, String user, String action, String flag,
      String environment, String reason) {
    write(text);
    String revision = revision(text);
    known.put(revision, text);
    AuditTrail.append(audit, new AuditTrail.Entry(clock.instant(), user, action, flag, environment, reason, now.revision(), revision,
        diff));
    git.commit(file, user, action + (flag == null ? "" : " " + flag) + ": " + reason);
    return new Saved(revision, diff);
  }

  private void write(String text) {
    try {
      AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static String revision(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Instant now() {
    return clock.instant();
  }
}
