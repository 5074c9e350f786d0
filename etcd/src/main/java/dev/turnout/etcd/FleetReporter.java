package dev.turnout.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this JVM's {@link FleetReport} in etcd at {@code fleetPrefix + instance}, on a lease of
 * {@value #TTL_SECONDS} s renewed every few seconds: the record disappears shortly after the JVM stops.
 * The report is rewritten whenever the catalog applied (or refused) changes, and written again, on a new
 * lease if the old one expired, once etcd is reachable after an outage.
 *
 * <p>Everything runs on the source's single thread ({@code executor}); nothing here throws.
 */
final class FleetReporter {

  private static final System.Logger LOG = System.getLogger("dev.turnout.etcd");
  static final long TTL_SECONDS = 10;
  private static final long RENEW_MILLIS = TTL_SECONDS * 1000 / 3;

  private final Client client;
  private final ScheduledExecutorService executor;
  private final Duration timeout;
  private final ByteSequence key;
  private final String instance;
  private final String app;
  private final String host;
  private final long pid;
  private final Instant startedAt;

  // Confined to the executor.
  private long revision;
  private String origin = "none";
  private Instant appliedAt;
  private String problem;
  private long lease;
  /** Whether etcd holds the newest report (false after a change or a failure). */
  private boolean written;
  private boolean failing;
  private ScheduledFuture<?> renewal;
  private boolean closed;

  FleetReporter(Client client, ScheduledExecutorService executor, EtcdTarget target, String app) {
    this.client = client;
    this.executor = executor;
    this.timeout = target.timeout();
    this.pid = ProcessHandle.current().pid();
    this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    this.host = hostName();
    this.instance = (host + "-" + pid + "-" + startedAt.toEpochMilli()).replaceAll("[^A-Za-z0-9._-]", "_");
    this.key = EtcdTarget.bytes(target.fleetPrefix() + instance);
    this.app = app;
  }

  String instance() {
    return instance;
  }

  /** Starts renewing (and writing) the report. */
  void start() {
    executor.execute(this::renew);
  }

  /** The JVM now applies {@code revision} (from {@code origin}); the report is rewritten. */
  void applied(long revision, String origin) {
    executor.execute(() -> {
      this.revision = revision;
      this.origin = origin;
      this.appliedAt = Instant.now();
      this.problem = null;
      written = false;
      write();
    });
  }

  /** The JVM refused a newer catalog and keeps what it applies; the report says why. */
  void refused(String why) {
    executor.execute(() -> {
      this.problem = why;
      written = false;
      write();
    });
  }

  /** etcd is reachable again: write the report now rather than at the next renewal. */
  void reconnected() {
    executor.execute(() -> {
      if (failing) {
        written = false;
        write();
      }
    });
  }

  FleetReport report() {
    return new FleetReport(instance, app, host, pid, startedAt, revision, origin, appliedAt, problem);
  }

  /** Renews the lease, or writes the report on a new one; then schedules the next renewal. */
  private void renew() {
    if (closed) {
      return;
    }
    if (written && lease != 0) {
      try {
        LeaseKeepAliveResponse kept = client.getLeaseClient().keepAliveOnce(lease)
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (kept.getTTL() <= 0) {
          lease = 0; // expired while etcd was unreachable: the report is gone with it
          written = false;
        }
      } catch (Exception e) { // NOPMD: any failure means "write again"
        failed(e);
        written = false;
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    if (!written) {
      write();
    }
    if (!closed) {
      renewal = executor.schedule(this::renew, RENEW_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void write() {
    if (closed || written) {
      return;
    }
    try {
      if (lease == 0) {
        lease = client.getLeaseClient().grant(TTL_SECONDS).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getID();
      }
      client.getKVClient().put(key, EtcdTarget.bytes(report().toJson()), PutOption.builder().withLeaseId(lease).build())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      written = true;
      if (failing) {
        failing = false;
        LOG.log(Level.INFO, "Turnout: fleet report {0} written again", instance);
      }
    } catch (Exception e) { // NOPMD: reported once per outage, retried at the next renewal
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // A lease that etcd no longer knows cannot carry the put: take a new one next time.
      if (String.valueOf(e.getMessage()).contains("lease not found")) {
        lease = 0;
      }
      failed(e);
    }
  }

  private void failed(Exception e) {
    if (!failing) {
      failing = true;
      LOG.log(Level.WARNING, "Turnout: cannot write the fleet report {0} to etcd, retrying: {1}", instance, e.toString());
    }
  }

  /** Stops renewing and removes the report (revokes its lease), waiting at most the request timeout. */
  void close() {
    closed = true;
    ScheduledFuture<?> next = renewal;
    if (next != null) {
      next.cancel(false);
    }
    if (lease != 0) {
      try {
        client.getLeaseClient().revoke(lease).get(Math.min(timeout.toMillis(), 1000), TimeUnit.MILLISECONDS);
      } catch (Exception e) { // NOPMD: the lease then expires on its own
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | RuntimeException e) {
      return "unknown-host";
    }
  }
}
