package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.internal.source.Bounded;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index reads counted over real class loaders and real jars: one read per location, however many loaders. */
class AgentIndexTest {

  @TempDir
  Path dir;

  /** Reads with the agent's own reader and counts the reads of each URL. */
  private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  private final AgentIndex index = new AgentIndex(url -> {
    reads.computeIfAbsent(url.toExternalForm(), u -> new AtomicInteger()).incrementAndGet();
    return Bounded.resource(url, AgentIndex.MAX_BYTES, url.toString());
  });
  private final List<URLClassLoader> loaders = new ArrayList<>();

  @AfterEach
  void closeLoaders() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  @Test
  void childLoadersShareTheirParentsIndexesReadOnce() throws IOException {
    Path app = jar("app.jar", "com.example.App", "com.example.App$Inner");
    Path lib = jar("lib.jar", "com.example.lib.Lib");
    URLClassLoader parent = loader(ClassLoader.getPlatformClassLoader(), app, lib);
    List<URLClassLoader> children = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      children.add(loader(i % 2 == 0 ? parent : children.get(i - 1))); // children and grandchildren
    }

    assertThat(index.contains(parent, "com/example/App")).isTrue();
    for (URLClassLoader child : children) {
      assertThat(index.contains(child, "com/example/App$Inner")).isTrue();
      assertThat(index.contains(child, "com/example/lib/Lib")).isTrue();
      assertThat(index.contains(child, "com/example/Other")).isFalse();
    }

    assertThat(reads).containsOnlyKeys(entry(app), entry(lib));
    assertThat(reads.values()).allSatisfy(n -> assertThat(n).hasValue(1));
  }

  @Test
  void aChildFirstLoaderWithItsOwnCopyReadsThatCopy() throws IOException {
    Path app = jar("app.jar", "com.example.App");
    Path webapp = jar("webapp.jar", "com.example.web.Page");
    URLClassLoader parent = loader(ClassLoader.getPlatformClassLoader(), app);
    URLClassLoader child = loader(parent, webapp); // sees both copies
    URLClassLoader isolated = loader(ClassLoader.getPlatformClassLoader(), webapp); // its own copy only
    URLClassLoader sibling = loader(parent, webapp); // the same copy again

    assertThat(index.contains(child, "com/example/web/Page")).isTrue();
    assertThat(index.contains(child, "com/example/App")).isTrue();
    assertThat(index.contains(isolated, "com/example/web/Page")).isTrue();
    assertThat(index.contains(isolated, "com/example/App")).isFalse();
    assertThat(index.contains(sibling, "com/example/web/Page")).isTrue();
    assertThat(index.contains(parent, "com/example/web/Page")).isFalse();

    assertThat(reads).containsOnlyKeys(entry(app), entry(webapp));
    assertThat(reads.values()).allSatisfy(n -> assertThat(n).hasValue(1));
  }

  @Test
  void aLoaderWithoutAnyIndexGatesNothingAndReadsNothing() throws IOException {
    URLClassLoader empty = loader(ClassLoader.getPlatformClassLoader(), Files.createDirectories(dir.resolve("empty")));

    assertThat(index.contains(empty, "com/example/App")).isFalse();
    assertThat(index.contains(null, "com/example/App")).isFalse();
    assertThat(reads).isEmpty();
  }

  @Test
  void aChangedIndexAtTheSameLocationIsReadAgainByTheNextLoader() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes/META-INF/turnout"));
    Path file = classes.resolve("agent.idx");
    Files.writeString(file, "com.example.Old\n");
    Path root = dir.resolve("classes");
    URLClassLoader before = loader(ClassLoader.getPlatformClassLoader(), root);
    assertThat(index.contains(before, "com/example/Old")).isTrue();

    Files.writeString(file, "# redeployed\ncom.example.New\n");
    URLClassLoader after = loader(ClassLoader.getPlatformClassLoader(), root);

    assertThat(index.contains(after, "com/example/New")).isTrue();
    assertThat(index.contains(after, "com/example/Old")).isFalse();
    assertThat(index.contains(before, "com/example/Old")).isTrue(); // a loader keeps what it was given
    assertThat(reads.get(file.toUri().toURL().toExternalForm())).hasValue(2);
  }

  @Test
  void atMostMaxLocationsAreRememberedTheLeastRecentlySeenForgottenFirst() throws IOException {
    List<Path> roots = new ArrayList<>();
    for (int i = 0; i <= AgentIndex.MAX_LOCATIONS; i++) {
      Path root = dir.resolve("c" + i);
      Files.createDirectories(root.resolve("META-INF/turnout"));
      Files.writeString(root.resolve(AgentIndex.RESOURCE), "com.example.C" + i + "\n");
      roots.add(root);
    }
    for (Path root : roots) { // one more location than remembered: the first is forgotten
      assertThat(index.contains(loader(ClassLoader.getPlatformClassLoader(), root), "com/example/C0")).isEqualTo(root == roots.get(0));
    }
    URLClassLoader last = loader(ClassLoader.getPlatformClassLoader(), roots.get(roots.size() - 1));
    URLClassLoader first = loader(ClassLoader.getPlatformClassLoader(), roots.get(0));

    assertThat(index.contains(last, "com/example/C" + AgentIndex.MAX_LOCATIONS)).isTrue();
    assertThat(index.contains(first, "com/example/C0")).isTrue();

    assertThat(reads).hasSize(AgentIndex.MAX_LOCATIONS + 1);
    assertThat(reads.get(indexUrl(roots.get(0)))).hasValue(2);
    assertThat(reads.get(indexUrl(roots.get(roots.size() - 1)))).hasValue(1);
  }

  @Test
  void loadersMeetingANewLocationAtOnceShareOneRead() throws Exception {
    int threads = 8;
    Path app = jar("app.jar", "com.example.App");
    URLClassLoader parent = loader(ClassLoader.getPlatformClassLoader(), app);
    AtomicInteger asking = new AtomicInteger();
    List<URLClassLoader> children = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      URLClassLoader child = new URLClassLoader(new URL[0], parent) {
        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
          asking.incrementAndGet();
          return super.getResources(name);
        }
      };
      loaders.add(child);
      children.add(child);
    }
    // The first read holds on until every thread of the pool has started to look its loader's index up.
    AgentIndex shared = new AgentIndex(url -> {
      reads.computeIfAbsent(url.toExternalForm(), u -> new AtomicInteger()).incrementAndGet();
      for (long end = System.nanoTime() + 10_000_000_000L; asking.get() < threads && System.nanoTime() < end; ) {
        Thread.onSpinWait();
      }
      return Bounded.resource(url, AgentIndex.MAX_BYTES, url.toString());
    });
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> answers = new ArrayList<>();
      for (URLClassLoader child : children) {
        answers.add(pool.submit(() -> {
          start.await();
          return shared.contains(child, "com/example/App") && !shared.contains(child, "com/example/Other");
        }));
      }
      start.countDown();
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(asking).hasValueGreaterThanOrEqualTo(threads);
    assertThat(reads).containsOnlyKeys(entry(app));
    assertThat(reads.get(entry(app))).hasValue(1);
  }

  @Test
  void stampsNameTheOutermostFile() throws IOException {
    Path app = jar("app.jar", "com.example.App");
    String stamp = AgentIndex.stamp(new URL(entry(app)));
    assertThat(stamp).isEqualTo(Files.size(app) + "@" + Files.getLastModifiedTime(app).toMillis());
    // Spring Boot's form, with a handler standing in for the one Boot's launcher registers.
    URLStreamHandler boot = new URLStreamHandler() {
      @Override
      protected URLConnection openConnection(URL u) throws IOException {
        throw new IOException("not opened");
      }
    };
    URL nested = new URL("jar", "", -1, "nested:" + app + "/!BOOT-INF/lib/x.jar!/" + AgentIndex.RESOURCE, boot);
    assertThat(AgentIndex.stamp(nested)).isEqualTo(stamp);
    assertThat(AgentIndex.stamp(new URL("jar:file:" + dir.resolve("gone.jar") + "!/" + AgentIndex.RESOURCE))).isNull();
    assertThat(AgentIndex.stamp(new URL("http://localhost/" + AgentIndex.RESOURCE))).isNull();
  }

  private URLClassLoader loader(ClassLoader parent, Path... roots) throws IOException {
    URL[] urls = new URL[roots.length];
    for (int i = 0; i < roots.length; i++) {
      urls[i] = roots[i].toUri().toURL();
    }
    URLClassLoader loader = new URLClassLoader(urls, parent);
    loaders.add(loader);
    return loader;
  }

  /** A jar with an agent index listing the names (and a class file entry for none of them: not needed). */
  private Path jar(String name, String... classes) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(AgentIndex.RESOURCE));
      out.write(("# agent index\n" + String.join("\n", classes) + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static String entry(Path jar) throws IOException {
    return "jar:" + jar.toUri().toURL().toExternalForm() + "!/" + AgentIndex.RESOURCE;
  }

  private static String indexUrl(Path root) throws IOException {
    return root.resolve(AgentIndex.RESOURCE).toUri().toURL().toExternalForm();
  }
}
