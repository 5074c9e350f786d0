package dev.turnout.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.turnout.Turnout;
import dev.turnout.internal.ext.Pins;
import dev.turnout.junit.fixtures.OwnEngineFixture;
import dev.turnout.junit.fixtures.PinnedFixture;
import dev.turnout.junit.fixtures.Seen;
import dev.turnout.junit.fixtures.UnpinnedFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

class WithFlagTest {

  @BeforeEach
  void clear() {
    Seen.clear();
  }

  @Test
  void pinsOnClassesMethodsAndNestedClassesApplyNearestFirstAndEndWithTheTest() {
    Events events = Fixtures.run(PinnedFixture.class, UnpinnedFixture.class);

    events.assertStatistics(s -> s.started(6).succeeded(6));
    // new-checkout, dark-mode, checkout-flow; the catalog serves: off, on, v1.
    assertThat(Seen.get("classPin")).containsExactly("on | on on v1"); // @BeforeEach sees the pin too
    assertThat(Seen.get("methodPinsWin")).containsExactly("off on v3");
    assertThat(Seen.get("everyFlagOff")).containsExactly("off off v1");
    assertThat(Seen.get("everyFlagOnButOne")).containsExactly("on off v2");
    assertThat(Seen.get("nested")).containsExactly("on off v1");
    assertThat(Seen.get("unpinned")).containsExactly("off on v1");
    assertThat(Pins.active()).isFalse();
    assertThat(Turnout.variant("new-checkout")).isEqualTo("off");
  }

  @Test
  void pinsAreCheckedAgainstTheCatalogOfTheEngineTheTestRunsWith() {
    Events events = Fixtures.run(OwnEngineFixture.class);

    events.assertStatistics(s -> s.started(3).succeeded(1).failed(2));
    events.assertThatEvents().haveExactly(1, event(test("unknownKey"), finishedWithFailure(message(
        "unknown flag 'dark-mode' in @WithFlag on dev.turnout.junit.fixtures.OwnEngineFixture.unknownKey():"
            + " not in the catalog own.yaml"))));
    events.assertThatEvents().haveExactly(1, event(test("unknownVariant"), finishedWithFailure(message(
        "flag 'checkout-flow' has no variant 'v3' (in @WithFlag on"
            + " dev.turnout.junit.fixtures.OwnEngineFixture.unknownVariant(); the catalog declares: v1, v2)"))));
    assertThat(Seen.get("ownEngine")).containsExactly("known v2");
  }

  @Test
  @WithFlag(value = "new-checkout", variant = "on")
  @WithFlag(value = "checkout-flow", variant = "v2")
  void pinsApplyToThisTestToo() {
    assertThat(Turnout.isEnabled("new-checkout")).isTrue();
    assertThat(Turnout.evaluate("checkout-flow").value()).isEqualTo("v2");
  }
}
