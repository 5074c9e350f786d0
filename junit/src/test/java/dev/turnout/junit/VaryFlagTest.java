package dev.turnout.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;

import dev.turnout.junit.fixtures.Seen;
import dev.turnout.junit.fixtures.VariedFixture;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

class VaryFlagTest {

  @Test
  void runsOncePerVariantOfTheCatalogOrOfTheSubsetNamed() {
    Seen.clear();

    Events events = Fixtures.run(VariedFixture.class);

    events.assertStatistics(s -> s.started(4).succeeded(4));
    events.assertThatEvents().haveExactly(1, event(displayName("[2] checkout-flow = v2"), finishedSuccessfully()));
    // The varied flag's pin wins over the class's @WithAllFlags; the other flags stay off.
    assertThat(Seen.get("everyVariant")).containsExactly("v1 off", "v2 off", "v3 off");
    assertThat(Seen.get("aSubset")).containsExactly("on");
  }
}
