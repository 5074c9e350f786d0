package dev.turnout.agent.internal;

import java.lang.System.Logger.Level;

/**
 * The agent's messages, through the {@code dev.turnout} {@link System.Logger}. Details (each class
 * transformed) go out at DEBUG, or at INFO with the agent argument {@code log=debug} so they show
 * without configuring logging. The logger is looked up at the first message, not before: setting up
 * the logging system (and formatting its first line) is work the agent keeps off {@code premain}.
 */
final class AgentLog {

  private static volatile boolean debug;

  private AgentLog() {}

  /** The logger, created when this class is first used. */
  private static final class Holder {
    static final System.Logger LOG = System.getLogger("dev.turnout");
  }

  static void debug(boolean on) {
    debug = on;
  }

  static void detail(String message) {
    Holder.LOG.log(debug ? Level.INFO : Level.DEBUG, message);
  }

  static void info(String message) {
    Holder.LOG.log(Level.INFO, message);
  }

  static void warning(String message) {
    Holder.LOG.log(Level.WARNING, message);
  }

  /** One line at ERROR; the stack trace only at DEBUG, so a problem reads as a single line. */
  static void error(String message, Throwable t) {
    Holder.LOG.log(Level.ERROR, message + ": " + t);
    Holder.LOG.log(Level.DEBUG, message, t);
  }
}
