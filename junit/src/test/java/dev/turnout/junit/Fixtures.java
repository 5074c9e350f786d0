package dev.turnout.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs fixture classes through the Jupiter engine, in this JVM. */
final class Fixtures {

  private Fixtures() {}

  static Events run(Class<?>... classes) {
    EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter");
    for (Class<?> c : classes) {
      kit.selectors(selectClass(c));
    }
    return kit.execute().testEvents();
  }
}
