package dev.turnout.sample.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends {@code java.util.logging} (and so {@code System.Logger}, which Turnout logs through) to
 * standard output, one line per record: {@code 12:00:01.234 INFO dev.turnout: message}. The root
 * logger's level decides what is printed; {@link LogLevel} sets it.
 *
 * <pre>{@code
 * ConsoleLog.install();
 * }</pre>
 */
public final class ConsoleLog extends Handler {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private ConsoleLog() {
    setLevel(Level.ALL);
  }

  /** Replaces the root logger's handlers with one that prints to standard output. */
  public static void install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.addHandler(new ConsoleLog());
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    if (message != null && parameters != null && parameters.length > 0) {
      message = MessageFormat.format(message, parameters);
    }
    StringBuilder line = new StringBuilder().append(LocalTime.now().format(TIME)).append(' ')
        .append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(": ").append(message);
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
    }
    System.out.println(line);
  }

  @Override
  public void flush() {
    System.out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
