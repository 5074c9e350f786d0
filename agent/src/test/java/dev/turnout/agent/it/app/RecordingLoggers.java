package dev.turnout.agent.it.app;

import java.util.ResourceBundle;

/**
 * A {@link System.LoggerFinder} for the application, as a logging library installs one: {@code LogsIT} puts it
 * on the class path through a services file of its own. Each line it is given is written to standard error as
 * {@code LOGGED <message>}, and, when the thread writing it is inside a class file transformer (the JVM loading
 * a class), as {@code LOGGED-IN-TRANSFORM <message>}: such a line is one the agent made the application's
 * logging system write while the JVM held a class's loading lock.
 */
public final class RecordingLoggers extends System.LoggerFinder {

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Recording(name);
  }

  private static final class Recording implements System.Logger {
    private final String name;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      write(message);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      write(format);
    }

    private static void write(String message) {
      boolean inTransform = StackWalker.getInstance().walk(frames -> frames.anyMatch(
          f -> f.getClassName().equals("sun.instrument.TransformerManager") && f.getMethodName().equals("transform")));
      System.err.println((inTransform ? "LOGGED-IN-TRANSFORM " : "LOGGED ") + message);
    }
  }
}
