package dev.turnout.agent.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's messages, through the {@code dev.turnout} {@link System.Logger}. Details (each class
 * transformed) go out at DEBUG, or at INFO with the agent argument {@code log=debug} so they show
 * without configuring logging.
 *
 * <p>No caller ever enters the logging system: each message is queued, and one daemon thread of the agent's,
 * {@code turnout-agent-log}, started when the agent is installed, writes them in order. Most messages come from
 * the class file transformer, which runs inside the JVM's loading of some class, holding that class's
 * loading lock. Setting the logging system up, or writing a line, may load classes and take the logging
 * system's own locks, as the application's {@link System.LoggerFinder} or its appenders decide; a thread
 * that does so while another thread, inside one of those locks, waits to load the class being transformed
 * would never go on. Queued, a message costs the transformer an allocation and never a wait. The queue holds
 * at most {@value #CAPACITY} messages; past that, messages are counted, and the count is written when there
 * is room again. When the JVM exits, it waits up to {@value #EXIT_WAIT_MILLIS} ms for the messages still queued.
 */
final class AgentLog {

  /** Messages waiting for the writer thread, at most. */
  static final int CAPACITY = 1024;
  /** How long the JVM's exit waits, at most, for the queued messages to be written. */
  static final long EXIT_WAIT_MILLIS = 500;

  private static volatile boolean debug;
  private static final BlockingQueue<Line> QUEUE = new LinkedBlockingQueue<>(CAPACITY);
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final AtomicLong DROPPED = new AtomicLong();
  /** Messages queued and not yet written (or given up on). */
  private static final AtomicLong PENDING = new AtomicLong();

  private AgentLog() {}

  /** The logger, created by the writer thread with its first message. */
  private static final class Holder {
    static final System.Logger LOG = System.getLogger("dev.turnout");
  }

  /** One queued message. */
  private static final class Line {
    final Level level;
    final String message;
    final Throwable thrown;

    Line(Level level, String message, Throwable thrown) {
      this.level = level;
      this.message = message;
      this.thrown = thrown;
    }
  }

  /** The writer thread's work (a class, not a lambda: a lambda would set up method handles in premain). */
  private static final class Writer implements Runnable {
    @Override
    public void run() {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(new Flush(), "turnout-agent-log-flush"));
      } catch (IllegalStateException | SecurityException e) {
        // the JVM is exiting already, or may not be told: nothing waits for the last messages
      }
      while (true) {
        Line line;
        try {
          line = QUEUE.take();
        } catch (InterruptedException e) {
          return; // only the JVM's end interrupts a daemon thread of the agent's own
        }
        try {
          Holder.LOG.log(line.level, line.message, line.thrown);
          long dropped = DROPPED.getAndSet(0);
          if (dropped > 0) {
            Holder.LOG.log(Level.WARNING, "Turnout agent: " + dropped + " messages were not logged: more than "
                + CAPACITY + " were waiting");
          }
        } catch (Throwable t) { // NOPMD: a logging system that fails loses its line, never the agent's writer
          // next line
        } finally {
          PENDING.decrementAndGet();
        }
      }
    }
  }

  /** At the JVM's exit: waits a little for the writer to write what is queued. */
  private static final class Flush implements Runnable {
    @Override
    public void run() {
      awaitWritten(EXIT_WAIT_MILLIS);
    }
  }

  /** Waits until every message queued so far is written, at most {@code millis}; whether they all were. */
  static boolean awaitWritten(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    try {
      while (PENDING.get() > 0) {
        if (System.nanoTime() >= end) {
          return false;
        }
        Thread.sleep(2);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PENDING.get() == 0;
    }
  }

  static void debug(boolean on) {
    debug = on;
  }

  static void detail(String message) {
    queue(debug ? Level.INFO : Level.DEBUG, message, null);
  }

  static void info(String message) {
    queue(Level.INFO, message, null);
  }

  static void warning(String message) {
    queue(Level.WARNING, message, null);
  }

  /** One line at ERROR; the stack trace only at DEBUG, so a problem reads as a single line. */
  static void error(String message, Throwable t) {
    queue(Level.ERROR, message + ": " + t, null);
    queue(Level.DEBUG, message, t);
  }

  private static void queue(Level level, String message, Throwable thrown) {
    PENDING.incrementAndGet();
    if (!QUEUE.offer(new Line(level, message, thrown))) {
      PENDING.decrementAndGet();
      DROPPED.incrementAndGet();
    }
    start();
  }

  /**
   * Starts the writer thread, once. The installer calls this first, from {@code premain} or {@code agentmain},
   * so that the thread is not created by an application's thread (whose context class loader, a web
   * application's say, it would keep); a message queued before, as in tests, starts it too.
   */
  static void start() {
    if (!STARTED.get() && STARTED.compareAndSet(false, true)) {
      Thread writer = new Thread(new Writer(), "turnout-agent-log");
      writer.setDaemon(true);
      writer.setContextClassLoader(null);
      writer.start();
    }
  }
}
