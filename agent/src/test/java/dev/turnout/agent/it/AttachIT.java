package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.turnout.testsupport.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentmain}: attached to a running application, the agent retransforms its loaded gated classes. */
class AttachIT {

  @TempDir
  Path dir;

  @Test
  void attachingRoutesTheAlreadyLoadedGatedClasses() throws Exception {
    Path catalog = catalog();
    try (App app = App.start(null, jvmOptions())) {
      // Before: the original bodies; every gated class is loaded (no Turnout class is, yet).
      Map<String, String> before = app.command("plain");
      assertThat(before).containsEntry("instance", "original s you").containsEntry("anonymous", "original")
          .containsEntry("key.alice", "original alice");

      attach(app, "flags=" + catalog);

      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.routedUnderOn());
      assertThat(app.command("state")).containsEntry("turnout.loader", "bootstrap")
          .containsEntry("programmatic.shapes", "true");
      assertThat(app.stderr()).contains("Turnout agent attached")
          .doesNotContain("WARNING: A Java agent has been loaded dynamically")
          .doesNotContain("cannot transform");

      attach(app, "flags=" + catalog + ",env=again");
      assertThat(app.awaitStderr("Turnout agent: already installed", App.TIMEOUT)).isTrue();
      assertThat(app.command("state")).containsEntry("engine.environment", "null");
    }
  }

  @Test
  void attachingAfterTheApplicationLoadedItsOwnRuntimeIsRefusedAndChangesNothing() throws Exception {
    Path catalog = catalog();
    try (App app = App.start(null, jvmOptions())) {
      app.command("state"); // the application's own turnout-runtime is now in use

      attach(app, "flags=" + catalog);

      assertThat(app.awaitStderr("Turnout agent: cannot attach: the application already loaded turnout-runtime from",
          App.TIMEOUT)).isTrue();
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.originals());
      assertThat(app.command("state")).containsEntry("turnout.loader", "application")
          .containsEntry("programmatic.shapes", "false");
    }
  }

  private Path catalog() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    return catalog;
  }

  private static String[] jvmOptions() {
    // JDK 21+ warns about dynamically loaded agents unless the application allows them.
    return Runtime.version().feature() >= 21 ? new String[] {"-XX:+EnableDynamicAgentLoading"} : new String[0];
  }

  private static void attach(App app, String arguments) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
    try {
      vm.loadAgent(TestJvm.agentJar().toString(), arguments);
    } finally {
      vm.detach();
    }
  }
}
