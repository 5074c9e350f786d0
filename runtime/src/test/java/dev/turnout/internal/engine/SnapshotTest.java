package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import dev.turnout.internal.catalog.CatalogReader;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class SnapshotTest {

  private static Snapshot compile(int flags) {
    StringBuilder yaml = new StringBuilder(flags == 0 ? "flags: {}\n" : "flags:\n");
    for (int i = 0; i < flags; i++) {
      yaml.append("  f").append(i).append(": { percentage: ").append(i % 100).append(" }\n");
    }
    return Compiler.compile(CatalogReader.read("s.yaml", yaml.toString(), CatalogFormat.YAML), null, 1, Instant.EPOCH,
        (f, v) -> new LongAdder());
  }

  @Test
  void findsEveryFlagByAnEqualKeyAndNothingElse() {
    for (int size : new int[] {0, 1, 2, 3, 17, 1000}) {
      Snapshot s = compile(size);
      assertThat(s.size()).isEqualTo(size);
      for (int i = 0; i < size; i++) {
        String key = new StringBuilder("f").append(i).toString(); // not the catalog's string
        CompiledFlag flag = s.flag(key);
        assertThat(flag).as(key).isNotNull();
        assertThat(flag.key()).isEqualTo(key);
      }
      assertThat(s.flag("f" + size)).isNull();
      assertThat(s.flag("")).isNull();
      assertThat(s.flag(null)).isNull();
    }
    assertThat(Snapshot.empty(null).flag("f0")).isNull();
  }

  @Test
  void findsEveryFlagByItsInternedKeyByReferenceThoughKeysShareIdentitySlots() {
    Snapshot s = compile(5000); // hundreds of these keys share a slot of their identity hash with another
    for (int i = 0; i < 5000; i++) {
      String literal = ("f" + i).intern(); // what a key written in source code is
      CompiledFlag flag = s.flag(literal);
      assertThat(flag).as(literal).isNotNull();
      assertThat(flag.key()).isSameAs(literal);
      // Found by reference, not by its hash code: the path without String.hashCode and equals.
      assertThat(s.byReference(literal)).as(literal).isSameAs(flag);
      String copy = new String(literal);
      assertThat(s.byReference(copy)).isNull();
      assertThat(s.flag(copy)).isSameAs(flag);
    }
    assertThat(s.flag("f5000".intern())).isNull();
    assertThat(s.byReference("f5000".intern())).isNull();
  }
}
