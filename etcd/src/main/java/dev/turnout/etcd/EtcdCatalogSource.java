package dev.turnout.etcd;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import dev.turnout.CatalogSource;
import dev.turnout.etcd.internal.EtcdFailures;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A catalog kept in etcd under one key, watched: every JVM of a fleet serves the same catalog and sees
 * each change within about a second. The key holds exactly what a catalog file holds (YAML, or JSON
 * when it starts with <code>{</code>).
 *
 * <pre>{@code
 * FlagEngine engine = FlagEngine.builder()
 *     .source(EtcdCatalogSource.builder(EtcdTarget.parse("etcd://10.0.0.1:2379,10.0.0.2:2379/turnout/shop"))
 *         .app("shop")
 *         .build())
 *     .build();
 * // or, with turnout-etcd on the class path:
 * FlagEngine.builder().source(CatalogSource.open("etcd://10.0.0.1:2379/turnout/shop", Map.of("app", "shop")))
 * }</pre>
 *
 * <p>How it behaves:
 * <ul>
 *   <li>the first {@link #read()} waits at most {@link Builder#startupWait the start-up wait} (5 s by
 *       default, ended early when waiting cannot help) for etcd; if etcd does not answer in time the engine starts from the last-good local copy
 *       (or with no catalog, every flag serving its fallback), and the source catches up once etcd answers;
 *   <li>the key is watched from the revision last seen + 1; after a disconnect the watch resumes from
 *       there, so no change is missed; if etcd compacted that revision away, the key is read again;
 *   <li>each catalog the engine applies from etcd is saved as the last-good copy ({@link Builder#cache});
 *   <li>this JVM's {@link FleetReport} is kept under {@link EtcdTarget#fleetPrefix()} on a lease.
 * </ul>
 * Nothing here throws into evaluation: etcd's failures are logged (once per outage) and retried.
 * Closing the engine's watch (closing the engine) closes the connection and removes the report.
 */
public final class EtcdCatalogSource implements CatalogSource {

  private static final System.Logger LOG = System.getLogger("dev.turnout.etcd");
  private static final long MIN_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 2000;
  private static final long PROBE_MILLIS = 500;
  private static final long RENEW_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final int PROBE_CONNECT_MILLIS = 300;
  /** The default start-up wait. */
  static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(5);

  private final EtcdTarget target;
  private final String name;
  /** Replaced (when the source opened it) once etcd is back after an outage: see {@link #probe()}. */
  private volatile Client client;
  private final boolean ownsClient;
  private final ByteSequence key;
  private final CatalogFormat format;
  private final Duration startupWait;
  private final LastGoodCopy cache;
  private final FleetReporter reporter;
  private final ScheduledExecutorService executor;
  private final CountDownLatch firstAnswer = new CountDownLatch(1);
  /** Counted down by the first answer, or by a failure that waiting cannot mend (the start then goes on). */
  private final CountDownLatch decided = new CountDownLatch(1);
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Object startLock = new Object();
  /** The last-good copy as read at start, or null. */
  private final Content lastGood;

  /** What {@link #read()} returns: the newest content seen, from etcd or the last-good copy. */
  private volatile Content current;
  /** The content the engine last applied, or null. */
  private volatile Content inForce;
  private volatile boolean closed;
  private boolean started; // guarded by startLock

  // Confined to the executor.
  /** The newest revision the watch has covered: it resumes from this + 1. */
  private long seenRevision;
  private io.etcd.jetcd.Watch.Watcher watcher;
  private int generation;
  private boolean paused;
  private long backoff = MIN_BACKOFF_MILLIS;
  private boolean outage;
  private EtcdFailures.Kind outageKind;
  /** Whether the key was read from etcd at least once (a watch can then resume). */
  private boolean synced;
  private int syncs;
  private boolean probing;
  private long renewedAt = System.nanoTime() - RENEW_NANOS;
  /** The one pending retry of sync or startWatch. */
  private ScheduledFuture<?> pending;
  /** The mod revisions of the changes the watch delivered, and how often the key was read again. */
  private final List<Long> delivered = new ArrayList<>();
  private int rereads;

  private EtcdCatalogSource(Builder b) {
    this.target = b.target;
    this.name = b.target.toString();
    this.format = b.format;
    this.startupWait = b.startupWait;
    this.key = EtcdTarget.bytes(b.target.key());
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "turnout-etcd " + b.target.key());
      thread.setDaemon(true);
      thread.setContextClassLoader(EtcdCatalogSource.class.getClassLoader());
      return thread;
    });
    this.cache = b.cacheDirectory == null ? null : LastGoodCopy.in(b.cacheDirectory, b.target);
    LastGoodCopy.Saved saved = cache == null ? null : cache.read();
    this.lastGood = saved == null ? null : new Content(name + " (last-good copy, revision " + saved.revision() + ")",
        saved.text(), saved.format(), saved.revision());
    this.current = lastGood;
    this.ownsClient = b.client == null;
    this.client = b.client != null ? b.client : newClient(b.target);
    this.reporter = b.reports ? new FleetReporter(client, b.target, b.app) : null;
    if (reporter != null) {
      reporter.start();
    }
    executor.execute(this::sync);
  }

  /** A client for the target, built with this module's class loader as context (gRPC looks its providers up there). */
  private static Client newClient(EtcdTarget target) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(EtcdCatalogSource.class.getClassLoader());
    try {
      return target.newClient();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A builder for a source reading {@code target}'s key. */
  public static Builder builder(EtcdTarget target) {
    return new Builder(target);
  }

  /**
   * A source from an address and the options an agent or {@link CatalogSource#open(String, Map)} passes:
   * {@code cache=DIR|off}, {@code app=NAME}, {@code wait=DURATION} (start-up wait, such as {@code 2s}),
   * {@code reports=on|off}, {@code format=yaml|json|unleash|flagd}.
   *
   * @throws IllegalArgumentException when the address or an option is wrong
   */
  public static EtcdCatalogSource open(String address, Map<String, String> options) {
    Builder b = builder(EtcdTarget.parse(address));
    for (Map.Entry<String, String> option : options.entrySet()) {
      String value = option.getValue() == null ? "" : option.getValue().strip();
      switch (option.getKey()) {
        case "cache" -> {
          if (value.equals("off")) {
            b.noCache();
          } else {
            b.cache(Path.of(value));
          }
        }
        case "app" -> b.app(value);
        case "wait" -> b.startupWait(EtcdTarget.duration(address, value));
        case "reports" -> {
          if (!value.equals("on") && !value.equals("off")) {
            throw new IllegalArgumentException("reports=" + EtcdFailures.printable(value) + " is not on or off");
          }
          b.reports(value.equals("on"));
        }
        case "format" -> b.format(CatalogFormat.forOption(value));
        default -> throw new IllegalArgumentException("unknown option '" + EtcdFailures.printable(option.getKey())
            + "' for " + EtcdFailures.printable(EtcdFailures.redact(address))
            + " (options: cache=DIR|off, app=NAME, wait=DURATION, reports=on|off, format=yaml|json|unleash|flagd)");
      }
    }
    return b.build();
  }

  @Override
  public String name() {
    return name;
  }

  /** The address read, without secrets. */
  public EtcdTarget target() {
    return target;
  }

  /**
   * The catalog as this source last saw it. The first call waits at most the start-up wait for etcd's
   * answer; if there is none by then, it returns the last-good copy (or null: no catalog yet).
   */
  @Override
  public Content read() {
    synchronized (startLock) {
      if (!started) {
        started = true;
        boolean answered;
        try {
          decided.await(startupWait.toMillis(), TimeUnit.MILLISECONDS);
          answered = firstAnswer.getCount() == 0;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          answered = false;
        }
        if (!answered) {
          String why = decided.getCount() == 0 ? "cannot be read (see above)"
              : "did not answer within the start-up wait of " + startupWait.toMillis() + " ms";
          Content fallback = current;
          if (fallback != null) {
            LOG.log(Level.WARNING, "Turnout: etcd at {0} {1}: starting from the last-good copy "
                + "{2} (revision {3}); catching up when etcd answers", name, why, cache.file(), fallback.revision());
          } else {
            LOG.log(Level.WARNING, "Turnout: etcd at {0} {1} and there is no last-good copy{2}:"
                + " starting with an empty catalog (every flag serves its fallback); catching up when etcd answers",
                name, why, cache == null ? " (cache=off)" : " at " + cache.file());
          }
        }
      }
    }
    return current;
  }

  @Override
  public void applied(Content content) {
    inForce = content;
    boolean fromCopy = content == lastGood;
    if (!fromCopy && cache != null && content.revision() > 0) {
      cache.write(content);
    }
    if (reporter != null) {
      reporter.applied(content.revision(), fromCopy ? "last-good" : "etcd");
    }
  }

  @Override
  public void refused(Content content, List<CatalogProblem> problems) {
    if (reporter != null) {
      reporter.refused("revision " + content.revision() + " refused: " + problems.get(0)
          + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    }
  }

  /**
   * Tells {@code changed} whenever the key changed in etcd. Closing the returned watch closes this
   * source: the watch, the connection (if the source opened it) and the fleet report.
   */
  @Override
  public Watch watch(Runnable changed) {
    listeners.add(changed);
    // Anything seen between the engine's first read and now.
    submit(changed);
    return this::close;
  }

  // ---- the executor's work

  /**
   * Reads the key, then watches it from the revision read + 1; retried with back-off until etcd answers.
   * The request runs without blocking this thread, which stays free for the watch and the probe.
   */
  private void sync() {
    if (closed) {
      return;
    }
    int attempt = ++syncs;
    CompletableFuture<GetResponse> request;
    try {
      request = client.getKVClient().get(key);
    } catch (RuntimeException e) {
      unreachable(e);
      retry(this::sync);
      return;
    }
    ScheduledFuture<?> timeout = executor.schedule(
        () -> request.completeExceptionally(new NoAnswer(EtcdFailures.noAnswer(target, "reading " + target.key(),
            target.timeout().toMillis() + " ms"))),
        target.timeout().toMillis(), TimeUnit.MILLISECONDS);
    request.whenComplete((response, error) -> {
      timeout.cancel(false);
      submit(() -> answered(attempt, response, error));
    });
  }

  private void answered(int attempt, GetResponse response, Throwable error) {
    if (attempt != syncs || closed) {
      return; // a newer attempt is under way
    }
    if (error != null) {
      unreachable(error);
      retry(this::sync);
      return;
    }
    List<KeyValue> kvs = response.getKvs();
    Content content = kvs.isEmpty() ? null : content(kvs.get(0));
    if (content == null) {
      LOG.log(Level.WARNING, "Turnout: there is no catalog at {0} yet{1}", name,
          current == null ? "" : ": keeping the catalog in force until one is published");
    }
    seenRevision = response.getHeader().getRevision();
    synced = true;
    recovered();
    offer(content);
    firstAnswer.countDown();
    decided.countDown();
    startWatch();
  }

  private void startWatch() {
    if (closed || paused) {
      return;
    }
    int g = ++generation;
    closeWatcher();
    WatchOption option = WatchOption.builder().withRevision(seenRevision + 1).withCreateNotify(true).build();
    watcher = client.getWatchClient().watch(key, option, io.etcd.jetcd.Watch.listener(
        response -> submit(() -> onResponse(g, response)),
        error -> submit(() -> onWatchEnded(g, error)),
        () -> submit(() -> onWatchEnded(g, null))));
  }

  private void onResponse(int g, WatchResponse response) {
    if (g != generation || closed) {
      return;
    }
    recovered();
    for (WatchEvent event : response.getEvents()) {
      KeyValue kv = event.getKeyValue();
      long revision = kv.getModRevision();
      if (revision <= seenRevision) {
        continue;
      }
      seenRevision = revision;
      delivered.add(revision);
      offer(event.getEventType() == WatchEvent.EventType.PUT ? content(kv) : null);
      if (event.getEventType() == WatchEvent.EventType.DELETE) {
        LOG.log(Level.WARNING, "Turnout: the catalog {0} was deleted from etcd (revision {1}): keeping the catalog "
            + "in force until one is published", name, revision);
      }
    }
  }

  /** The watch failed or ended: resume from the last revision seen + 1, or read again after a compaction. */
  private void onWatchEnded(int g, Throwable error) {
    if (g != generation || closed) {
      return;
    }
    generation++; // whatever the old watcher still reports is stale
    closeWatcher();
    if (error instanceof CompactedException compacted) {
      LOG.log(Level.WARNING, "Turnout: etcd compacted the history of {0} past revision {1} (to {2}): reading it again",
          name, seenRevision + 1, compacted.getCompactedRevision());
      rereads++;
      retry(this::sync);
      return;
    }
    unreachable(error == null ? new IllegalStateException("the watch stream ended") : error);
    retry(this::startWatch);
  }

  private void offer(Content content) {
    Content previous = current;
    if (content == null && previous != null) {
      return; // a deleted (or never published) key: keep serving what is in force
    }
    current = content;
    if (!Objects.equals(previous, content)) {
      for (Runnable listener : listeners) {
        listener.run(); // the engine reloads here, on this thread
      }
      Content applied = inForce;
      if (applied != null && applied == lastGood && content != null && content.revision() == applied.revision()
          && content.text().equals(applied.text())) {
        // etcd still holds the very revision started from: the engine has nothing new to apply or say.
        applied(content);
      }
    }
  }

  private Content content(KeyValue kv) {
    String text = kv.getValue().toString(StandardCharsets.UTF_8);
    CatalogFormat f = format != null ? format : text.stripLeading().startsWith("{") ? CatalogFormat.JSON : CatalogFormat.YAML;
    return new Content(name, text, f, kv.getModRevision());
  }

  private void unreachable(Throwable e) {
    if (!probing && ownsClient) {
      probing = true;
      executor.schedule(() -> guarded(this::probe), PROBE_MILLIS, TimeUnit.MILLISECONDS);
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String message = cause instanceof NoAnswer ? cause.getMessage()
        : EtcdFailures.diagnose(cause, target, "reading " + target.key()).message();
    EtcdFailures.Kind kind = cause instanceof NoAnswer ? EtcdFailures.Kind.OTHER
        : EtcdFailures.diagnose(cause, target, "reading " + target.key()).kind();
    if (kind.definitive() || kind == EtcdFailures.Kind.CONNECT) {
      decided.countDown(); // waiting out the start-up wait cannot help: start now, catch up later
    }
    // Said once per outage, and again when the cause changes (a timeout, then the real reason).
    if (!outage || kind != outageKind) {
      outage = true;
      outageKind = kind;
      LOG.log(Level.WARNING, "Turnout: {0}; serving revision {1} and retrying", message,
          current == null ? "none" : String.valueOf(current.revision()));
    }
  }

  /** A read that had no answer within the budget; its message says whether etcd accepts connections. */
  private static final class NoAnswer extends TimeoutException {
    private static final long serialVersionUID = 1L;

    NoAnswer(String message) {
      super(message);
    }
  }

  private void recovered() {
    backoff = MIN_BACKOFF_MILLIS;
    if (outage) {
      outage = false;
      LOG.log(Level.INFO, "Turnout: etcd at {0} answers again; watching from revision {1}", name, seenRevision + 1);
      if (reporter != null) {
        reporter.reconnected();
      }
    }
  }

  /** Runs the task (sync or startWatch) after the back-off, in place of any retry still pending. */
  private void retry(Runnable task) {
    long delay = backoff;
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    if (pending != null) {
      pending.cancel(false);
    }
    if (!closed) {
      try {
        pending = executor.schedule(() -> guarded(task), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closed meanwhile
      }
    }
  }

  /**
   * While etcd is unreachable: checks every half second whether an endpoint accepts connections again,
   * and if so replaces the client. gRPC's own reconnection backs off up to minutes after a long outage;
   * a fresh connection catches up at once. The watch then resumes from the last revision seen + 1.
   */
  private void probe() {
    if (closed || !outage) {
      probing = false;
      return;
    }
    if (System.nanoTime() - renewedAt > RENEW_NANOS && reachable()) {
      renewedAt = System.nanoTime();
      Client old = client;
      client = newClient(target);
      if (reporter != null) {
        reporter.client(client);
      }
      generation++;
      closeWatcher();
      CompletableFuture.runAsync(old::close);
      if (pending != null) {
        pending.cancel(false);
      }
      backoff = MIN_BACKOFF_MILLIS;
      if (synced) {
        startWatch();
      } else {
        sync();
      }
    }
    if (!closed) {
      executor.schedule(() -> guarded(this::probe), PROBE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Whether some endpoint accepts a TCP connection. */
  private boolean reachable() {
    return EtcdFailures.accepting(target, PROBE_CONNECT_MILLIS);
  }

  private void closeWatcher() {
    io.etcd.jetcd.Watch.Watcher w = watcher;
    watcher = null;
    if (w != null) {
      try {
        w.close();
      } catch (RuntimeException e) {
        // already closed
      }
    }
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
        LOG.log(Level.ERROR, "Turnout: the etcd source " + name + " failed; it keeps serving what it has", e);
      }
    }
  }

  // ---- test hooks

  /** Stops the watch as a disconnect would, until {@link #resumeWatch()}. */
  void pauseWatch() throws Exception {
    call(() -> {
      paused = true;
      generation++;
      closeWatcher();
      return null;
    });
  }

  /** Watches again from the last revision seen + 1. */
  void resumeWatch() throws Exception {
    call(() -> {
      paused = false;
      startWatch();
      return null;
    });
  }

  /** The mod revisions of the changes the watch delivered, in order. */
  List<Long> delivered() throws Exception {
    return call(() -> List.copyOf(delivered));
  }

  /** How many times the key was read again after a compaction. */
  int rereads() throws Exception {
    return call(() -> rereads);
  }

  /** This JVM's fleet report as it stands, or null without reports. */
  FleetReport report() {
    return reporter == null ? null : reporter.report();
  }

  String instance() {
    return reporter == null ? null : reporter.instance();
  }

  LastGoodCopy cache() {
    return cache;
  }

  private <T> T call(java.util.concurrent.Callable<T> task) throws Exception {
    Future<T> result = executor.submit(task);
    return result.get(30, TimeUnit.SECONDS);
  }

  /** Stops watching, removes the fleet report and closes the connection if this source opened it. */
  void close() {
    if (closed) {
      return;
    }
    try {
      executor.submit(() -> {
        closed = true;
        generation++;
        closeWatcher();
      }).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "Turnout: closing " + name + " took too long", e);
    }
    closed = true;
    executor.shutdownNow();
    if (reporter != null) {
      reporter.close();
    }
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Settings of an {@link EtcdCatalogSource}.
   *
   * <pre>{@code
   * EtcdCatalogSource.builder(EtcdTarget.parse("etcds://etcd.internal:2379/turnout/shop?ca=/etc/turnout/ca.pem"))
   *     .cache(Path.of("/var/cache/shop/turnout"))
   *     .startupWait(Duration.ofSeconds(1))
   *     .app("shop")
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final EtcdTarget target;
    private Client client;
    private Path cacheDirectory = LastGoodCopy.defaultDirectory();
    private Duration startupWait = DEFAULT_STARTUP_WAIT;
    private String app = defaultApp();
    private boolean reports = true;
    private CatalogFormat format;

    private Builder(EtcdTarget target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * The folder of the last-good copy (default {@code ~/.turnout/cache}); the file in it is named after
     * the endpoints and key, such as {@code 10.0.0.1_2379_turnout_shop.catalog}.
     */
    public Builder cache(Path directory) {
      this.cacheDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
      return this;
    }

    /** No last-good copy: a JVM started while etcd is unreachable starts with no catalog. */
    public Builder noCache() {
      this.cacheDirectory = null;
      return this;
    }

    /**
     * How long the first read waits for etcd before the last-good copy is used (default 5 s: a busy etcd
     * gets time to answer). The wait ends early when waiting cannot help: TLS or credentials refused,
     * or no connection could be made.
     */
    public Builder startupWait(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("a negative start-up wait: " + wait);
      }
      this.startupWait = wait;
      return this;
    }

    /** The application's name in the fleet report (default: the main class or jar). */
    public Builder app(String app) {
      this.app = Objects.requireNonNull(app, "app");
      return this;
    }

    /** Whether to keep a {@link FleetReport} for this JVM under the fleet prefix (default true). */
    public Builder reports(boolean reports) {
      this.reports = reports;
      return this;
    }

    /** Reads the key in this format whatever its shape (default: JSON when it starts with <code>{</code>, else YAML). */
    public Builder format(CatalogFormat format) {
      this.format = format;
      return this;
    }

    /**
     * A client to use instead of one built from the target; the source does not close it. Its endpoints
     * and credentials are the caller's business.
     */
    public Builder client(Client client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Connects (in the background) and starts reading the key. */
    public EtcdCatalogSource build() {
      return new EtcdCatalogSource(this);
    }

    /** The main class or jar the JVM was started with ({@code sun.java.command}), or {@code java}. */
    static String defaultApp() {
      String command = System.getProperty("sun.java.command", "").strip();
      if (command.isEmpty()) {
        return "java";
      }
      String main = command.split(" ", 2)[0];
      int slash = Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\'));
      return main.substring(slash + 1).toLowerCase(Locale.ROOT).endsWith(".jar") ? main.substring(slash + 1) : main;
    }
  }
}
