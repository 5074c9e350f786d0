package dev.turnout.sample.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The registry the annotation processor wrote for this build, read from the class path. */
class FlagDirectoryTest {

  @Test
  void readsEveryFlagAndGateOfTheBuildsRegistry() {
    FlagDirectory directory = FlagDirectory.load(FlagDirectoryTest.class.getClassLoader());
    assertThat(directory.fromRegistry()).isTrue();
    List<FlagDirectory.Flag> flags = directory.flags(List.of("api-count-field", "added-live"));
    assertThat(flags).extracting(FlagDirectory.Flag::key)
        .containsSubsequence("api-count-field", "disable-registration", "log-level").endsWith("added-live")
        .doesNotHaveDuplicates();
    assertThat(directory.experiments()).isEqualTo(flags.stream().filter(f -> "experiment".equals(f.kind()))
        .map(FlagDirectory.Flag::key).collect(Collectors.toSet()));
    FlagDirectory.Flag countField = flag(flags, "api-count-field");
    assertThat(countField.owner()).isEqualTo("api-team");
    assertThat(countField.kind()).isEqualTo("release");
    assertThat(countField.expires()).isEqualTo("2027-06-30");
    assertThat(countField.inBuild()).isTrue();
    assertThat(countField.gates()).containsExactly(new FlagDirectory.Gate("TaskListJson.body", "on → bodyWithCount"));
    assertThat(flag(flags, "log-level").gates())
        .containsExactly(new FlagDirectory.Gate("LogLevel.level", "quiet → quiet, debug → debug"));
    assertThat(flag(flags, "added-live").inBuild()).isFalse();
    assertThat(flag(flags, "added-live").owner()).isNull();
  }

  private static FlagDirectory.Flag flag(List<FlagDirectory.Flag> flags, String key) {
    return flags.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
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
