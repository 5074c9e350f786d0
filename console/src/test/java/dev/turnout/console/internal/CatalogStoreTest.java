package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStoreTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  private static Path sample(Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of("../sample-app/flags.yaml"), catalog);
    return catalog;
  }

  @Test
  void aSaveReplacesTheFileAndAppendsOneAuditLine(@TempDir Path dir) throws Exception {
    CatalogStore store = new CatalogStore(sample(dir), CLOCK, GitCommits.off());
    CatalogStore.Snapshot before = store.read();
    String after = CatalogEdits.YAML.setEnabled(before.text(), "log-level", "default", false);
    CatalogStore.Outcome o = store.save(before.revision(), after, "ann", "kill", "log-level", "default", "too loud");
    assertThat(o).isInstanceOf(CatalogStore.Saved.class);
    assertThat(Files.readString(store.file())).isEqualTo(after);
    assertThat(((CatalogStore.Saved) o).revision()).isEqualTo(store.read().revision()).isNotEqualTo(before.revision());
    List<String> lines = Files.readAllLines(store.audit());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("\"at\":\"2026-12-01T10:00:00Z\"", "\"user\":\"ann\"", "\"reason\":\"too loud\"",
        "+    enabled: false");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
          .containsExactlyInAnyOrder("flags.yaml", "flags.yaml.audit.jsonl");
    }
  }

  @Test
  void aSaveOnAnOldRevisionIsAConflictShowingTheOtherChangeAndWritesNothing(@TempDir Path dir) throws Exception {
    CatalogStore store = new CatalogStore(sample(dir), CLOCK, GitCommits.off());
    CatalogStore.Snapshot base = store.read();
    String theirs = base.text().replace("keys: [bob]", "keys: [bob, carol]");
    Files.writeString(store.file(), theirs);
    String mine = CatalogEdits.YAML.setEnabled(base.text(), "log-level", "default", false);
    CatalogStore.Outcome o = store.save(base.revision(), mine, "ed", "kill", "log-level", "default", "late");
    assertThat(o).isInstanceOfSatisfying(CatalogStore.Conflict.class, c -> {
      assertThat(c.otherChange()).contains("-    keys: [bob]").contains("+    keys: [bob, carol]");
      assertThat(c.yourChange()).contains("+    enabled: false");
    });
    assertThat(Files.readString(store.file())).isEqualTo(theirs);
    assertThat(store.audit()).doesNotExist();
  }

  @Test
  void anInvalidCatalogIsRefusedWithTheReadersProblems(@TempDir Path dir) throws Exception {
    CatalogStore store = new CatalogStore(sample(dir), CLOCK, GitCommits.off());
    CatalogStore.Snapshot base = store.read();
    String bad = base.text().replace("default: normal", "default: loud");
    CatalogStore.Outcome o = store.save(base.revision(), bad, "ann", "rules", "log-level", "*", "typo");
    assertThat(o).isInstanceOfSatisfying(CatalogStore.Invalid.class,
        i -> assertThat(String.join("\n", i.problems())).contains("loud"));
    assertThat(Files.readString(store.file())).isEqualTo(base.text());
  }

  @Test
  void withGitEachSaveIsCommittedWithTheUserAndTheReason(@TempDir Path dir) throws Exception {
    Path catalog = sample(dir);
    git(dir, "init", "-q");
    git(dir, "-c", "user.name=setup", "-c", "user.email=setup@example.com", "add", "flags.yaml");
    git(dir, "-c", "user.name=setup", "-c", "user.email=setup@example.com", "commit", "-q", "-m", "start");
    CatalogStore store = new CatalogStore(catalog, CLOCK, new GitCommits(true, "example.com"));
    CatalogStore.Snapshot base = store.read();
    store.save(base.revision(), CatalogEdits.YAML.setEnabled(base.text(), "log-level", "default", false), "ann",
        "Switch off 'log-level'", "log-level", "default", "too loud");
    assertThat(git(dir, "log", "-1", "--format=%an <%ae>|%cn|%s"))
        .isEqualTo("ann <ann@example.com>|Turnout console|Switch off 'log-level' log-level: too loud");
    assertThat(git(dir, "status", "--porcelain", "flags.yaml")).isEmpty();
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
