package dev.turnout.console.internal;

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
final class EtcdStore extends AbstractCatalogBackend {

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
    return snapshot(kv.getValue().toString(StandardCharsets.UTF_8), Long.toString(kv.getModRevision()));
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
  protected String readerName() {
    return target.key();
  }

  @Override
  protected CatalogStore.Outcome write(CatalogStore.Snapshot now, String text, String diff, String user,
      String action, String flag, String environment, String reason) {
    Publication p;
    try {
      p = publisher.publish(Publisher.Request.of(target.key(), text).format(format(text)).author(user)
          .reason(action + ": " + reason).expectRevision(Long.parseLong(now.revision())));
    } catch (PublishConflictException e) {
      return conflict(now.revision(), read(), text);
    } catch (CatalogException e) {
      return new CatalogStore.Invalid(messages(e));
    } catch (EtcdAccessException e) {
      throw new IllegalStateException(e.getMessage() + " Nothing was changed.", e);
    }
    return new CatalogStore.Saved(Long.toString(p.revision()), diff);
  }

  /** The key's text at {@code base}, from etcd's history; null when compacted away or not a revision. */
  @Override
  protected String textAt(String base) {
    try {
      long revision = Long.parseLong(base);
      if (revision > 0) {
        KeyValue kv = get(GetOption.builder().withRevision(revision).build());
        return kv == null ? null : kv.getValue().toString(StandardCharsets.UTF_8);
      }
    } catch (NumberFormatException | IllegalStateException e) {
      // Not a revision, or compacted away: the other change cannot be shown, only that there was one.
    }
    return null;
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
  @Override
  public CatalogFormat format(String text) {
    return text.stripLeading().startsWith("{") ? CatalogFormat.JSON : CatalogFormat.YAML;
  }

  @Override
  public String name() {
    return target.toString();
  }

  @Override
  public String changed() {
    return "the catalog at the etcd key " + target.key();
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
