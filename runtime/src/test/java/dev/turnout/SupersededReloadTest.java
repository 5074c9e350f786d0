package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large version of a catalog whose read is under way is given up as soon as its source has a newer one,
 * which is read at once: a large or hostile version never keeps a later good one waiting for its whole
 * parse. At most two reads in a row are given up, so a catalog rewritten faster than it is read applies.
 */
class SupersededReloadTest {

  private static final String START = "flags:\n  start: { default: on }\n";
  private static final String LATER = "flags:\n  start: { default: on }\n  later: { default: on }\n";

  @TempDir
  Path dir;

  /** A valid catalog that takes the parser far longer than 20 ms: 20,000 flags with a rule each. */
  private static String large(String marker) {
    StringBuilder text = new StringBuilder("flags:\n  start: { default: on }\n  " + marker + ": { default: on }\n");
    for (int i = 0; i < 20_000; i++) {
      text.append("  f").append(i).append(":\n    default: off\n")
          .append("    rules: [ { when: { attribute: plan, op: in, values: [p").append(i).append("] }, serve: on } ]\n");
    }
    return text.toString();
  }

  /** Hands out the texts queued, one per read; says a newer version is there while {@code newer} holds. */
  private static final class Queued implements CatalogSource {
    final List<String> texts = new ArrayList<>();
    final AtomicInteger reads = new AtomicInteger();
    final List<Integer> askedAbout = new CopyOnWriteArrayList<>();
    volatile boolean newer;
    private int next;

    @Override
    public String name() {
      return "queued.yaml";
    }

    @Override
    public synchronized Content read() {
      reads.incrementAndGet();
      String text = texts.get(Math.min(next, texts.size() - 1));
      next++;
      return new Content(name(), text, CatalogFormat.YAML);
    }

    @Override
    public boolean changedSince(Content content) {
      askedAbout.add(content.text().length());
      return newer;
    }
  }

  @Test
  void aLargeVersionIsGivenUpForTheNewerOneWhichAppliesInTheSameReload() {
    Queued source = new Queued();
    source.texts.add(START);
    try (FlagEngine engine = FlagEngine.builder().source(source).environment(null).watch(false).build()) {
      assertThat(engine.isEnabled("start", null)).isTrue();
      source.texts.add(large("large-only"));
      source.texts.add(LATER);
      source.newer = true;

      assertThat(engine.reload()).as("the newer version applied").isTrue();

      assertThat(source.reads.get()).as("reads: the first catalog, the large one, the newer one").isEqualTo(3);
      assertThat(source.askedAbout).as("asked about the large version only").isNotEmpty()
          .allMatch(length -> length > LATER.length());
      assertThat(engine.isEnabled("later", null)).isTrue();
      assertThat(engine.evaluate("large-only", null).reason()).as("the large version never applied")
          .isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);
      assertThat(engine.stats().reloadFailureCount()).as("a version given up is no failure").isZero();
      assertThat(engine.lastError()).isEmpty();
    }
  }

  @Test
  void aCatalogRewrittenFasterThanItIsReadStillApplies() {
    Queued source = new Queued();
    source.texts.add(START);
    try (FlagEngine engine = FlagEngine.builder().source(source).environment(null).watch(false).build()) {
      source.texts.add(large("first"));
      source.texts.add(large("second"));
      source.texts.add(large("third"));
      source.texts.add(large("fourth"));
      source.newer = true; // always: as if the file changed all the time

      assertThat(engine.reload()).isTrue();

      assertThat(source.reads.get()).as("two reads given up, the third read to its end").isEqualTo(4);
      assertThat(engine.isEnabled("third", null)).isTrue();
      assertThat(engine.evaluate("second", null).reason()).isEqualTo(Evaluation.Reason.FLAG_NOT_FOUND);

      source.newer = false;
      source.texts.add(LATER);
      assertThat(engine.reload()).isTrue();
      assertThat(engine.isEnabled("fourth", null)).as("the count of reads given up starts again").isTrue();
    }
  }

  @Test
  void aSmallCatalogIsReadWithoutAskingForANewerOne() {
    Queued source = new Queued();
    source.texts.add(START);
    source.newer = true;
    try (FlagEngine engine = FlagEngine.builder().source(source).environment(null).watch(false).build()) {
      assertThat(engine.isEnabled("start", null)).isTrue();
      assertThat(source.reads.get()).isEqualTo(1);
      assertThat(source.askedAbout).as("read within the first 20 ms").isEmpty();
    }
  }

  @Test
  void aFileSaysWhetherItChangedSinceItsLastRead() throws IOException {
    Path file = Files.writeString(dir.resolve("flags.yaml"), START);
    CatalogSource source = CatalogSource.file(file);
    CatalogSource.Content first = source.read();
    assertThat(source.changedSince(first)).isFalse();

    Path next = Files.writeString(dir.resolve("next.yaml"), LATER);
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertThat(source.changedSince(first)).as("replaced").isTrue();

    CatalogSource.Content second = source.read();
    assertThat(source.changedSince(second)).isFalse();
    assertThat(source.changedSince(first)).as("only the last content read is answered for").isFalse();

    Files.delete(file);
    assertThat(source.changedSince(second)).as("gone").isTrue();
  }
}
