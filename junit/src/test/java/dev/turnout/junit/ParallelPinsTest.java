package dev.turnout.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.turnout.junit.fixtures.ParallelFixtures;
import dev.turnout.junit.fixtures.Seen;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Tests that run at the same time, with JUnit's parallel execution, each see their own pins only. */
class ParallelPinsTest {

  @Test
  void concurrentTestsSeeOnlyTheirOwnPins() {
    Seen.clear();
    ParallelFixtures.barrier = new CyclicBarrier(6);

    Events events = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "6")
        .selectors(selectClass(ParallelFixtures.On.class), selectClass(ParallelFixtures.Off.class),
            selectClass(ParallelFixtures.None.class))
        .execute().testEvents();

    events.assertStatistics(s -> s.started(6).succeeded(6));
    assertThat(Seen.get("parallel")).containsExactlyInAnyOrder("on on", "on on", "off off", "off off", "off on", "off on");
  }
}
