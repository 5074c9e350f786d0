package dev.turnout.cli.internal;

import dev.turnout.CatalogException;
import dev.turnout.cli.api.CatalogFile;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * When a flag's definition last changed. The catalog holds no such date, so: in a git repository, the
 * commit time of the oldest commit in the newest run of commits whose version of the catalog defines
 * the flag exactly as the file on disk does (found by reading the file at each commit of
 * {@code git log} and comparing the parsed definitions, so moves and comment edits do not count); an
 * uncommitted change, or a catalog outside git, gives the file's modification time.
 */
public final class FlagHistory {

  private final CatalogFile file;
  private final List<String[]> commits;   // {hash, epoch seconds}, newest first; null outside git
  private final String relativePath;

  public FlagHistory(CatalogFile file) {
    this.file = file;
    Path dir = file.path().toAbsolutePath().getParent();
    String top = git(dir, "rev-parse", "--show-toplevel");
    if (top == null) {
      commits = null;
      relativePath = null;
      return;
    }
    relativePath = Path.of(top.strip()).toAbsolutePath().relativize(file.path().toAbsolutePath())
        .toString().replace('\\', '/');
    String log = git(dir, "log", "--format=%H %ct", "--", file.path().toAbsolutePath().toString());
    List<String[]> list = new ArrayList<>();
    if (log != null) {
      for (String line : log.split("\n")) {
        if (!line.isBlank()) {
          list.add(line.strip().split(" "));
        }
      }
    }
    commits = list;
  }

  /** The instant {@code flag} (as on disk now) took its present definition. */
  public Instant lastChanged(Flag flag) {
    Instant since = null;
    if (commits != null) {
      for (String[] commit : commits) {
        String text = git(file.path().toAbsolutePath().getParent(), "show", commit[0] + ":" + relativePath);
        Flag then = null;
        if (text != null) {
          try {
            Catalog c = file.parse(text);
            then = c.flags().get(flag.key());
          } catch (CatalogException e) {
            then = null;
          }
        }
        if (then == null || !Objects.equals(then.fingerprint(), flag.fingerprint())) {
          break;
        }
        since = Instant.ofEpochSecond(Long.parseLong(commit[1]));
      }
    }
    if (since == null) {
      try {
        return Files.getLastModifiedTime(file.path()).toInstant();
      } catch (IOException e) {
        return Instant.EPOCH;
      }
    }
    return since;
  }

  private static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
