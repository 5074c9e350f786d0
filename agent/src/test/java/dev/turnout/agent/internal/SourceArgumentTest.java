package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.CatalogSource;
import dev.turnout.testsupport.TestJvm;
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
    String err = TestJvm.stderrOf(() -> {
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
    String err = TestJvm.stderrOf(() -> SourceArgument.open(AgentArguments.parse("source=etcd://h:2379/k,plugin=" + empty)));
    assertThat(err).contains("etcd:// scheme is provided by the turnout-etcd module");
  }

  @Test
  void withoutAnAgentJarThePluginMustBeNamed() {
    // In these tests the agent's classes come from a folder, not a jar.
    assertThat(SourceArgument.agentDirectory()).isNull();
    assertThatThrownBy(() -> SourceArgument.plugin(AgentArguments.parse("source=etcd://h:2379/k"),
        SourceArgument.agentDirectory())).hasMessageContaining("name the turnout-etcd plug-in jar with plugin=JAR");
  }

  @Test
  void thePluginIsFoundNextToTheAgentJar() throws Exception {
    AgentArguments etcds = AgentArguments.parse("source=etcds://h:2379/k");
    assertThatThrownBy(() -> SourceArgument.plugin(etcds, dir))
        .hasMessageContaining("the etcds:// scheme needs the turnout-etcd plug-in: put turnout-etcd-agent-plugin.jar "
            + "next to the agent jar (" + dir + ") or name it with plugin=JAR");

    Path versioned = Files.writeString(dir.resolve("turnout-etcd-0.1.0-agent-plugin.jar"), "");
    assertThat(SourceArgument.plugin(etcds, dir)).isEqualTo(versioned);
    Files.writeString(dir.resolve("turnout-etcd-0.2.0-agent-plugin.jar"), "");
    assertThatThrownBy(() -> SourceArgument.plugin(etcds, dir)).hasMessageContaining("several turnout-etcd plug-in jars");

    Path plain = Files.writeString(dir.resolve("turnout-etcd-agent-plugin.jar"), "");
    assertThat(SourceArgument.plugin(etcds, dir)).isEqualTo(plain);

    Path named = Files.writeString(dir.resolve("elsewhere.jar"), "");
    assertThat(SourceArgument.plugin(AgentArguments.parse("source=etcds://h:2379/k,plugin=" + named), dir))
        .isEqualTo(named);
  }
}
