package dev.turnout.sample.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracks of {@code log-level}, and applying the level. */
class LogLevelTest {

  private final Level before = ConsoleLog.level();

  @AfterEach
  void restore() {
    ConsoleLog.level(before);
  }

  @Test
  void eachVariantHasItsLevelAndApplySetsTheConsoles() {
    LogLevel logLevel = new LogLevel();
    assertThat(logLevel.level()).isEqualTo(Level.INFO);
    assertThat(logLevel.quiet()).isEqualTo(Level.WARNING);
    assertThat(logLevel.debug()).isEqualTo(Level.DEBUG);
    ConsoleLog.level(Level.TRACE);
    assertThat(logLevel.apply()).isEqualTo(Level.INFO);
    assertThat(ConsoleLog.level()).isEqualTo(Level.INFO);
    assertThat(logLevel.current()).isEqualTo(Level.INFO);
    assertThat(System.getLogger("dev.turnout").isLoggable(Level.DEBUG)).isFalse();
    ConsoleLog.level(Level.DEBUG);
    assertThat(System.getLogger("dev.turnout").isLoggable(Level.DEBUG)).as("through the JVM's LoggerFinder").isTrue();
  }
}
