package dev.turnout.console.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import dev.turnout.etcd.EtcdCatalogSource;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.admin.AuditLog;
import dev.turnout.etcd.admin.AuditRecord;
import dev.turnout.etcd.admin.EtcdAccessException;
import dev.turnout.etcd.admin.Fleet;
import dev.turnout.etcd.admin.PublishConflictException;
import dev.turnout.etcd.admin.Publication;
import dev.turnout.etcd.admin.Publisher;
import dev.turnout.internal.catalog.CatalogReader;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A catalog kept in etcd ({@code --source etcd://HOST:PORT/KEY}), the key the fleet's JVMs watch. The revision of a
 * version is the key's {@code mod_revision}. A save goes through the etcd module's {@link Publisher}: compare-and-swap
 * on the revision the edit was made on, and the audit record under {@code KEY/audit/}, in one transaction, so that the
 * console, {@code turnout publish} and {@code turnout audit} share one trail.
 */
final class EtcdStore implements CatalogBackend {

  private final EtcdTarget target;
  private final Client client;
  private final Publisher publisher;
  private final Path pendingBase;

  /**
   * A store for {@code address}; changes waiting for approval are kept beside {@code pendingBase}.
   *
   * @throws IllegalArgumentException when the address is wrong
   */
  EtcdStore(String address, Path pendingBase, Clock clock) {
    this.target = EtcdTarget.parse(address);
    this.client = target.newClient();
    this.publisher = new Publisher(client, target, clock);
    this.pendingBase = pendingBase;
  }

  EtcdTarget target() {
    return target;
  }

  @Override
  public CatalogStore.Snapshot read() {
    KeyValue kv = get(GetOption.DEFAULT);
    if (kv == null) {
      return new CatalogStore.Snapshot("", "0", null, List.of("there is no catalog at " + target.key()
          + " yet: publish one with turnout publish"));
    }
    String text = kv.getValue().toString(StandardCharsets.UTF_8);
    String revision = Long.toString(kv.getModRevision());
    try {
      return new CatalogStore.Snapshot(text, revision, CatalogReader.read(target.key(), text, format(text)), List.of());
    } catch (CatalogException e) {
      return new CatalogStore.Snapshot(text, revision, null, problems(e));
    }
  }

  /** The key as it is, or at {@code option}'s revision; null when there is no such version. */
  private KeyValue get(GetOption option) {
    GetResponse response = await(client.getKVClient().get(ByteSequence.from(target.key(), StandardCharsets.UTF_8),
        option), "reading " + target.key());
    return response.getKvs().isEmpty() ? null : response.getKvs().get(0);
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
    try {
      return future.get(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("etcd at " + String.join(", ", target.endpoints()) + " did not answer "
          + what + ": " + cause.getMessage() + ". Nothing was changed.", e);
    }
  }

  @Override
  public List<String> validate(String text) {
    try {
      CatalogReader.read(target.key(), text, format(text));
      return List.of();
    } catch (CatalogException e) {
      return problems(e);
    }
  }

  private static List<String> problems(CatalogException e) {
    List<String> out = new ArrayList<>();
    e.problems().forEach(p -> out.add(p.toString()));
    if (out.isEmpty()) {
      out.add(e.getMessage());
    }
    return out;
  }

  @Override
  public synchronized CatalogStore.Outcome save(String base, String text, String user, String action, String flag,
      String environment, String reason) {
    CatalogStore.Snapshot now = read();
    if (!now.revision().equals(base)) {
      return conflict(base, now, text);
    }
    List<String> problems = validate(text);
    if (!problems.isEmpty()) {
      return new CatalogStore.Invalid(problems);
    }
    Publication p;
    try {
      p = publisher.publish(Publisher.Request.of(target.key(), text).format(format(text)).author(user)
          .reason(action + ": " + reason).expectRevision(Long.parseLong(base)));
    } catch (PublishConflictException e) {
      return conflict(base, read(), text);
    } catch (CatalogException e) {
      return new CatalogStore.Invalid(problems(e));
    } catch (EtcdAccessException e) {
      throw new IllegalStateException(e.getMessage() + " Nothing was changed.", e);
    }
    return new CatalogStore.Saved(Long.toString(p.revision()), diff(now.text(), text));
  }

  @Override
  public CatalogStore.Conflict conflict(String base, CatalogStore.Snapshot now, String text) {
    String baseText = null;
    try {
      long revision = Long.parseLong(base);
      if (revision > 0) {
        KeyValue kv = get(GetOption.builder().withRevision(revision).build());
        baseText = kv == null ? null : kv.getValue().toString(StandardCharsets.UTF_8);
      }
    } catch (NumberFormatException | IllegalStateException e) {
      // Not a revision, or compacted away: the other change cannot be shown, only that there was one.
    }
    String other = baseText == null ? "" : diff(baseText, now.text());
    String mine = baseText == null ? diff(now.text(), text) : diff(baseText, text);
    return new CatalogStore.Conflict(base, now.revision(), other, mine);
  }

  @Override
  public String diff(String before, String after) {
    List<String> a = List.of(before.split("\n", -1));
    List<String> b = List.of(after.split("\n", -1));
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(target.key(), target.key(), a, DiffUtils.diff(a, b),
        3));
  }

  /** The publishes of the key, from its etcd audit records: the console's saves and {@code turnout publish}'s. */
  @Override
  public List<AuditTrail.Entry> audit(int limit) {
    List<AuditTrail.Entry> entries = new ArrayList<>();
    for (AuditRecord r : AuditLog.read(client, target, limit)) {
      List<String> flags = new ArrayList<>(r.added());
      flags.addAll(r.removed());
      flags.addAll(r.changed());
      entries.add(new AuditTrail.Entry(r.at() == null ? java.time.Instant.EPOCH : r.at(), r.author(),
          "revision " + r.revision() + " (" + r.flagSummary() + ")", flags.isEmpty() ? null : String.join(", ", flags),
          null, r.reason(), Long.toString(r.previousRevision()), Long.toString(r.revision()), r.diff()));
    }
    return entries;
  }

  /** Which JVMs apply which revision of the key, now. */
  Fleet fleet() {
    return Fleet.read(client, target);
  }

  @Override
  public CatalogFormat format() {
    return CatalogFormat.YAML;
  }

  /** What a JVM reading the key assumes: JSON when the text starts with '{', YAML otherwise. */
  private static CatalogFormat format(String text) {
    return text.stripLeading().startsWith("{") ? CatalogFormat.JSON : CatalogFormat.YAML;
  }

  @Override
  public String name() {
    return target.toString();
  }

  @Override
  public CatalogSource source() {
    // The console is not a member of the fleet: no report, no local copy.
    return EtcdCatalogSource.builder(target).reports(false).noCache().build();
  }

  @Override
  public Path pendingBase() {
    return pendingBase;
  }

  @Override
  public String applyNote() {
    return "JVMs that watch " + target.key() + " (the agent's source=etcd://..., or an etcd catalog source) apply the "
        + "change within about a second of the save; the Fleet page shows which revision each one runs.";
  }

  @Override
  public boolean hasFleet() {
    return true;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return target.toString();
  }
}
