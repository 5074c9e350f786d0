package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The same application without the agent: every gated method runs its original body. */
class WithoutAgentIT {

  @Test
  void everyGatedMethodRunsItsOriginalBody() throws Exception {
    try (App app = App.start(null)) {
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.originals());
      assertThat(app.command("loaders")).containsEntry("loader.parentFirst", "original")
          .containsEntry("loader.childFirst", "original")
          .containsEntry("loader.hidden", "original");
      // Programmatic checks still work, on the class path catalog, with the application's runtime.
      assertThat(app.command("state")).containsEntry("turnout.loader", "application")
          .containsEntry("programmatic.shapes", "false");
      assertThat(app.stderr()).doesNotContain("Turnout agent");
    }
  }
}
