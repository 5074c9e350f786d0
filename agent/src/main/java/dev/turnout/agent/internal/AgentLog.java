package dev.turnout.agent.internal;

import java.lang.System.Logger.Level;

/**
 * The agent's messages, through the {@code dev.turnout} {@link System.Logger}. Details (each class
 * transformed) go out at DEBUG, or at INFO with the agent argument {@code log=debug} so they show
 * without configuring logging.
 */
final class AgentLog {

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  private static volatile boolean debug;

  private AgentLog() {}

  static void debug(boolean on) {
    debug = on;
  }

  static void detail(String message) {
    LOG.log(debug ? Level.INFO : Level.DEBUG, message);
  }

  static void info(String message) {
    LOG.log(Level.INFO, message);
  }

  static void warning(String message) {
    LOG.log(Level.WARNING, message);
  }

  /** One line at ERROR; the stack trace only at DEBUG, so a problem reads as a single line. */
  static void error(String message, Throwable t) {
    LOG.log(Level.ERROR, message + ": " + t);
    LOG.log(Level.DEBUG, message, t);
  }
}
