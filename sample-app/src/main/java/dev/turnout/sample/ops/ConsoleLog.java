package dev.turnout.sample.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;

/**
 * Where every {@link System.Logger} of the JVM writes while the sample runs: standard output, one line
 * per message, {@code 12:00:01.234 INFO dev.turnout: message} (a stack trace, when there is one, below
 * it). Turnout's agent and runtime log through {@code System.Logger}, so they write the same lines.
 *
 * <p>It is the JVM's {@link System.LoggerFinder}, declared in the jar's
 * {@code META-INF/services/java.lang.System$LoggerFinder}: the JDK finds it on the class path at the
 * first message, which under the agent comes before {@code main}, so no line is written in another
 * format (and nothing has to be set on the command line). {@link LogLevel} sets the level.
 *
 * <pre>{@code
 * System.Logger log = System.getLogger("dev.turnout.sample");
 * ConsoleLog.level(System.Logger.Level.DEBUG);
 * log.log(System.Logger.Level.DEBUG, "shown");
 * }</pre>
 */
public final class ConsoleLog extends System.LoggerFinder {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private static volatile System.Logger.Level level = System.Logger.Level.INFO;

  /** Created by the JDK, once. */
  public ConsoleLog() {
    // the JDK's service loader needs a public constructor
  }

  /** Writes the messages of {@code threshold} and above from now on. */
  public static void level(System.Logger.Level threshold) {
    level = threshold;
  }

  /** The level messages are written from. */
  public static System.Logger.Level level() {
    return level;
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Line(name);
  }

  private record Line(String name) implements System.Logger {

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level of) {
      return of != Level.OFF && of.getSeverity() >= level.getSeverity();
    }

    @Override
    public void log(Level of, ResourceBundle bundle, String message, Throwable thrown) {
      if (isLoggable(of)) {
        write(of, message, thrown);
      }
    }

    @Override
    public void log(Level of, ResourceBundle bundle, String format, Object... parameters) {
      if (isLoggable(of)) {
        write(of, parameters == null || parameters.length == 0 ? format : MessageFormat.format(format, parameters),
            null);
      }
    }

    private void write(Level of, String message, Throwable thrown) {
      StringBuilder line = new StringBuilder().append(LocalTime.now().format(TIME)).append(' ')
          .append(of.getName()).append(' ').append(name).append(": ").append(message);
      if (thrown != null) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
      }
      System.out.println(line);
    }
  }
}
