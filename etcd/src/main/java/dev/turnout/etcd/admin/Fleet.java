package dev.turnout.etcd.admin;

import static dev.turnout.etcd.admin.Requests.await;
import static dev.turnout.etcd.admin.Requests.bytes;
import static dev.turnout.etcd.admin.Requests.text;

import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.FleetReport;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which catalog revision each JVM of a fleet applies, against the catalog key's current revision: read
 * from the {@link FleetReport}s the JVMs keep under {@link EtcdTarget#fleetPrefix()} (on leases, so a
 * stopped JVM drops out within seconds).
 *
 * <pre>{@code
 * Fleet fleet = Fleet.read(client, target);
 * for (Fleet.Member m : fleet.members()) {
 *   System.out.println(m.report().instance() + " " + m.status() + " " + m.behindBy());
 * }
 * if (!fleet.allUpToDate()) System.exit(1);
 * }</pre>
 *
 * @param key the catalog key
 * @param catalogRevision the catalog key's current revision (0: no catalog)
 * @param members one per report, the ones needing attention first
 * @param unreadable reports that could not be read, as {@code key: why}
 */
public record Fleet(String key, long catalogRevision, List<Member> members, List<String> unreadable) {

  public Fleet {
    members = List.copyOf(members);
    unreadable = List.copyOf(unreadable);
  }

  /** Where a JVM stands. */
  public enum Status {
    /** It refused the newest catalog it saw (its report carries the problem) and serves an older one. */
    REFUSED,
    /** It serves its last-good local copy, older than the current catalog. */
    LAST_GOOD,
    /** It serves an older revision, or none. */
    BEHIND,
    /** It serves the current revision. */
    UP_TO_DATE
  }

  /**
   * One JVM.
   *
   * @param report what it reported
   * @param status where it stands
   * @param behindBy how many publishes it is behind (from the audit records; at least 1 when behind), 0
   *     when up to date
   */
  public record Member(FleetReport report, Status status, int behindBy) {
    public Member {
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * Reads the catalog's revision, the reports and the audit revisions in one consistent snapshot.
   *
   * @throws EtcdAccessException when etcd cannot be asked
   */
  public static Fleet read(Client client, EtcdTarget target) {
    GetOption prefix = GetOption.builder().isPrefix(true).build();
    GetOption auditRevisions = GetOption.builder().isPrefix(true).withKeysOnly(true).build();
    TxnResponse snapshot = await(() -> client.getKVClient().txn()
        .Then(Op.get(bytes(target.key()), GetOption.DEFAULT),
            Op.get(bytes(target.fleetPrefix()), prefix),
            Op.get(bytes(target.auditPrefix()), auditRevisions))
        .commit(), target, "reading " + target.fleetPrefix());
    List<KeyValue> catalog = snapshot.getGetResponses().get(0).getKvs();
    long current = catalog.isEmpty() ? 0 : catalog.get(0).getModRevision();
    long[] published = snapshot.getGetResponses().get(2).getKvs().stream()
        .mapToLong(KeyValue::getModRevision).sorted().toArray();
    List<Member> members = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (KeyValue kv : snapshot.getGetResponses().get(1).getKvs()) {
      try {
        members.add(member(FleetReport.fromJson(text(kv.getValue())), current, published));
      } catch (IllegalArgumentException e) {
        unreadable.add(text(kv.getKey()) + ": " + e.getMessage());
      }
    }
    members.sort(Comparator.comparing(Member::status)
        .thenComparing(m -> m.report().app(), Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(m -> m.report().instance()));
    return new Fleet(target.key(), current, members, unreadable);
  }

  static Member member(FleetReport report, long current, long[] published) {
    if (report.problem() != null) {
      return new Member(report, Status.REFUSED, behindBy(report.revision(), current, published));
    }
    if (report.revision() >= current) {
      return new Member(report, Status.UP_TO_DATE, 0);
    }
    return new Member(report, "last-good".equals(report.origin()) ? Status.LAST_GOOD : Status.BEHIND,
        behindBy(report.revision(), current, published));
  }

  /** The publishes after {@code revision} up to {@code current}, at least 1 when behind. */
  private static int behindBy(long revision, long current, long[] published) {
    if (revision >= current) {
      return 0;
    }
    int count = 0;
    for (long p : published) {
      if (p > revision && p <= current) {
        count++;
      }
    }
    return Math.max(1, count);
  }

  /** How many members have this status. */
  public int count(Status status) {
    return (int) members.stream().filter(m -> m.status() == status).count();
  }

  /** Whether every member serves the current revision (true for an empty fleet). */
  public boolean allUpToDate() {
    return members.stream().allMatch(m -> m.status() == Status.UP_TO_DATE);
  }
}
