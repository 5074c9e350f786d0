package dev.turnout.etcd;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What turnout-etcd logs (logger {@code dev.turnout.etcd}, through {@code java.util.logging}) while it is
 * open, each record formatted as its level and message.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.turnout.etcd");
  private final Level level = logger.getLevel();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      lines.add(record.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  public LogCapture() {
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** The records so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** All records so far, one a line. */
  public String text() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(level);
  }
}
