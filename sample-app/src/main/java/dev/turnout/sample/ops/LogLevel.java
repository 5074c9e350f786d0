package dev.turnout.sample.ops;

import dev.turnout.CatalogChange;
import dev.turnout.FeatureFlag;
import dev.turnout.TurnoutListener;
import dev.turnout.Variant;
import dev.turnout.sample.Flags;
import java.lang.System.Logger.Level;

/**
 * The application's log level, from the multivariate ops flag {@code log-level}: {@code normal} (the
 * original track, INFO), {@code quiet} (WARNING) or {@code debug} (DEBUG: every request is logged), set on
 * {@link ConsoleLog}, where every {@code System.Logger} writes. It is
 * applied at start and again whenever the catalog changes, so it changes live, without a restart.
 *
 * <pre>{@code
 * LogLevel logLevel = new LogLevel();
 * logLevel.apply();
 * Turnout.engine().addListener(logLevel);
 * }</pre>
 */
public final class LogLevel implements TurnoutListener {

  private static final System.Logger LOG = System.getLogger("dev.turnout.sample");

  private volatile Level current;

  /** The level the flag serves now. */
  @FeatureFlag(value = Flags.LOG_LEVEL, variants = {
      @Variant(value = "quiet", method = "quiet"),
      @Variant(value = "debug", method = "debug")})
  public Level level() {
    return Level.INFO;
  }

  Level quiet() {
    return Level.WARNING;
  }

  Level debug() {
    return Level.DEBUG;
  }

  /** Sets the console's level to the one the flag serves now, and returns it. */
  public Level apply() {
    Level level = level();
    Level previous = current;
    current = level;
    ConsoleLog.level(level);
    if (previous != null && !previous.equals(level)) {
      // WARNING, so the change is seen at every level.
      LOG.log(Level.WARNING, "log level now " + level + " (was " + previous + ")");
    }
    return level;
  }

  /** The level last applied. */
  public Level current() {
    Level level = current;
    return level == null ? ConsoleLog.level() : level;
  }

  @Override
  public void onCatalogChange(CatalogChange change) {
    apply();
  }
}
