package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM under {@code -javaagent} whose application index is seen by four class loaders (the
 * application's, and the parent-first, child-first and isolated loaders of the {@code loaders} command, all
 * over the same folder): the agent's debug log shows each index location read once, and every loader gated.
 */
class IndexReadsIT {

  private static final Pattern READ = Pattern.compile("Turnout agent: read (\\S+) \\((\\d+) classes\\)");
  private static final Pattern LOADER = Pattern.compile("Turnout agent: \\d+ indexed classes in (.+)");

  @TempDir
  Path dir;

  @Test
  void eachIndexLocationIsReadOnceHoweverManyLoadersSeeIt() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    String log;
    try (App app = App.start("flags=" + catalog + ",log=debug", "-Dnet.bytebuddy.experimental=true")) {
      assertThat(app.command("gates")).containsEntry("instance", "alternate s you");
      assertThat(app.command("loaders")).containsEntry("loader.parentFirst", "alternate")
          .containsEntry("loader.childFirst", "alternate").containsEntry("loader.hidden", "original");
      assertThat(app.exit()).isZero();
      log = app.stderr();
    }

    Map<String, Integer> reads = new TreeMap<>();
    for (Matcher m = READ.matcher(log); m.find(); ) {
      reads.merge(m.group(1), 1, Integer::sum);
    }
    Map<String, Integer> loaders = new TreeMap<>();
    for (Matcher m = LOADER.matcher(log); m.find(); ) {
      loaders.merge(m.group(1).strip(), 1, Integer::sum);
    }
    String index = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("META-INF/turnout/agent.idx").toUri().toURL().toExternalForm();
    assertThat(reads).as(log).containsKey(index).allSatisfy((url, n) -> assertThat(n).as(url).isEqualTo(1));
    // The application's loader and the three of the loaders command each looked the index up.
    assertThat(loaders.keySet()).as(log).hasSizeGreaterThanOrEqualTo(4)
        .anySatisfy(l -> assertThat(l).startsWith("ChildFirstLoader"))
        .anySatisfy(l -> assertThat(l).startsWith("HiddenLoader"))
        .anySatisfy(l -> assertThat(l).startsWith("java.net.URLClassLoader"))
        .anySatisfy(l -> assertThat(l).contains("AppClassLoader"));
  }
}
