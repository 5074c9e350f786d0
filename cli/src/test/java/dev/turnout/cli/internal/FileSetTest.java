package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.api.Workspace;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSetTest {

  @TempDir
  Path dir;

  private List<Path> files(int n) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path p = dir.resolve("F" + i + ".java");
      Files.writeString(p, "old " + i + "\n".repeat(1000));
      files.add(p);
    }
    return files;
  }

  private static FileSet.Mover failingOn(int nth, RuntimeException orNull) {
    int[] count = {0};
    return (from, to) -> {
      if (++count[0] == nth) {
        if (orNull != null) {
          throw orNull;
        }
        throw new AccessDeniedException(to.toString());
      }
      FileSet.ATOMIC.move(from, to);
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void aMoveFailingMidwayLeavesEveryFileAsItWasAndNoTemporaryFile(int nth) throws IOException {
    List<Path> files = files(4);
    FileSet set = new FileSet(new Workspace(dir));
    files.forEach(p -> set.put(p, "new\n"));

    assertThatThrownBy(() -> set.write(failingOn(nth, null))).isInstanceOf(ToolException.class)
        .hasMessage("F" + (nth - 1) + ".java: cannot replace: permission denied; no file was changed");

    for (int i = 0; i < files.size(); i++) {
      assertThat(Files.readString(files.get(i))).isEqualTo("old " + i + "\n".repeat(1000));
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).hasSize(4);
    }
  }

  /** A run stopped dead on the Nth move (no roll back, as when killed): each file is whole, old or new. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void aRunStoppedDeadLeavesEachFileWholeOldOrNew(int nth) throws IOException {
    List<Path> files = files(4);
    FileSet set = new FileSet(new Workspace(dir));
    files.forEach(p -> set.put(p, "new\n"));
    class Killed extends Error {
      private static final long serialVersionUID = 1L;
    }
    int[] count = {0};
    FileSet.Mover dies = (from, to) -> {
      if (++count[0] == nth) {
        throw new Killed();
      }
      FileSet.ATOMIC.move(from, to);
    };

    assertThatThrownBy(() -> set.write(dies)).isInstanceOf(Killed.class);

    for (int i = 0; i < files.size(); i++) {
      assertThat(Files.readString(files.get(i))).isIn("old " + i + "\n".repeat(1000), "new\n");
      assertThat(Files.readString(files.get(i))).isEqualTo(i < nth - 1 ? "new\n" : "old " + i + "\n".repeat(1000));
    }
  }

  @Test
  void allMovedWhenNothingFails() throws IOException {
    List<Path> files = files(3);
    FileSet set = new FileSet(new Workspace(dir));
    files.forEach(p -> set.put(p, "new\n"));
    set.write(FileSet.ATOMIC);
    for (Path p : files) {
      assertThat(Files.readString(p)).isEqualTo("new\n");
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).hasSize(3);
    }
  }

  /** A read-only file among several: found before anything is written (java.io stands in for chmod, which root ignores). */
  @Test
  void aReadOnlyFileStopsTheWholeSetBeforeAnyWrite() throws IOException {
    List<Path> files = files(3);
    FileSet set = new FileSet(new Workspace(dir), p -> !p.equals(files.get(2)) && Files.isWritable(p));
    files.forEach(p -> set.put(p, "new\n"));

    assertThatThrownBy(() -> set.write(FileSet.ATOMIC)).isInstanceOf(ToolException.class)
        .hasMessage("F2.java: cannot write: the file is read-only; no file was changed");

    for (int i = 0; i < files.size(); i++) {
      assertThat(Files.readString(files.get(i))).isEqualTo("old " + i + "\n".repeat(1000));
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).hasSize(3);
    }
  }
}
