package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.internal.gate.Gate;
import dev.turnout.testkit.MutableSource;
import java.io.OutputStream;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bound contexts never leak, bad files are refused without waiting, torn writes never go live. */
@SuppressWarnings("try")
class ReliabilityTest {

  @TempDir
  Path dir;

  private static final EvaluationContext A = EvaluationContext.of("a");
  private static final EvaluationContext B = EvaluationContext.of("b");
  private static final EvaluationContext C = EvaluationContext.of("c");

  @AfterEach
  void clearBindings() {
    Turnout.bind(null).close();
  }

  @Test
  void closingAnOuterScopeEndsWhatWasBoundWithinAndLateClosesRestoreNothing() {
    Turnout.Scope a = Turnout.bind(A);
    Turnout.Scope b = Turnout.bind(B);
    a.close(); // out of order: b is still open
    assertThat(Turnout.currentContext()).isSameAs(EvaluationContext.anonymous());
    b.close(); // must not bring back A, a stale binding
    assertThat(Turnout.currentContext()).isSameAs(EvaluationContext.anonymous());

    try (var outer = Turnout.bind(A)) {
      Turnout.Scope inner = Turnout.bind(B);
      Turnout.Scope innermost = Turnout.bind(C);
      inner.close();
      assertThat(Turnout.currentContext()).isSameAs(A);
      innermost.close();
      assertThat(Turnout.currentContext()).isSameAs(A);
    }
    assertThat(Turnout.currentContext()).isSameAs(EvaluationContext.anonymous());
  }

  @Test
  void aScopeClosedOnAnotherThreadEndsThere() throws Exception {
    try (var outer = Turnout.bind(A)) {
      Turnout.Scope inner = Turnout.bind(B);
      Thread t = new Thread(inner::close);
      t.start();
      t.join();
      assertThat(Turnout.currentContext()).isSameAs(A);
      inner.close();
      assertThat(Turnout.currentContext()).isSameAs(A);
    }
  }

  @Test
  void aPooledTaskThatLeavesItsBindingOpenDoesNotLeakItIntoTheNextWrappedTask() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicReference<EvaluationContext> seen = new AtomicReference<>();
      pool.submit(Turnout.wrap(() -> {
        Turnout.bind(C); // never closed
      }, A)).get();
      pool.submit(() -> seen.set(Turnout.currentContext())).get();
      assertThat(seen.get()).isSameAs(EvaluationContext.anonymous());
      try (var scope = Turnout.bind(B)) {
        assertThat(pool.submit(Turnout.wrap(Turnout::currentContext)).get()).isSameAs(B);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deviceFilesFifosAndDirectoriesAreRefusedWithoutWaiting() throws Exception {
    Path zero = dir.resolve("zero.yaml");
    Files.createSymbolicLink(zero, Path.of("/dev/zero"));
    Path fifo = dir.resolve("fifo.yaml");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor()).isZero();
    Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
    for (Path p : new Path[] {zero, fifo, folder}) {
      FlagEngine engine = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> FlagEngine.builder().source(CatalogSource.file(p)).watch(false).build());
      assertThat(engine.lastError()).get().extracting(Throwable::getMessage).asString()
          .contains("is not a regular file").doesNotContain("\0");
    }
  }

  @Test
  void aCatalogWrittenInPlaceInPiecesNeverMakesAGatedFlagUnknown() throws Throwable {
    StringBuilder full = new StringBuilder("flags:\n");
    for (int i = 0; i < 40; i++) {
      full.append("  flag-").append(i).append(": { default: on }\n");
    }
    full.append("  tail-flag: { default: on }\n");
    Path file = dir.resolve("flags.yaml");
    Files.writeString(file, full);
    try (FlagEngine engine = FlagEngine.builder().source(CatalogSource.file(file)).environment(null).build()) {
      FlagEngine previous = Turnout.install(engine);
      try {
        link("tail-flag");
        AtomicLong notFound = new AtomicLong();
        Thread evaluating = new Thread(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            if (engine.evaluate("tail-flag", null).reason() == Evaluation.Reason.FLAG_NOT_FOUND) {
              notFound.incrementAndGet();
            }
          }
        });
        evaluating.start();
        String next = full.toString().replace("tail-flag: { default: on }", "tail-flag: { default: off }");
        // As cp or an editor writes: truncate, then write in pieces, pausing longer than the watch settles.
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
          byte[] bytes = next.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          int piece = bytes.length / 4;
          for (int at = 0; at < bytes.length; at += piece) {
            out.write(bytes, at, Math.min(piece, bytes.length - at));
            out.flush();
            Thread.sleep(400);
          }
        }
        FlagEngineTest.within(1000, () -> !engine.isEnabled("tail-flag", null), "the whole catalog applies");
        evaluating.interrupt();
        evaluating.join();
        assertThat(notFound.get()).isZero();
        assertThat(engine.reloadFailureCount()).isPositive(); // the cut-off versions were seen and refused
        assertThat(engine.lastError()).isEmpty();
      } finally {
        Turnout.install(previous);
      }
    }
  }

  @Test
  void aDeliberateRemovalIsAllowedWhenTheEngineSaysSo() {
    MutableSource source = new MutableSource("scripted.yaml", "flags: { a: {}, b: {} }");
    FlagEngine strict = FlagEngine.builder().source(source).watch(false).environment(null).countEvaluations().build();
    strict.evaluate("b", null);
    source.set("flags: { a: {} }");
    assertThat(strict.reload()).isFalse();
    assertThat(strict.lastError()).get().extracting(Throwable::getMessage).asString()
        .contains("removes 1 flag the running code uses (b)");
    source.set("flags: { a: {}, b: { enabled: false } }");
    assertThat(strict.reload()).as("a later good catalog applies").isTrue();

    MutableSource other = new MutableSource("scripted.yaml", "flags: { a: {}, b: {} }");
    FlagEngine lenient = FlagEngine.builder().source(other).watch(false).environment(null).countEvaluations()
        .allowRemovingFlagsInUse().build();
    lenient.evaluate("b", null);
    other.set("flags: { a: {} }");
    assertThat(lenient.reload()).isTrue();
  }

  /** A decision source whose creation overflows the stack; counts how often it is tried. */
  public static final class Overflowing implements DecisionSource.Factory {
    static final AtomicLong CREATED = new AtomicLong();

    @Override
    public String name() {
      return "overflowing";
    }

    @Override
    public DecisionSource create() {
      CREATED.incrementAndGet();
      throw new StackOverflowError();
    }
  }

  @Test
  void theDefaultEngineIsSetUpOnceEvenWhenThatThrowsAnError() {
    FlagEngine previous = Turnout.install(null);
    System.setProperty("turnout.decisions", "overflowing");
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(Turnout.isEnabled("anything")).isFalse();
        assertThat(Turnout.engine()).isNotNull();
      }
      assertThat(Overflowing.CREATED.get()).isEqualTo(1);
    } finally {
      System.clearProperty("turnout.decisions");
      Turnout.install(previous);
    }
  }

  /** Links a gate of the flag to the installed engine, as a gated method's first call does. */
  private static void link(String flag) throws Throwable {
    CallSite site = Gate.alternate(MethodHandles.lookup(), "gated", MethodType.methodType(int.class), flag);
    int route = (int) site.dynamicInvoker().invoke();
    assertThat(route).isEqualTo(1);
  }

}
