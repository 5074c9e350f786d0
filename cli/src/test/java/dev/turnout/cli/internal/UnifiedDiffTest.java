package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void hunksCarryThreeLinesOfContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
    assertThat(UnifiedDiff.of("x.txt", before, after)).isEqualTo(
        "--- a/x.txt\n+++ b/x.txt\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
  }

  /** A full table of common subsequences would need 30,000 x 30,000 cells (3.6 GB) and minutes. */
  @Test
  void aThirtyThousandLineFileDiffsQuickly() {
    StringBuilder a = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      a.append("  int f").append(i).append(" = ").append(i).append(";\n");
    }
    String before = a.toString();
    String after = before.replace("  int f15000 = 15000;\n", "").replace("  int f29000 = 29000;\n", "  int g = 1;\n");
    String diff = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> UnifiedDiff.of("Big.java", before, after));
    assertThat(diff).contains("@@ -14998,7 +14998,6 @@\n", "-  int f15000 = 15000;\n", "-  int f29000 = 29000;\n+  int g = 1;\n");
  }
}
