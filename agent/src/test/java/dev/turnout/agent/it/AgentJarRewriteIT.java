package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build (or a copy) that writes a new agent jar over the one a running JVM was started with rewrites
 * that file in place. The JVM keeps reading classes from the jar it put on the bootstrap class path, so
 * that jar must not be the one rewritten: the application carries on, with the agent it started with.
 */
class AgentJarRewriteIT {

  @TempDir
  Path dir;

  @Test
  void theApplicationSurvivesItsAgentJarBeingRewrittenInPlace() throws Exception {
    Path jar = dir.resolve("turnout-agent.jar");
    Files.copy(TestJvm.agentJar(), jar);
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    try (App app = App.startWithAgentJar(jar, "flags=" + catalog,
        "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"))) {
      assertThat(app.command("probe")).containsEntry("probe", "alternate p x|true");

      rewriteInPlace(jar);

      // Everything below loads classes of the agent and the runtime not loaded so far.
      App.replace(catalog, Catalogs.OFF);
      long deadline = System.nanoTime() + App.TIMEOUT.toNanos();
      while (!app.command("probe").get("probe").equals("original p x|false") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.routedUnderOff());
      assertThat(app.command("loaders")).isNotEmpty();
      App.replace(catalog, "flags:\n  shapes: { default: on\n");
      assertThat(app.awaitStderr("rejected catalog", App.TIMEOUT)).as(app.stderr()).isTrue();
      assertThat(app.command("probe")).containsEntry("probe", "original p x|false");
    }
  }

  /** What {@code mvn package} or {@code cp} does: the same file (same inode), truncated, other content. */
  private static void rewriteInPlace(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        JarOutputStream zip = new JarOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("rebuilt.txt"));
      zip.write("another build".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }
}
