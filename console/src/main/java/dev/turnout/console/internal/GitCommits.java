package dev.turnout.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commits each saved catalog to the git repository it is in ({@code --git}), with the console user as author and
 * the reason as message. The file is saved either way; a failed commit is logged, never undone.
 */
final class GitCommits {

  private static final Logger LOG = Logger.getLogger(GitCommits.class.getName());

  private final boolean enabled;
  private final String emailDomain;

  GitCommits(boolean enabled, String emailDomain) {
    this.enabled = enabled;
    this.emailDomain = emailDomain;
  }

  static GitCommits off() {
    return new GitCommits(false, "");
  }

  void commit(Path file, String user, String message) {
    if (!enabled) {
      return;
    }
    Path dir = file.getParent();
    String author = user + " <" + user + "@" + emailDomain + ">";
    try {
      run(dir, List.of("git", "add", "--", file.getFileName().toString()));
      // The committer is the console itself, so that a machine without a git identity still commits.
      run(dir, List.of("git", "-c", "user.name=Turnout console", "-c", "user.email=console@" + emailDomain, "commit",
          "--quiet", "--author=" + author, "-m", message, "--", file.getFileName().toString()));
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(Level.WARNING, "the catalog was saved but not committed to git: " + e.getMessage());
    }
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 30 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }
}
