package dev.turnout.etcd.admin;

import static dev.turnout.etcd.admin.Requests.await;
import static dev.turnout.etcd.admin.Requests.bytes;
import static dev.turnout.etcd.admin.Requests.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.turnout.CatalogChange;
import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.internal.EtcdFailures;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.internal.engine.CatalogDiff;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes a catalog to its etcd key: validates it as strictly as a JVM reading it would, then writes
 * it with compare-and-swap on the key's revision, together with an {@link AuditRecord}, in one etcd
 * transaction. Two people publishing on top of the same revision cannot overwrite each other: the
 * second gets a {@link PublishConflictException} and nothing of theirs is written.
 *
 * <pre>{@code
 * EtcdTarget target = EtcdTarget.parse("etcd://10.0.0.1:2379/turnout/shop/catalog");
 * try (Client client = target.newClient()) {
 *   Publication p = new Publisher(client, target).publish(
 *       Publisher.Request.of("flags.yaml", Files.readString(path)).reason("checkout to 50%"));
 *   System.out.println("revision " + p.revision());
 * }
 * }</pre>
 */
public final class Publisher {

  private static final DateTimeFormatter AUDIT_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Client client;
  private final EtcdTarget target;
  private final Clock clock;
  private final Runnable beforeWrite;

  /** A publisher to {@code target}'s key through {@code client} (which the caller closes). */
  public Publisher(Client client, EtcdTarget target) {
    this(client, target, Clock.systemUTC());
  }

  /** As {@link #Publisher(Client, EtcdTarget)}, with the clock that dates audit records. */
  public Publisher(Client client, EtcdTarget target, Clock clock) {
    this(client, target, clock, () -> {});
  }

  /** With {@code beforeWrite} run between reading the key and the transaction: tests race publishes there. */
  Publisher(Client client, EtcdTarget target, Clock clock, Runnable beforeWrite) {
    this.client = Objects.requireNonNull(client, "client");
    this.target = Objects.requireNonNull(target, "target");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.beforeWrite = beforeWrite;
  }

  /**
   * Validates the catalog and compares it with the one in etcd; writes nothing.
   *
   * @return {@link Publication.Status#PREVIEW} with the diff, or {@link Publication.Status#UNCHANGED}
   * @throws CatalogException when the catalog does not validate (each problem as {@code name:line:column})
   * @throws PublishConflictException when an expected revision is given and the key is at another one
   * @throws EtcdAccessException when etcd cannot be asked
   */
  public Publication preview(Request request) {
    Plan plan = plan(request);
    return plan.publication(plan.unchanged() ? Publication.Status.UNCHANGED : Publication.Status.PREVIEW,
        plan.currentRevision(), null);
  }

  /**
   * Validates the catalog and, unless it is the same text as the current one, writes it and its audit
   * record in one transaction that succeeds only if the key is still at the revision read (or given by
   * {@link Request#expectRevision(long)}).
   *
   * @throws CatalogException when the catalog does not validate; nothing is written
   * @throws PublishConflictException when someone published in between; nothing is written
   * @throws IllegalArgumentException when the request has no reason
   * @throws EtcdAccessException when etcd cannot be asked
   */
  public Publication publish(Request request) {
    if (request.reason() == null || request.reason().isBlank()) {
      throw new IllegalArgumentException("a publish needs a reason: say why, for the audit trail");
    }
    refuseControls("reason", request.reason());
    if (request.author() != null) {
      refuseControls("author", request.author());
    }
    Plan plan = plan(request);
    if (plan.unchanged()) {
      return plan.publication(Publication.Status.UNCHANGED, plan.currentRevision(), null);
    }
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String author = request.author() == null || request.author().isBlank() ? defaultAuthor() : request.author();
    String auditKey = target.auditPrefix() + AUDIT_TIME.format(at) + "-"
        + String.format("%08x", ThreadLocalRandom.current().nextInt());
    AuditRecord draft = new AuditRecord(auditKey, 0, author, request.reason().strip(), at, plan.currentRevision(),
        sha256(request.text()), trimmed(plan.diff(), request.text()), plan.added(), plan.removed(), plan.changed(),
        target.user());
    int size = request.text().getBytes(StandardCharsets.UTF_8).length + auditKey.length() + target.key().length()
        + draft.toJson().getBytes(StandardCharsets.UTF_8).length + TXN_OVERHEAD_BYTES;
    if (size > target.maxRequestBytes()) {
      throw new EtcdAccessException(request.name() + " is " + request.text().getBytes(StandardCharsets.UTF_8).length
          + " bytes; with its audit record the publish would be " + size + " bytes, more than the "
          + target.maxRequestBytes() + " bytes etcd accepts in one request (its --max-request-bytes; tell Turnout a "
          + "larger limit with max-request-bytes= in the address): nothing was published", null);
    }

    beforeWrite.run();
    ByteSequence key = bytes(target.key());
    Cmp unchangedSinceRead = plan.currentRevision() == 0
        ? new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0))
        : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(plan.currentRevision()));
    TxnResponse response = await(() -> client.getKVClient().txn()
        .If(unchangedSinceRead)
        .Then(Op.put(key, bytes(request.text()), PutOption.DEFAULT),
            Op.put(bytes(auditKey), bytes(draft.toJson()), PutOption.DEFAULT))
        .Else(Op.get(key, GetOption.DEFAULT), Op.get(bytes(target.auditPrefix()), newestAudit()))
        .commit(), target, "publishing to " + target.key());
    if (!response.isSucceeded()) {
      List<KeyValue> found = response.getGetResponses().get(0).getKvs();
      throw new PublishConflictException(request.name(), target.key(), plan.currentRevision(),
          found.isEmpty() ? 0 : found.get(0).getModRevision(), audit(response.getGetResponses().get(1)));
    }
    long revision = response.getHeader().getRevision();
    AuditRecord audit = new AuditRecord(auditKey, revision, draft.author(), draft.reason(), draft.at(),
        draft.previousRevision(), draft.sha256(), draft.diff(), draft.added(), draft.removed(), draft.changed(),
        draft.etcdUser());
    return plan.publication(Publication.Status.PUBLISHED, revision, audit);
  }

  private Plan plan(Request request) {
    CatalogFormat format = request.format() != null ? request.format() : detect(request.text());
    Catalog after = CatalogReader.read(request.name(), request.text(), format);
    GetResponse current = await(() -> client.getKVClient().get(bytes(target.key())), target,
        "reading " + target.key());
    String currentText = current.getKvs().isEmpty() ? null : text(current.getKvs().get(0).getValue());
    long currentRevision = current.getKvs().isEmpty() ? 0 : current.getKvs().get(0).getModRevision();
    OptionalLong expected = request.expectedRevision();
    if (expected.isPresent() && expected.getAsLong() != currentRevision) {
      GetResponse newest = await(() -> client.getKVClient().get(bytes(target.auditPrefix()), newestAudit()), target,
          "reading " + target.auditPrefix());
      throw new PublishConflictException(request.name(), target.key(), expected.getAsLong(), currentRevision,
          audit(newest));
    }
    if (request.text().equals(currentText)) {
      return new Plan(target.key(), currentRevision, true, "", List.of(), List.of(), List.of());
    }
    Catalog before = null;
    if (currentText != null) {
      try {
        before = CatalogReader.read(target.key(), currentText, detect(currentText));
      } catch (CatalogException e) {
        // The current text does not validate (it was not written by a publish): every flag counts as added.
      }
    }
    CatalogChange change = CatalogDiff.diff(before, after, 0);
    String oldName = currentText == null ? "/dev/null" : target.key() + "@" + currentRevision;
    return new Plan(target.key(), currentRevision, false,
        unifiedDiff(oldName, request.name(), currentText == null ? "" : currentText, request.text()),
        sorted(change.added()), sorted(change.removed()), sorted(change.modified()));
  }

  /** Room in a transaction beyond the keys and values: operation framing, the compare, the else branch. */
  private static final int TXN_OVERHEAD_BYTES = 1024;
  /** The largest diff kept in an audit record: a whole catalog's diff would double the request. */
  static final int MAX_AUDIT_DIFF_CHARS = 64 * 1024;

  /**
   * Refuses a reason or author with control characters: line breaks and terminal escape sequences
   * would forge rows in {@code turnout audit}.
   *
   * @throws IllegalArgumentException saying where the character is
   */
  public static void refuseControls(String what, String text) {
    int at = EtcdFailures.firstControl(text);
    if (at >= 0) {
      throw new IllegalArgumentException("the " + what + " holds a control character (" + String.format("U+%04X",
          (int) text.charAt(at)) + " at position " + (at + 1) + "): write it on one line, without escape sequences");
    }
  }

  /** The diff, cut at a line end when longer than {@link #MAX_AUDIT_DIFF_CHARS}, saying so. */
  static String trimmed(String diff, String text) {
    if (diff.length() <= MAX_AUDIT_DIFF_CHARS) {
      return diff;
    }
    int cut = diff.lastIndexOf('\n', MAX_AUDIT_DIFF_CHARS);
    cut = cut < 0 ? MAX_AUDIT_DIFF_CHARS : cut + 1;
    return diff.substring(0, cut) + "... (diff trimmed to " + cut + " of " + diff.length()
        + " characters; the full text is the catalog revision itself, sha256 " + sha256(text) + ")\n";
  }

  /** A unified diff with three lines of context; empty when no line differs. */
  static String unifiedDiff(String oldName, String newName, String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    Patch<String> patch = DiffUtils.diff(a, b);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String line : UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, a, patch, 3)) {
      text.append(line).append('\n');
    }
    return text.toString();
  }

  private static GetOption newestAudit() {
    return GetOption.builder().isPrefix(true).withSortField(GetOption.SortTarget.MOD)
        .withSortOrder(GetOption.SortOrder.DESCEND).withLimit(1).build();
  }

  private static AuditRecord audit(GetResponse response) {
    if (response.getKvs().isEmpty()) {
      return null;
    }
    KeyValue kv = response.getKvs().get(0);
    try {
      return AuditRecord.fromJson(text(kv.getKey()), kv.getModRevision(), text(kv.getValue()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** JSON when the text starts with '{', YAML otherwise: what a JVM reading the key assumes. */
  static CatalogFormat detect(String text) {
    return text.stripLeading().startsWith("{") ? CatalogFormat.JSON : CatalogFormat.YAML;
  }

  private static List<String> sorted(Set<String> keys) {
    List<String> list = new ArrayList<>(keys);
    list.sort(null);
    return list;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** {@code user.name@host}. */
  static String defaultAuthor() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }

  private record Plan(String key, long currentRevision, boolean unchanged, String diff, List<String> added,
      List<String> removed, List<String> changed) {

    Publication publication(Publication.Status status, long revision, AuditRecord audit) {
      return new Publication(status, key, currentRevision, revision, diff, added, removed, changed, audit);
    }
  }

  /**
   * A catalog to publish: its name in messages (a file path), its text, and the publish's reason,
   * author and expected revision. Immutable; each method returns a changed copy.
   *
   * <pre>{@code
   * Publisher.Request.of("flags.yaml", text).reason("checkout to 50%").author("alice").expectRevision(41);
   * }</pre>
   */
  public static final class Request {

    private final String name;
    private final String text;
    private final CatalogFormat format;
    private final String reason;
    private final String author;
    private final long expectedRevision;

    private Request(String name, String text, CatalogFormat format, String reason, String author,
        long expectedRevision) {
      this.name = Objects.requireNonNull(name, "name");
      this.text = Objects.requireNonNull(text, "text");
      this.format = format;
      this.reason = reason;
      this.author = author;
      this.expectedRevision = expectedRevision;
    }

    /** The catalog {@code text}, named {@code name} in problems and diffs. */
    public static Request of(String name, String text) {
      return new Request(name, text, null, null, null, -1);
    }

    /** Why (required to publish; kept in the audit record). */
    public Request reason(String reason) {
      return new Request(name, text, format, reason, author, expectedRevision);
    }

    /** Who publishes; {@code user.name@host} by default. */
    public Request author(String author) {
      return new Request(name, text, format, reason, author, expectedRevision);
    }

    /**
     * Publish only if the key is at this revision (0: only if there is no catalog yet), rather than at
     * the revision read just before writing: the revision you reviewed.
     */
    public Request expectRevision(long revision) {
      if (revision < 0) {
        throw new IllegalArgumentException("a revision is 0 or more, not " + revision);
      }
      return new Request(name, text, format, reason, author, revision);
    }

    /** The syntax to validate with; by default JSON when the text starts with '{', YAML otherwise. */
    public Request format(CatalogFormat format) {
      return new Request(name, text, format, reason, author, expectedRevision);
    }

    public String name() {
      return name;
    }

    public String text() {
      return text;
    }

    public CatalogFormat format() {
      return format;
    }

    public String reason() {
      return reason;
    }

    public String author() {
      return author;
    }

    /** The revision given by {@link #expectRevision(long)}, if any. */
    public OptionalLong expectedRevision() {
      return expectedRevision < 0 ? OptionalLong.empty() : OptionalLong.of(expectedRevision);
    }
  }
}
