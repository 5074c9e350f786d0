package dev.turnout.sample;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose tests share one sample under the agent, in production, in a directory of the class's own:
 * started before its first test, stopped after its last. Test classes run one after another, each with its own.
 */
abstract class SharedSample {

  @TempDir
  static Path dir;
  static SampleFixture sample;

  @BeforeAll
  static void startTheSample() throws Exception {
    sample = SampleFixture.withAgent(dir, "production");
  }

  @AfterAll
  static void stopTheSample() {
    if (sample != null) {
      sample.close();
      sample = null;
    }
  }
}
