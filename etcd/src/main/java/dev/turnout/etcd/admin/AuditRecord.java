package dev.turnout.etcd.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who published a catalog revision, when, why, and what it changed: written by {@link Publisher} in the
 * same etcd transaction as the catalog, under {@code KEY/audit/}, so its {@link #revision()} is the
 * catalog revision it describes.
 *
 * <pre>{@code
 * for (AuditRecord r : AuditLog.read(client, target, 10)) {
 *   System.out.println(r.revision() + " " + r.author() + ": " + r.reason());
 * }
 * }</pre>
 *
 * @param key the record's etcd key
 * @param revision the catalog revision this publish created (the record's {@code mod_revision})
 * @param author who published ({@code user@host} unless given)
 * @param reason why, as the publisher wrote it
 * @param at when
 * @param previousRevision the catalog revision it replaced, 0 when it created the catalog key
 * @param sha256 the SHA-256 of the published text (UTF-8), in hex
 * @param diff a unified diff of the previous catalog text against the published one
 * @param added flags the publish added
 * @param removed flags it removed
 * @param changed flags whose definition (or a segment they use) it changed
 * @param etcdUser the etcd user the publish authenticated as, or null without authentication
 */
public record AuditRecord(
    String key,
    long revision,
    String author,
    String reason,
    Instant at,
    long previousRevision,
    String sha256,
    String diff,
    List<String> added,
    List<String> removed,
    List<String> changed,
    String etcdUser) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public AuditRecord {
    Objects.requireNonNull(key, "key");
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /** The record's value in etcd (its key and revision are etcd's, not part of it). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(new Wire(author, reason, at == null ? null : at.toString(), previousRevision,
          sha256, diff, new WireFlags(added, removed, changed), etcdUser));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a record's value as stored under {@code key} at {@code revision}; unknown fields (from newer
   * versions) are ignored.
   *
   * @throws IllegalArgumentException when the text is not an audit record
   */
  public static AuditRecord fromJson(String key, long revision, String json) {
    try {
      Wire wire = JSON.readValue(json, Wire.class);
      WireFlags flags = wire.flags() == null ? new WireFlags(null, null, null) : wire.flags();
      return new AuditRecord(key, revision, wire.author(), wire.reason(),
          wire.at() == null ? null : Instant.parse(wire.at()), wire.previousRevision(), wire.sha256(), wire.diff(),
          orEmpty(flags.added()), orEmpty(flags.removed()), orEmpty(flags.changed()), wire.etcdUser());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not an audit record: " + e.getMessage(), e);
    }
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  /** The flag changes in one line, such as {@code added a, b; changed c}, or {@code no flag changed}. */
  public String flagSummary() {
    StringBuilder text = new StringBuilder();
    append(text, "added", added);
    append(text, "removed", removed);
    append(text, "changed", changed);
    return text.length() == 0 ? "no flag changed" : text.toString();
  }

  private static void append(StringBuilder text, String what, List<String> keys) {
    if (!keys.isEmpty()) {
      text.append(text.length() == 0 ? "" : "; ").append(what).append(' ').append(String.join(", ", keys));
    }
  }

  /** The JSON shape; times as strings, so that no Jackson module is needed. */
  private record Wire(String author, String reason, String at, long previousRevision, String sha256, String diff,
      WireFlags flags, String etcdUser) {}

  private record WireFlags(List<String> added, List<String> removed, List<String> changed) {}
}
