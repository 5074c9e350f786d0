package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceArgumentTest {

  @TempDir Path dir;

  @Test
  void aFileSourceOpensWithoutAPlugin() throws Exception {
    Path catalog = Files.writeString(dir.resolve("flags.json"), "{\"flags\": {}}");
    CatalogSource source = SourceArgument.open(AgentArguments.parse("source=file:" + catalog));
    assertThat(source.name()).isEqualTo(catalog.toString());
    assertThat(source.read().text()).isEqualTo("{\"flags\": {}}");
  }

  @Test
  void aStoreWithoutItsPluginServesAnEmptyCatalogAndSaysWhy() throws Exception {
    String err = stderrOf(() -> {
      CatalogSource source = SourceArgument.open(AgentArguments.parse("source=etcd://127.0.0.1:2379/k,plugin="
          + dir.resolve("missing.jar")));
      try {
        assertThat(source.read().text()).isEqualTo("flags: {}");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(err).contains("Turnout agent: cannot set up source=etcd://127.0.0.1:2379/k; every flag serves its "
        + "fallback: the plug-in jar " + dir.resolve("missing.jar") + " (plugin=) does not exist");
  }

  @Test
  void aPluginWithoutAProviderForTheSchemeIsNamed() throws Exception {
    Path empty = dir.resolve("empty.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(empty))) {
      out.putNextEntry(new java.util.jar.JarEntry("README"));
    }
    String err = stderrOf(() -> SourceArgument.open(AgentArguments.parse("source=etcd://h:2379/k,plugin=" + empty)));
    assertThat(err).contains("etcd:// scheme is provided by the turnout-etcd module");
  }

  @Test
  void withoutAnAgentJarThePluginMustBeNamed() {
    // In these tests the agent's classes come from a folder, not a jar.
    assertThat(SourceArgument.agentDirectory()).isNull();
    assertThatThrownBy(() -> SourceArgument.plugin(AgentArguments.parse("source=etcd://h:2379/k")))
        .hasMessageContaining("name the turnout-etcd plug-in jar with plugin=JAR");
  }

  private static String stderrOf(Runnable action) {
    PrintStream previous = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(previous);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
