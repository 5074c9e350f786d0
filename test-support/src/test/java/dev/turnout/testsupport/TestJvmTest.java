package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class TestJvmTest {

  @Test
  void stderrOfGivesWhatTheActionPrintedThereAndPutsStandardErrorBack() {
    PrintStream before = System.err;

    String printed = TestJvm.stderrOf(() -> System.err.println("Turnout agent: a line"));

    assertThat(printed).isEqualTo("Turnout agent: a line" + System.lineSeparator());
    assertThat(System.err).isSameAs(before);
  }

  @Test
  void stderrOfPutsStandardErrorBackWhenTheActionFails() {
    PrintStream before = System.err;

    assertThatThrownBy(() -> TestJvm.stderrOf(() -> {
      throw new IllegalStateException("failed");
    })).hasMessage("failed");
    assertThat(System.err).isSameAs(before);
  }
}
