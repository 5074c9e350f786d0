package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded agent jar: its manifest, and nothing in it outside Turnout's packages and META-INF. */
class AgentJarIT {

  @Test
  void manifestDeclaresTheAgent() throws IOException {
    try (JarFile jar = new JarFile(TestJvm.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();

      assertThat(main.getValue("Premain-Class")).isEqualTo("dev.turnout.agent.TurnoutAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("dev.turnout.agent.TurnoutAgent");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(main.getValue("Multi-Release")).isNull();
    }
  }

  @Test
  void everyEntryIsTurnoutsOwnOrRelocated() throws IOException {
    List<String> strays = new ArrayList<>();
    List<String> unrelocated = new ArrayList<>();
    try (JarFile jar = new JarFile(TestJvm.agentJar().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String name = entry.getName();
        if (!name.startsWith("dev/turnout/") && !name.startsWith("META-INF/") && !name.equals("dev/")) {
          strays.add(name);
        }
        if (name.endsWith(".class") || name.startsWith("META-INF/services/")) {
          try (InputStream in = jar.getInputStream(entry)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            // Class references (internal names) must all be relocated; a few dotted string constants, such as
            // a library's system property names, legitimately keep their original spelling.
            String[] originals = name.endsWith(".class")
                ? new String[] {"org/objectweb/", "net/bytebuddy/", "com/fasterxml/", "org/yaml/", "com/google/re2j/"}
                : new String[] {"org.objectweb.", "net.bytebuddy.", "com.fasterxml.", "org.yaml.snakeyaml", "com.google.re2j"};
            for (String original : originals) {
              if (text.contains(original)) {
                unrelocated.add(name + " names " + original);
              }
            }
          }
        }
      }
      assertThat(jar.getEntry("dev/turnout/agent/shaded/bytebuddy/jar/asm/ClassReader.class")).isNotNull();
      assertThat(jar.getEntry("dev/turnout/shaded/jackson/core/JsonFactory.class")).isNotNull();
      assertThat(jar.getEntry("dev/turnout/internal/gate/Gate.class")).isNotNull();
      assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
      assertThat(jar.getEntry("META-INF/licenses/ASM")).isNotNull();
    }
    assertThat(strays).isEmpty();
    assertThat(unrelocated).isEmpty();
  }
}
