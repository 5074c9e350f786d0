package dev.turnout.sample.ops;

import dev.turnout.CatalogChange;
import dev.turnout.FeatureFlag;
import dev.turnout.TurnoutListener;
import dev.turnout.Variant;
import dev.turnout.sample.Flags;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's log level, from the multivariate ops flag {@code log-level}: {@code normal} (the
 * original track, INFO), {@code quiet} (WARNING) or {@code debug} (FINE: every request is logged). It is
 * applied at start and again whenever the catalog changes, so it changes live, without a restart.
 *
 * <pre>{@code
 * LogLevel logLevel = new LogLevel();
 * logLevel.apply();
 * Turnout.engine().addListener(logLevel);
 * }</pre>
 */
public final class LogLevel implements TurnoutListener {

  private static final Logger LOG = Logger.getLogger("dev.turnout.sample");

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
    return Level.FINE;
  }

  /** Sets the root logger to the level the flag serves now, and returns it. */
  public Level apply() {
    Level level = level();
    Level previous = current;
    current = level;
    Logger.getLogger("").setLevel(level);
    if (previous != null && !previous.equals(level)) {
      // WARNING, so the change is seen at every level.
      LOG.warning(() -> "log level now " + level + " (was " + previous + ")");
    }
    return level;
  }

  /** The level last applied. */
  public Level current() {
    Level level = current;
    return level == null ? Logger.getLogger("").getLevel() : level;
  }

  @Override
  public void onCatalogChange(CatalogChange change) {
    apply();
  }
}
