package dev.turnout.etcd.admin;

import static dev.turnout.etcd.admin.Requests.await;
import static dev.turnout.etcd.admin.Requests.bytes;
import static dev.turnout.etcd.admin.Requests.text;

import dev.turnout.etcd.EtcdTarget;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The publishes of a catalog, from the audit records under {@link EtcdTarget#auditPrefix()}.
 *
 * <pre>{@code
 * for (AuditRecord r : AuditLog.read(client, target, 20)) {
 *   System.out.println(r.revision() + " " + r.at() + " " + r.author() + ": " + r.reason());
 * }
 * }</pre>
 */
public final class AuditLog {

  private AuditLog() {}

  /**
   * The newest {@code limit} records, newest first. A record that cannot be read (not written by a
   * publish) is returned with its key and revision, its reason saying so.
   *
   * @throws EtcdAccessException when etcd cannot be asked
   */
  public static List<AuditRecord> read(Client client, EtcdTarget target, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("the limit must be positive, not " + limit);
    }
    GetOption newestFirst = GetOption.builder().isPrefix(true).withSortField(GetOption.SortTarget.MOD)
        .withSortOrder(GetOption.SortOrder.DESCEND).withLimit(limit).build();
    List<AuditRecord> records = new ArrayList<>();
    for (KeyValue kv : await(() -> client.getKVClient().get(bytes(target.auditPrefix()), newestFirst), target,
        "reading " + target.auditPrefix()).getKvs()) {
      String key = text(kv.getKey());
      try {
        records.add(AuditRecord.fromJson(key, kv.getModRevision(), text(kv.getValue())));
      } catch (IllegalArgumentException e) {
        records.add(new AuditRecord(key, kv.getModRevision(), null, "(unreadable record: " + e.getMessage() + ")",
            null, 0, null, null, List.of(), List.of(), List.of(), null));
      }
    }
    return records;
  }
}
