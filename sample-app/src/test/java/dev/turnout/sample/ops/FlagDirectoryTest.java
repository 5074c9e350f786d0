package dev.turnout.sample.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry the annotation processor wrote for this build, read from the class path. */
class FlagDirectoryTest {

  @Test
  void readsEveryFlagAndGateOfTheBuildsRegistry() {
    FlagDirectory directory = FlagDirectory.load(FlagDirectoryTest.class.getClassLoader());
    assertThat(directory.fromRegistry()).isTrue();
    assertThat(directory.experiments()).containsExactly("task-form-experiment");
    List<FlagDirectory.Flag> flags = directory.flags(List.of("api-count-field", "added-live"));
    assertThat(flags).extracting(FlagDirectory.Flag::key).containsExactly("product-TASKS-103-comments",
        "api-count-field", "disable-registration", "log-level", "task-form-experiment", "added-live");
    FlagDirectory.Flag comments = flags.get(0);
    assertThat(comments.owner()).isEqualTo("tasks-team");
    assertThat(comments.kind()).isEqualTo("release");
    assertThat(comments.expires()).isEqualTo("2027-06-30");
    assertThat(comments.inBuild()).isTrue();
    assertThat(comments.gates()).containsExactly(
        new FlagDirectory.Gate("CommentsFeature.api", "on → apiWithComments"),
        new FlagDirectory.Gate("CommentsFeature.link", "on → linkWithComments"),
        new FlagDirectory.Gate("CommentsFeature.page", "on → pageWithComments"));
    assertThat(flags.get(3).gates()).containsExactly(new FlagDirectory.Gate("LogLevel.level", "quiet → quiet, debug → debug"));
    assertThat(flags.get(5).inBuild()).isFalse();
    assertThat(flags.get(5).owner()).isNull();
  }

  @Test
  void withoutARegistryTheFlagsInForceAreAllThereIs() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      FlagDirectory directory = FlagDirectory.load(empty);
      assertThat(directory.fromRegistry()).isFalse();
      assertThat(directory.experiments()).isEmpty();
      assertThat(directory.flags(List.of("a", "b"))).extracting(FlagDirectory.Flag::key).containsExactly("a", "b");
    }
  }
}
