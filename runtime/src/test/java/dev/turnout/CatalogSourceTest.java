package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.testkit.MutableSource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSourceTest {

  private static final String GOOD = "flags:\n  dark-mode:\n    default: on\n";
  private static final String OTHER = "flags:\n  dark-mode:\n    default: off\n";
  private static final String BAD = "flags:\n  dark-mode:\n    default: maybe\n";

  @TempDir Path dir;
  /** Registered in META-INF/services: opens {@code memory://TEXT} with its options in the name. */
  public static final class MemoryProvider implements CatalogSource.Provider {
    @Override
    public Set<String> schemes() {
      return Set.of("memory");
    }

    @Override
    public CatalogSource open(String address, Map<String, String> options) {
      if (options.containsKey("bad")) {
        throw new IllegalArgumentException("unknown option bad");
      }
      return CatalogSource.of(address + " " + options, "flags: {}", CatalogFormat.YAML);
    }
  }

  @Test
  void contentWithoutRevisionHasRevisionZero() {
    assertThat(new CatalogSource.Content("a.yaml", GOOD, CatalogFormat.YAML).revision()).isZero();
    assertThat(new CatalogSource.Content("a.yaml", GOOD, CatalogFormat.YAML, 42).revision()).isEqualTo(42);
    assertThatThrownBy(() -> new CatalogSource.Content("a.yaml", GOOD, CatalogFormat.YAML, -1))
        .hasMessageContaining("negative");
  }

  @Test
  void theSourceHearsWhichContentWasAppliedAndWhichRefused() {
    MutableSource store = new MutableSource("store", null);
    store.set(GOOD, 5);
    FlagEngine engine = FlagEngine.builder().source(store).watch(false).build();
    assertThat(store.told()).containsExactly("applied 5");

    store.set(BAD, 6);
    assertThat(engine.reload()).isFalse();
    assertThat(store.told()).hasSize(2);
    assertThat(store.told().get(1)).startsWith("refused 6 ").contains("maybe");
    assertThat(engine.isEnabled("dark-mode", null)).isTrue();

    store.set(OTHER, 7);
    assertThat(engine.reload()).isTrue();
    assertThat(store.told()).hasSize(3).last().isEqualTo("applied 7");
    assertThat(engine.isEnabled("dark-mode", null)).isFalse();
  }

  @Test
  void sameTextUnderANewRevisionIsToldAgainOnce() {
    MutableSource store = new MutableSource("store", null);
    store.set(GOOD, 5);
    FlagEngine engine = FlagEngine.builder().source(store).watch(false).build();
    engine.reload(); // same text, same revision: nothing new
    store.set(GOOD, 8); // republished unchanged
    engine.reload();
    engine.reload();
    store.set(BAD, 9);
    engine.reload();
    store.set(BAD, 10);
    engine.reload();
    assertThat(store.told()).hasSize(4);
    assertThat(store.told().subList(0, 2)).containsExactly("applied 5", "applied 8");
    assertThat(store.told().get(2)).startsWith("refused 9 ");
    assertThat(store.told().get(3)).startsWith("refused 10 ");
    assertThat(engine.reloadCount()).isEqualTo(1);
  }

  @Test
  void aSourceThatThrowsWhenToldDoesNotStopTheEngine() {
    CatalogSource throwing = new CatalogSource() {
      @Override
      public String name() {
        return "throwing";
      }

      @Override
      public Content read() {
        return new Content("throwing", GOOD, CatalogFormat.YAML, 1);
      }

      @Override
      public void applied(Content content) {
        throw new IllegalStateException("boom");
      }
    };
    FlagEngine engine = FlagEngine.builder().source(throwing).watch(false).build();
    assertThat(engine.isEnabled("dark-mode", null)).isTrue();
    assertThat(engine.catalogVersion()).isEqualTo(1);
  }

  @Test
  void fileAddressesAndPlainPathsOpenWatchedFiles() throws IOException {
    Path file = Files.writeString(dir.resolve("flags.yaml"), GOOD);
    Path unleash = Files.writeString(dir.resolve("features.txt"),
        "{\"version\": 1, \"features\": [{\"name\": \"dark-mode\", \"enabled\": true, \"strategies\": []}]}");
    assertThat(CatalogSource.open(file.toString()).read().text()).isEqualTo(GOOD);
    assertThat(CatalogSource.open(file.toUri().toString()).read().text()).isEqualTo(GOOD);
    assertThat(CatalogSource.open("file:" + file).read().text()).isEqualTo(GOOD);
    CatalogSource.Content content = CatalogSource.open(unleash.toString(), Map.of("format", "unleash")).read();
    assertThat(content.format()).isEqualTo(CatalogFormat.UNLEASH);
    assertThatThrownBy(() -> CatalogSource.open(file.toString(), Map.of("cache", "/tmp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option 'cache' does not apply");
  }

  @Test
  void otherSchemesAreOpenedByTheirProviderWithTheirOptions() throws IOException {
    CatalogSource source = CatalogSource.open("memory://one", Map.of("app", "shop"));
    assertThat(source.name()).isEqualTo("memory://one {app=shop}");
    assertThat(CatalogSource.open("MEMORY://two").read().text()).isEqualTo("flags: {}");
    assertThatThrownBy(() -> CatalogSource.open("memory://one", Map.of("bad", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option bad");
  }

  @Test
  void aMissingProviderIsNamedWithItsModule() {
    assertThatThrownBy(() -> CatalogSource.open("etcd://127.0.0.1:2379/turnout/catalog"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etcd:// scheme is provided by the turnout-etcd module (dev.turnout:turnout-etcd)")
        .hasMessageContaining("found: memory");
    assertThatThrownBy(() -> CatalogSource.open("zk://h:2181/catalog"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no CatalogSource.Provider on the class path handles the zk:// scheme (found: memory)");
  }

  @Test
  void openWithALoaderSearchesThatLoaderOnly() throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> CatalogSource.open("memory://one", Map.of(), empty))
          .hasMessageContaining("none found");
      assertThat(CatalogSource.open("memory://one", Map.of(), getClass().getClassLoader()).name())
          .startsWith("memory://one");
    }
  }
}
