package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    List<String> options = new ArrayList<>();
    if (Runtime.version().feature() >= 21) {
      options.add("-XX:+EnableDynamicAgentLoading"); // JDK 21+ warns about dynamically loaded agents otherwise
    }
    try (App app = App.start(null, options.toArray(new String[0]))) {
      // Before: the original bodies; the gated classes are loaded, and so is the application's own runtime.
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.originals());

      VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
      try {
        vm.loadAgent(App.agentJar().toString(), "flags=" + catalog);
      } finally {
        vm.detach();
      }

      Map<String, String> expected = Catalogs.routedUnderOn();
      // The documented limit of a late attach: contexts bound through the application's own copy of the
      // runtime, loaded before the agent, are not seen by the gates (which use the agent's copy).
      expected.put("bound.pro", "original");
      expected.put("bound.proWithKey", "original dave");
      expected.put("bound.key", "original null");
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(expected);
      assertThat(app.command("state")).containsEntry("turnout.loader", "application");
      assertThat(app.stderr()).contains("Turnout agent attached")
          .contains("the application loaded its own turnout-runtime")
          .doesNotContain("WARNING: A Java agent has been loaded dynamically")
          .doesNotContain("cannot transform");
    }
  }
}
