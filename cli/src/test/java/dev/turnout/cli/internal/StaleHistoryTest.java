package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.cli.internal.Fixtures.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Fully rolled out for longer than --days": dated from the catalog's git history. */
class StaleHistoryTest {

  @TempDir
  Path dir;

  @Test
  void aFlagRolledOutLongAgoIsStaleAndOneJustChangedIsNot() throws Exception {
    Fixtures.copy("shop", dir);
    Path catalog = dir.resolve("src/main/resources/turnout/flags.yaml");
    git("init", "-q");
    commit("2025-12-01T10:00:00Z");                      // dark-mode at 100 % since 2025-12-01
    Files.writeString(catalog, Files.readString(catalog).replace("# The shop's flags.", "# The shop's flag catalog."));
    commit("2026-02-20T10:00:00Z");                      // a comment edit is no change of definition
    Files.writeString(catalog, Files.readString(catalog)
        .replace("      - serve: { rollout: { v1: 50, v2: 25, v3: 25 } }", "      - serve: v2"));
    commit("2026-02-25T10:00:00Z");                      // checkout-flow serves v2 to all: 4 days ago

    Run run = Fixtures.run(dir, "stale", "--days", "30");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.lines()).containsExactly(
        "src/main/resources/turnout/flags.yaml:29:3: flag 'dark-mode' has served 'on' to everyone in every environment"
            + " since 2025-12-01 (90 days, more than 30): remove it with `turnout remove dark-mode --keep on`");
    assertThat(Fixtures.run(dir, "stale", "--days", "3").lines()).hasSize(2)
        .anyMatch(l -> l.contains("flag 'checkout-flow' has served 'v2' to everyone in every environment since 2026-02-25"));
  }

  private void commit(String date) throws Exception {
    git("add", "-A");
    git(Map.of("GIT_COMMITTER_DATE", date, "GIT_AUTHOR_DATE", date), "-c", "user.name=t", "-c", "user.email=t@example.com",
        "commit", "-q", "-m", date);
  }

  private void git(String... args) throws Exception {
    git(Map.of(), args);
  }

  private void git(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    b.environment().putAll(env);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
