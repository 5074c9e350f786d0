package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogSource;
import dev.turnout.FeatureFlag;
import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTransformerTest {

  /** The gated class: a nested class of the test, defined again from transformed bytes. */
  public static final class Greeting {
    @FeatureFlag(value = "greeting", alternate = "shout")
    public String hello() {
      return "hello";
    }

    public String shout() {
      return "HELLO";
    }
  }

  private static final String GREETING = Greeting.class.getName().replace('.', '/');
  /** Nothing may be called on it: a transformation that only gates methods needs no instrumentation. */
  private static final Instrumentation NONE = (Instrumentation) Proxy.newProxyInstance(
      GateTransformerTest.class.getClassLoader(), new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
        throw new AssertionError("unexpected call of Instrumentation." + method.getName());
      });

  @TempDir
  Path dir;
  private final List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private FlagEngine previous;

  @BeforeEach
  void captureTheLog() {
    Logger.getLogger("dev.turnout").addHandler(capture);
  }

  @AfterEach
  void restore() {
    AgentLog.awaitWritten(10_000); // this test's lines are not heard by the next one
    Logger.getLogger("dev.turnout").removeHandler(capture);
    if (previous != null) {
      Turnout.install(previous).close();
    }
  }

  @Test
  void aClassOutsideTheIndexIsNeverRead() throws IOException {
    GateTransformer transformer = new GateTransformer(new AgentIndex(), NONE);
    IndexedLoader loader = new IndexedLoader(index(GREETING.replace('/', '.')));
    byte[] notAClassFile = {1, 2, 3};

    assertThat(transformer.transform(null, loader, "com/example/Other", null, null, notAClassFile)).isNull();
    assertThat(transformer.transform(null, null, GREETING, null, null, notAClassFile)).isNull(); // the bootstrap loader
    assertThat(AgentLog.awaitWritten(10_000)).isTrue();
    assertThat(logged).isEmpty();

    // The same bytes under an indexed name are read, fail, and are reported: the check above was the index.
    assertThat(transformer.transform(null, loader, GREETING, null, null, notAClassFile)).isNull();
    assertThat(AgentLog.awaitWritten(10_000)).isTrue();
    assertThat(logged).extracting(LogRecord::getMessage)
        .anySatisfy(m -> assertThat(m).startsWith("Turnout agent: cannot transform " + Greeting.class.getName()));
  }

  @Test
  void anIndexedClassIsGatedAndRoutesByTheEngineInForce() throws Exception {
    previous = Turnout.install(engine("on"));
    GateTransformer transformer = new GateTransformer(new AgentIndex(), NONE);
    IndexedLoader loader = new IndexedLoader(index(GREETING.replace('/', '.')));

    byte[] original = classFile(Greeting.class);
    byte[] gated = transformer.transform(null, loader, GREETING, null, null, original);

    assertThat(gated).isNotNull().isNotEqualTo(original);
    Object greeting = loader.define(Greeting.class.getName(), gated).getConstructor().newInstance();
    assertThat(greeting.getClass().getMethod("hello").invoke(greeting)).isEqualTo("HELLO");
    Turnout.install(engine("off")).close();
    assertThat(greeting.getClass().getMethod("hello").invoke(greeting)).isEqualTo("hello");
    assertThat(new Greeting().hello()).isEqualTo("hello"); // the test's own copy was never transformed
  }

  @Test
  void anIndexedClassWithoutGatesIsLeftAsItIs() throws Exception {
    GateTransformer transformer = new GateTransformer(new AgentIndex(), NONE);
    String name = GateTransformerTest.class.getName();
    IndexedLoader loader = new IndexedLoader(index(name));

    assertThat(transformer.transform(null, loader, name.replace('.', '/'), null, null,
        classFile(GateTransformerTest.class))).isNull();
    assertThat(AgentLog.awaitWritten(10_000)).isTrue();
    assertThat(logged).isEmpty();
  }

  private static FlagEngine engine(String greeting) {
    return FlagEngine.builder().source(CatalogSource.of("test.yaml", "flags:\n  greeting:\n    default: " + greeting
        + "\n")).watch(false).build();
  }

  private Path index(String... names) throws IOException {
    Path file = dir.resolve("agent.idx");
    Files.writeString(file, "# test index\n" + String.join("\n", names) + "\n");
    return file;
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** A loader whose agent index is the given file, which defines classes from given bytes. */
  private static final class IndexedLoader extends ClassLoader {
    private final Path index;

    IndexedLoader(Path index) {
      super(GateTransformerTest.class.getClassLoader());
      this.index = index;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(AgentIndex.RESOURCE) ? Collections.enumeration(List.of(index.toUri().toURL()))
          : super.getResources(name);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
