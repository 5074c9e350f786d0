package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AppProcessTest {

  private static final class Shell extends AppProcess {
    Shell(String script) throws Exception {
      super("shell", List.of("sh", "-c", script), Map.of("GREETING", "hello"), null, Duration.ofSeconds(5));
    }
  }

  @Test
  void awaitGivesWhatTheOutputShowsAndCloseStopsTheProcess() throws Exception {
    try (Shell shell = new Shell("echo \"$GREETING\"; echo port=4242; exec sleep 60")) {
      String port = shell.await(Duration.ofSeconds(30), "print its port", lines -> lines.stream()
          .filter(l -> l.startsWith("port=")).map(l -> l.substring(5)).findFirst().orElse(null));

      assertThat(port).isEqualTo("4242");
      assertThat(shell.output()).containsExactly("hello", "port=4242");
      assertThat(shell.countLines(l -> l.startsWith("port"))).isEqualTo(1);
    }
  }

  @Test
  void awaitFailsWithTheOutputOnceTheProcessHasStopped() throws Exception {
    try (Shell shell = new Shell("echo cannot start; exit 1")) {
      assertThatThrownBy(() -> shell.await(Duration.ofMinutes(1), "start", lines -> null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the application did not start: cannot start");
    }
  }

  @Test
  void runUntilExitGivesTheStatusAndTheLines() throws Exception {
    AppProcess.Exited exited = AppProcess.runUntilExit(List.of("sh", "-c", "echo one; echo two >&2; exit 2"),
        Duration.ofMinutes(1));

    assertThat(exited.status()).isEqualTo(2);
    assertThat(exited.output()).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  @Timeout(60) // cat reads until its input is closed
  void runUntilExitWritesTheInputAndClosesIt() throws Exception {
    AppProcess.Exited exited = AppProcess.runUntilExit(List.of("sh", "-c", "read line; echo \"got $line\"; cat"),
        "secret\nmore\n", Duration.ofMinutes(1));

    assertThat(exited.status()).isZero();
    assertThat(exited.output()).containsExactly("got secret", "more");
  }
}
