package dev.turnout.sample.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracks of {@code log-level}, and applying the level. */
class LogLevelTest {

  private final Level before = Logger.getLogger("").getLevel();

  @AfterEach
  void restore() {
    Logger.getLogger("").setLevel(before);
  }

  @Test
  void eachVariantHasItsLevelAndApplySetsTheRootLogger() {
    LogLevel logLevel = new LogLevel();
    assertThat(logLevel.level()).isEqualTo(Level.INFO);
    assertThat(logLevel.quiet()).isEqualTo(Level.WARNING);
    assertThat(logLevel.debug()).isEqualTo(Level.FINE);
    Logger.getLogger("").setLevel(Level.FINEST);
    assertThat(logLevel.apply()).isEqualTo(Level.INFO);
    assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.INFO);
    assertThat(logLevel.current()).isEqualTo(Level.INFO);
  }
}
