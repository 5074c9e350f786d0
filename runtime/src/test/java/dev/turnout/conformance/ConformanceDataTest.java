package dev.turnout.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** What a conformance suite does when its data is absent: skip with a console line, or fail under CI. */
class ConformanceDataTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private List<DynamicTest> skipped(String ci) {
    return ConformanceData.skipped("unleash/specifications", "Unleash client specification", dir.toString(), ci,
        new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  @Test
  void absentDataIsSkippedWithAConsoleLineSayingWhatAndWhere() {
    List<DynamicTest> tests = skipped(null);

    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("skipping the Unleash client specification conformance tests")
        .contains("not found at " + dir.resolve("unleash/specifications"));
    assertThat(tests).singleElement().satisfies(t ->
        assertThatThrownBy(() -> t.getExecutable().execute()).isInstanceOf(TestAbortedException.class)
            .hasMessageContaining("not found at " + dir.resolve("unleash/specifications")));
  }

  @Test
  void absentDataFailsWhenCiIsTrue() {
    List<DynamicTest> tests = skipped("true");

    assertThat(tests).singleElement().satisfies(t ->
        assertThatThrownBy(() -> t.getExecutable().execute()).isInstanceOf(AssertionFailedError.class)
            .hasMessageContaining("must run when CI=true")
            .hasMessageContaining("not found at " + dir.resolve("unleash/specifications")));
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void otherValuesOfCiStillSkip() {
    List<DynamicTest> tests = skipped("false");

    assertThat(tests).singleElement().satisfies(t ->
        assertThatThrownBy(() -> t.getExecutable().execute()).isInstanceOf(TestAbortedException.class));
  }

  @Test
  void anUnsetPropertyIsNamedAsTheReason() {
    ConformanceData.skipped("s", "flagd evaluator kit", null, null, new PrintStream(console, true, StandardCharsets.UTF_8));

    assertThat(console.toString(StandardCharsets.UTF_8)).contains("turnout.conformance.dir is not set");
  }
}
