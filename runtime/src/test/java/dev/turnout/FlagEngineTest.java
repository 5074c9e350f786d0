package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagEngineTest {

  @TempDir
  Path dir;

  static final String TWO_FLAGS = """
      flags:
        dark-mode:
          default: on
        beta:
          allow: [ann]
      """;

  private static FlagEngine fromString(String yaml) {
    return FlagEngine.builder().source(CatalogSource.of("flags.yaml", yaml)).environment(null).requireValidCatalog().build();
  }

  @Test
  void countsStartAtTheFirstReadUnlessAskedForFromTheStart() {
    FlagEngine e = fromString(TWO_FLAGS);
    for (int i = 0; i < 3; i++) {
      e.evaluate("beta", EvaluationContext.of("ann"));
    }
    assertThat(e.evaluationCounts()).as("not counted before anyone asked")
        .containsEntry("beta", java.util.Map.of("on", 0L, "off", 0L));
    e.evaluate("beta", EvaluationContext.of("ann"));
    e.evaluate("beta", EvaluationContext.of("bob"));
    assertThat(e.evaluationCount("beta", "on")).isEqualTo(1);
    assertThat(e.evaluationCount("beta", "off")).isEqualTo(1);

    FlagEngine byCall = fromString(TWO_FLAGS);
    byCall.evaluate("beta", EvaluationContext.of("ann"));
    byCall.countEvaluations();
    byCall.countEvaluations(); // idempotent
    byCall.evaluate("beta", EvaluationContext.of("ann"));
    assertThat(byCall.evaluationCount("beta", "on")).isEqualTo(1);

    FlagEngine byReadingOne = fromString(TWO_FLAGS);
    byReadingOne.evaluate("beta", EvaluationContext.of("ann"));
    assertThat(byReadingOne.evaluationCount("beta", "on")).isZero();
    byReadingOne.evaluate("beta", EvaluationContext.of("ann"));
    assertThat(byReadingOne.evaluationCounts()).containsEntry("beta", java.util.Map.of("on", 1L, "off", 0L));
  }

  @Test
  void countingIsIndependentOfListeners() {
    FlagEngine e = fromString(TWO_FLAGS);
    List<String> heard = new ArrayList<>();
    TurnoutListener listener = new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        heard.add(evaluation.variant());
      }
    };
    e.addListener(listener);
    e.evaluate("beta", EvaluationContext.of("ann"));
    e.countEvaluations();
    e.removeListener(listener);
    e.evaluate("beta", EvaluationContext.of("ann"));
    e.evaluate("beta", EvaluationContext.of("bob"));
    assertThat(heard).containsExactly("on");
    assertThat(e.evaluationCounts()).containsEntry("beta", java.util.Map.of("on", 1L, "off", 1L));
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Polls until the condition holds, failing after the deadline: a functional bound, not a measurement. */
  static void within(long millis, BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + millis + " ms: " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void unknownFlagServesFallbackWithoutThrowing() {
    FlagEngine e = fromString(TWO_FLAGS);
    Evaluation r = e.evaluate("no-such-flag", EvaluationContext.of("ann"));
    assertThat(r.reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);
    assertThat(r.variant()).isNull();
    assertThat(r.isEnabled()).isFalse();
    assertThat(e.evaluate(null, null).reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);
    assertThat(e.isEnabled("dark-mode", null)).isTrue();
  }

  @Test
  void invalidCatalogAtStartServesFallbacksOrThrowsWhenRequired() {
    String bad = "flags:\n  a:\n    enabled: maybe\n";
    FlagEngine lenient = FlagEngine.builder().source(CatalogSource.of("bad.yaml", bad)).build();
    assertThat(lenient.catalogVersion()).isZero();
    assertThat(lenient.evaluate("a", null).reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);
    assertThat(lenient.lastError()).get().extracting(x -> x.problems().get(0).toString())
        .isEqualTo("bad.yaml:3:14: enabled must be true or false, not a string");
    assertThatThrownBy(() -> FlagEngine.builder().source(CatalogSource.of("bad.yaml", bad)).requireValidCatalog().build()).isInstanceOf(CatalogException.class).hasMessageContaining("bad.yaml:3:14");
  }

  @Test
  void missingFileAtStartServesFallbacksThenLoadsWhenItAppears() throws Exception {
    Path file = dir.resolve("flags.yaml");
    try (FlagEngine e = FlagEngine.builder().source(CatalogSource.file(file)).build()) {
      assertThat(e.evaluate("dark-mode", null).reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);
      write(file, TWO_FLAGS);
      within(1000, () -> e.isEnabled("dark-mode", null), "the new file is picked up");
      assertThat(e.catalogVersion()).isEqualTo(1);
    }
  }

  @Test
  void seesInPlaceEditsAndAtomicRenamesWithinOneSecond() throws Exception {
    Path file = dir.resolve("flags.yaml");
    write(file, TWO_FLAGS);
    try (FlagEngine e = FlagEngine.builder().source(CatalogSource.file(file)).build()) {
      assertThat(e.isEnabled("dark-mode", null)).isTrue();
      write(file, TWO_FLAGS.replace("default: on", "default: off"));
      within(1000, () -> !e.isEnabled("dark-mode", null), "an atomic rename over the file is seen");
      Files.writeString(file, TWO_FLAGS, StandardCharsets.UTF_8); // an in-place edit
      within(1000, () -> e.isEnabled("dark-mode", null), "an in-place edit is seen");
      assertThat(e.catalogVersion()).isEqualTo(3);
    }
  }

  @Test
  void badReloadKeepsLastGoodCatalogAndIsReportedOnce() throws Exception {
    Path file = dir.resolve("flags.yaml");
    write(file, TWO_FLAGS);
    List<CatalogException> errors = new CopyOnWriteArrayList<>();
    try (FlagEngine e = FlagEngine.builder().source(CatalogSource.file(file)).build()) {
      e.addListener(new TurnoutListener() {
        @Override
        public void onCatalogError(CatalogException error) {
          errors.add(error);
        }
      });
      write(file, TWO_FLAGS.replace("default: on", "default: onn"));
      within(1000, () -> !errors.isEmpty(), "the bad file is reported");
      // The same bad content, touched again, is not reported a second time.
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
      e.reload();
      Thread.sleep(300);
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0).problems().get(0).toString())
          .isEqualTo(file.toAbsolutePath() + ":3:14: default names variant 'onn', which is not declared (declared: on, off) (did you mean 'on'?)");
      assertThat(e.isEnabled("dark-mode", null)).isTrue();
      assertThat(e.catalogVersion()).isEqualTo(1);
      assertThat(e.reloadFailureCount()).isEqualTo(1);
      assertThat(e.lastError()).isPresent();
      // A deleted file keeps the last good catalog too.
      Files.delete(file);
      e.reload();
      assertThat(e.isEnabled("dark-mode", null)).isTrue();
    }
  }

  @Test
  void listenersHearWhatChanged() throws Exception {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, """
        {"flags": {"a": {}, "b": {"rules": [{"when": {"segment": "staff"}, "serve": "on"}]}, "c": {}},
         "segments": {"staff": {"keys": ["ann"]}}}
        """);
    List<CatalogChange> changes = new CopyOnWriteArrayList<>();
    try (FlagEngine e = FlagEngine.builder().source(CatalogSource.file(file)).watch(false).build()) {
      e.addListener(new TurnoutListener() {
        @Override
        public void onCatalogChange(CatalogChange change) {
          changes.add(change);
        }
      });
      Files.writeString(file, """
          {"flags": {"a": {}, "b": {"rules": [{"when": {"segment": "staff"}, "serve": "on"}]}, "d": {"enabled": false}},
           "segments": {"staff": {"keys": ["ann", "bob"]}}}
          """);
      assertThat(e.reload()).isTrue();
      assertThat(changes).hasSize(1);
      CatalogChange c = changes.get(0);
      assertThat(c.version()).isEqualTo(2);
      assertThat(c.added()).containsExactly("d");
      assertThat(c.removed()).containsExactly("c");
      assertThat(c.modified()).containsExactly("b"); // through the segment it uses
      assertThat(e.reload()).as("unchanged content is not applied again").isFalse();
      assertThat(e.flagKeys()).containsExactly("a", "b", "d");
    }
  }

  @Test
  void flagdFlagsChangeWithTheEvaluatorsTheyShareAndOnlyThen() throws Exception {
    Path file = dir.resolve("flags.flagd.json");
    String flags = """
        {"flags": {"a": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                         "targeting": {"if": [{"$ref": "staff"}, "on", "off"]}}},
         "$evaluators": {"staff": {"in": [{"var": "email"}, [%s]]}}}
        """;
    Files.writeString(file, flags.formatted("\"ann@example.com\""));
    List<CatalogChange> changes = new CopyOnWriteArrayList<>();
    try (FlagEngine e = FlagEngine.builder().source(CatalogSource.file(file)).watch(false).build()) {
      e.addListener(new TurnoutListener() {
        @Override
        public void onCatalogChange(CatalogChange change) {
          changes.add(change);
        }
      });
      Files.writeString(file, flags.formatted("\"ann@example.com\"") + "\n"); // new text, same definitions
      assertThat(e.reload()).isTrue();
      Files.writeString(file, flags.formatted("\"ann@example.com\", \"bob@example.com\""));
      assertThat(e.reload()).isTrue();
      assertThat(changes).hasSize(2);
      assertThat(changes.get(0).modified()).isEmpty();
      assertThat(changes.get(1).modified()).containsExactly("a");
    }
  }

  @Test
  void countsEvaluationsPerVariantAndTellsListeners() {
    FlagEngine e = FlagEngine.builder().source(CatalogSource.of("flags.yaml", TWO_FLAGS)).environment(null)
        .requireValidCatalog().countEvaluations().build();
    List<String> exposures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      e.evaluate("beta", EvaluationContext.of("ann"));
    }
    e.addListener(new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        exposures.add(context.targetingKey() + "=" + evaluation.variant());
      }
    });
    e.evaluate("beta", EvaluationContext.of("bob"));
    assertThat(e.evaluationCount("beta", "on")).isEqualTo(3);
    assertThat(e.evaluationCount("beta", "off")).isEqualTo(1);
    assertThat(e.evaluationCounts()).containsEntry("beta", java.util.Map.of("on", 3L, "off", 1L));
    assertThat(exposures).containsExactly("bob=off");
  }

  @Test
  void listenerThatThrowsDoesNotReachTheCaller() {
    FlagEngine e = fromString(TWO_FLAGS);
    e.addListener(new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        throw new IllegalStateException("listener bug");
      }
    });
    assertThat(e.isEnabled("dark-mode", null)).isTrue();
  }

  @Test
  void internalErrorServesOffVariantAndIsCounted() {
    Clock broken = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.EPOCH;
      }

      @Override
      public long millis() {
        throw new IllegalStateException("clock failure");
      }
    };
    FlagEngine e = FlagEngine.builder().clock(broken).requireValidCatalog().source(CatalogSource.of("f.yaml", """
        flags:
          windowed:
            default: off
            rules:
              - serve: on
                from: 2026-01-01T00:00:00Z
        """)).build();
    Evaluation r = e.evaluate("windowed", EvaluationContext.of("x"));
    assertThat(r.reason()).isEqualTo(Evaluation.Reason.ERROR);
    assertThat(r.variant()).isEqualTo("off");
    e.evaluate("windowed", EvaluationContext.of("y"));
    assertThat(e.errorCount("windowed")).isEqualTo(2);
  }

  @Test
  void environmentComesFromTheBuilder() {
    String yaml = """
        flags:
          f:
            enabled: false
            environments:
              staging: { enabled: true, default: on }
        """;
    FlagEngine prod = FlagEngine.builder().source(CatalogSource.of("f.yaml", yaml)).environment("production").build();
    FlagEngine staging = FlagEngine.builder().source(CatalogSource.of("f.yaml", yaml)).environment("staging").build();
    assertThat(prod.evaluate("f", null).reason()).isEqualTo(Evaluation.Reason.DISABLED);
    assertThat(staging.evaluate("f", null).variant()).isEqualTo("on");
    assertThat(staging.environment()).isEqualTo("staging");
  }

  @Test
  void flatCostIsStructuralTenThousandFlagsCompileAndResolve() {
    StringBuilder yaml = new StringBuilder("flags:\n");
    for (int i = 0; i < 10_000; i++) {
      yaml.append("  flag-").append(i).append(": { percentage: 50 }\n");
    }
    FlagEngine e = fromString(yaml.toString());
    assertThat(e.flagKeys()).hasSize(10_000);
    assertThat(e.evaluate("flag-9999", EvaluationContext.of("k")).reason()).isEqualTo(Evaluation.Reason.SPLIT);
  }
}
