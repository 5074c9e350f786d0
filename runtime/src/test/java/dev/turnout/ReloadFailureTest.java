package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.testkit.MutableSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that fails in any way, with any {@link Throwable}, is reported like a refused catalog; the
 * watch survives it, later good catalogs apply, and nothing reaches the caller.
 */
class ReloadFailureTest {

  private static final String ON = "flags:\n  dark-mode: { default: on }\n";
  private static final String OFF = "flags:\n  dark-mode: { default: off }\n";

  @TempDir
  Path dir;
  private static final class Heard implements TurnoutListener {
    final List<CatalogException> errors = new CopyOnWriteArrayList<>();
    final List<CatalogChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public void onCatalogError(CatalogException error) {
      errors.add(error);
    }

    @Override
    public void onCatalogChange(CatalogChange change) {
      changes.add(change);
    }
  }

  @Test
  void anyThrowableFromTheSourceIsARefusedCatalogAndTheNextGoodOneApplies() {
    MutableSource source = new MutableSource("scripted.yaml", ON);
    FlagEngine engine = FlagEngine.builder().source(source).watch(false).environment(null).build();
    Heard heard = new Heard();
    engine.addListener(heard);
    List<Throwable> failures = List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"),
        new NoClassDefFoundError("com/example/Gone"), new AssertionError("a source's assert"),
        new IOException("disk on fire"), new Exception("a checked exception thrown sneakily"));
    int n = 0;
    for (Throwable failure : failures) {
      n++;
      source.fail(failure);
      assertThat(engine.reload()).isFalse();
      assertThat(engine.reloadFailureCount()).isEqualTo(n);
      assertThat(engine.lastError()).get().extracting(e -> e.problems().get(0).message()).asString()
          .startsWith("cannot read catalog: " + failure.getClass().getName());
      assertThat(heard.errors).hasSize(n);
      assertThat(engine.isEnabled("dark-mode", null)).isTrue();
    }
    source.set(OFF);
    assertThat(engine.reload()).isTrue();
    assertThat(engine.isEnabled("dark-mode", null)).isFalse();
    assertThat(engine.lastError()).isEmpty();
  }

  @Test
  void anErrorWhileReadingTheCatalogIsARefusedCatalog() {
    // A catalog the reader cannot read without overflowing its stack, stood in for by a format whose
    // text makes the source throw the error itself: the reader is not to be relied on to overflow.
    MutableSource source = new MutableSource("scripted.yaml", ON);
    FlagEngine engine = FlagEngine.builder().source(source).watch(false).environment(null).build();
    source.fail(new StackOverflowError());
    assertThat(engine.reload()).isFalse();
    assertThat(engine.lastError()).get().extracting(Throwable::getMessage).asString()
        .contains("java.lang.StackOverflowError (nested or chained too deep)");
    assertThat(engine.catalogVersion()).isEqualTo(1);
  }

  @Test
  void aWatchedFileWhoseReadThrowsAnErrorKeepsTheWatchAliveForTheNextGoodFile() throws Exception {
    Path file = dir.resolve("flags.yaml");
    write(file, ON);
    CatalogSource files = CatalogSource.file(file);
    // Reads through the file source, and throws StackOverflowError whenever the file says "boom".
    CatalogSource source = new CatalogSource() {
      @Override
      public String name() {
        return files.name();
      }

      @Override
      public Content read() throws IOException {
        Content c = files.read();
        if (c != null && c.text().contains("boom")) {
          throw new StackOverflowError();
        }
        return c;
      }

      @Override
      public Watch watch(Runnable changed) {
        return files.watch(changed);
      }
    };
    Heard heard = new Heard();
    try (FlagEngine engine = FlagEngine.builder().source(source).environment(null).build()) {
      engine.addListener(heard);
      write(file, "# boom\n" + OFF);
      FlagEngineTest.within(5000, () -> heard.errors.size() == 1, "the error is reported");
      write(file, OFF);
      FlagEngineTest.within(1000, () -> !engine.isEnabled("dark-mode", null), "the next good file applies");
      assertThat(engine.reloadFailureCount()).isEqualTo(1);
      write(file, "# boom again\n" + ON);
      FlagEngineTest.within(5000, () -> heard.errors.size() == 2, "the watch still runs");
      write(file, ON);
      FlagEngineTest.within(1000, () -> engine.isEnabled("dark-mode", null), "and still applies good files");
    }
  }

  @Test
  void listenersAndSourcesThatThrowErrorsReachNoCaller() {
    MutableSource source = new MutableSource("scripted.yaml", ON) {
      @Override
      public void applied(Content content) {
        throw new AssertionError("applied");
      }

      @Override
      public void refused(Content content, List<CatalogProblem> problems) {
        throw MutableSource.<RuntimeException>sneaky(new IOException("refused"));
      }
    };
    FlagEngine engine = FlagEngine.builder().source(source).watch(false).environment(null).build();
    engine.addListener(new TurnoutListener() {
      @Override
      public void onCatalogChange(CatalogChange change) {
        throw new AssertionError("onCatalogChange");
      }

      @Override
      public void onCatalogError(CatalogException error) {
        throw MutableSource.<RuntimeException>sneaky(new Exception("onCatalogError"));
      }

      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        throw new AssertionError("onEvaluation");
      }
    });
    assertThat(engine.isEnabled("dark-mode", null)).isTrue();
    assertThat(engine.evaluate("unknown", null).reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);
    source.set("flags: { dark-mode: { default: maybe } }");
    assertThat(engine.reload()).isFalse();
    source.set(OFF);
    assertThat(engine.reload()).isTrue();
    assertThat(engine.isEnabled("dark-mode", null)).isFalse();
  }

  @Test
  void closeDoesNotWaitForAReloadStuckInItsSource() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MutableSource source = new MutableSource("scripted.yaml", ON);
    FlagEngine engine = FlagEngine.builder().source(source).watch(false).environment(null).build();
    source.next(() -> {
      reading.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new CatalogSource.Content("scripted.yaml", OFF, CatalogFormat.YAML);
    });
    Thread stuck = new Thread(engine::reload);
    stuck.setDaemon(true);
    stuck.start();
    assertThat(reading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertTimeoutPreemptively(Duration.ofSeconds(5), engine::close);
    release.countDown();
    stuck.join(5000);
    assertThat(engine.isEnabled("dark-mode", null)).as("a reload done after close applies nothing").isTrue();
  }

  static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
