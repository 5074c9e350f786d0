package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

  @Test
  void repeatsTheCheckUntilItHolds() throws Exception {
    AtomicInteger runs = new AtomicInteger();

    Eventually.within(Duration.ofMinutes(1), () -> assertThat(runs.incrementAndGet()).isEqualTo(3));

    assertThat(runs).hasValue(3);
  }

  @Test
  void throwsTheLastFailureOnceTheTimeIsUp() {
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(() -> Eventually.within(Duration.ZERO, () -> {
      throw new IllegalStateException("run " + runs.incrementAndGet());
    })).isInstanceOf(IllegalStateException.class).hasMessage("run " + runs.get());
  }
}
