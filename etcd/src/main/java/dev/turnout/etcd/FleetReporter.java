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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps this JVM's {@link FleetReport} in etcd at {@code fleetPrefix + instance}, on a lease of
 * {@value #TTL_SECONDS} s renewed every few seconds: the record disappears shortly after the JVM stops.
 * The report is rewritten whenever the catalog applied (or refused) changes, and written again, on a new
 * lease if the old one expired, once etcd is reachable after an outage.
 *
 * <p>Everything runs on a thread of its own, so that a slow etcd never delays the catalog's watch;
 * nothing here throws.
 */
final class FleetReporter {

  private static final System.Logger LOG = System.getLogger("dev.turnout.etcd");
  static final long TTL_SECONDS = 10;
  private static final long RENEW_MILLIS = TTL_SECONDS * 1000 / 3;
  private static final AtomicInteger SOURCES = new AtomicInteger();

  private Client client;
  private final ScheduledExecutorService executor;
  private final Duration timeout;
  private final ByteSequence key;
  private final String instance;
  private final String app;
  private final String host;
  private final long pid;
  private final Instant startedAt;

  // Guarded by this.
  private long revision;
  private String origin = "none";
  private Instant appliedAt;
  private String problem;
  // Confined to the executor.
  private long lease;
  /** Whether etcd holds the newest report (false after a change or a failure). */
  private boolean written;
  private boolean failing;
  private ScheduledFuture<?> renewal;
  private volatile boolean closed;
  private volatile FleetReport latest;

  FleetReporter(Client client, EtcdTarget target, String app) {
    this.client = client;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "turnout-etcd-report " + target.key());
      thread.setDaemon(true);
      thread.setContextClassLoader(FleetReporter.class.getClassLoader());
      return thread;
    });
    this.timeout = target.timeout();
    this.pid = ProcessHandle.current().pid();
    this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    this.host = hostName();
    // A second source in the same JVM (another engine) reports as an instance of its own.
    int n = SOURCES.incrementAndGet();
    this.instance = (host + "-" + pid + "-" + startedAt.toEpochMilli() + (n == 1 ? "" : "-" + n))
        .replaceAll("[^A-Za-z0-9._-]", "_");
    this.key = EtcdTarget.bytes(target.fleetPrefix() + instance);
    this.app = app;
    current();
  }

  /** The source's new connection, after an outage (called on the executor). */
  void client(Client next) {
    submit(() -> {
      this.client = next;
      written = false;
      write();
    });
  }

  String instance() {
    return instance;
  }

  /** Starts renewing (and writing) the report. */
  void start() {
    submit(this::renew);
  }

  /** The JVM now applies {@code revision} (from {@code origin}); the report is rewritten. */
  synchronized void applied(long revision, String origin) {
    this.revision = revision;
    this.origin = origin;
    this.appliedAt = Instant.now();
    this.problem = null;
    current();
    rewrite();
  }

  /** The JVM refused a newer catalog and keeps what it applies; the report says why. */
  synchronized void refused(String why) {
    this.problem = why;
    current();
    rewrite();
  }

  private void rewrite() {
    submit(() -> {
      written = false;
      write();
    });
  }

  /** etcd is reachable again: write the report now rather than at the next renewal. */
  void reconnected() {
    submit(() -> {
      if (failing) {
        written = false;
        write();
      }
    });
  }

  private void submit(Runnable task) {
    try {
      executor.execute(() -> guarded(task));
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.log(Level.WARNING, "Turnout: the fleet report " + instance + " failed", e);
      }
    }
  }

  /** The report as it stands, once the changes submitted before are taken in. */
  FleetReport report() {
    return latest;
  }

  private synchronized void current() {
    latest = new FleetReport(instance, app, host, pid, startedAt, revision, origin, appliedAt, problem);
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
        if (String.valueOf(e.getMessage()).contains("lease not found")) {
          lease = 0;
        }
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
      try {
        renewal = executor.schedule(() -> guarded(this::renew), RENEW_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closed meanwhile
      }
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
      client.getKVClient().put(key, EtcdTarget.bytes(latest.toJson()), PutOption.builder().withLeaseId(lease).build())
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
    if (!failing && !closed) {
      failing = true;
      LOG.log(Level.WARNING, "Turnout: cannot write the fleet report {0} to etcd, retrying: {1}", instance, e.toString());
    }
  }

  /** Stops renewing and removes the report (revokes its lease), waiting a second at most. */
  void close() {
    closed = true;
    try {
      executor.submit(this::stop).get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      // the lease then expires on its own
    }
    executor.shutdownNow();
  }

  private void stop() {
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
