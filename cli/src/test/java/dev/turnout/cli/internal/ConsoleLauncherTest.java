package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.cli.api.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLauncherTest {

  @Test
  void theConsoleJarBesideTheToolIsFound(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("turnout-cli-0.1.0.jar"), "");
    Path jar = Files.writeString(dir.resolve("turnout-console-0.1.0.jar"), "");
    assertThat(ConsoleLauncher.find(null, dir)).isEqualTo(jar);
  }

  @Test
  void theVariableWinsAndMustNameAFile(@TempDir Path dir) throws Exception {
    Path jar = Files.writeString(dir.resolve("console.jar"), "");
    assertThat(ConsoleLauncher.find(jar.toString(), null)).isEqualTo(jar);
    assertThatThrownBy(() -> ConsoleLauncher.find(dir.resolve("none.jar").toString(), dir))
        .hasMessageContaining("TURNOUT_CONSOLE_JAR names").hasMessageContaining("not a file");
  }

  @Test
  void withoutAConsoleJarTheMessageSaysWhereToPutIt(@TempDir Path dir) {
    assertThatThrownBy(() -> ConsoleLauncher.find(null, dir)).isInstanceOf(ToolException.class)
        .hasMessageContaining("the console is a jar of its own").hasMessageContaining("TURNOUT_CONSOLE_JAR");
  }
}
