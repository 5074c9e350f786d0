package dev.turnout.cli.internal;

import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.api.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a set of files all or nothing: every file is checked writable, then each new text goes to a
 * temporary file in the same folder, and only then are they moved into place one by one, each move
 * atomic (a reader or a killed run sees a whole old or a whole new file, never a truncated one). When a
 * move fails, the files already moved get their old bytes back the same way, so the run changes none.
 */
final class FileSet {

  /** Moves a temporary file over its target; replaced in tests to fail on the Nth move. */
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  static final Mover ATOMIC = (from, to) -> {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  };

  private final Workspace workspace;
  private final java.util.function.Predicate<Path> writable;
  private final Map<Path, String> texts = new LinkedHashMap<>();

  FileSet(Workspace workspace) {
    this(workspace, Files::isWritable);
  }

  /** @param writable whether a file or folder may be written (tests stand in for a read-only file system) */
  FileSet(Workspace workspace, java.util.function.Predicate<Path> writable) {
    this.workspace = workspace;
    this.writable = writable;
  }

  /** {@code path} is to hold {@code text} (UTF-8, as every file this tool reads). */
  void put(Path path, String text) {
    texts.put(path, text);
  }

  /** Writes every file, or none: a failure is one {@link ToolException} line naming the file. */
  void write(Mover mover) {
    for (Path p : texts.keySet()) {
      if (!writable.test(p) || !writable.test(p.toAbsolutePath().getParent())) {
        throw new ToolException(workspace.display(p) + ": cannot write: "
            + (writable.test(p) ? "its folder is read-only" : "the file is read-only") + "; no file was changed");
      }
    }
    Map<Path, Path> temps = new LinkedHashMap<>();
    Map<Path, byte[]> backups = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, String> e : texts.entrySet()) {
        Path target = e.getKey();
        backups.put(target, read(target));
        Path temp = temp(target);
        temps.put(target, temp);
        try {
          Files.write(temp, e.getValue().getBytes(StandardCharsets.UTF_8));
          copyPermissions(target, temp);
        } catch (IOException x) {
          throw new ToolException(workspace.display(target) + ": cannot write a temporary copy beside it: "
              + JavaSources.reason(x) + "; no file was changed");
        }
      }
      List<Path> moved = new ArrayList<>();
      for (Map.Entry<Path, Path> e : temps.entrySet()) {
        try {
          mover.move(e.getValue(), e.getKey());
          moved.add(e.getKey());
        } catch (IOException | RuntimeException x) {
          List<String> notRestored = rollBack(moved, backups, mover);
          throw new ToolException(workspace.display(e.getKey()) + ": cannot replace: " + JavaSources.reason(
              x instanceof IOException io ? io : new IOException(x.getMessage(), x))
              + (notRestored.isEmpty() ? "; no file was changed"
                  : "; could not restore " + String.join(", ", notRestored) + " (their old text is lost)"));
        }
      }
    } finally {
      for (Path temp : temps.values()) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless; the message above says what matters
        }
      }
    }
  }

  private byte[] read(Path target) {
    try {
      return Files.readAllBytes(target);
    } catch (IOException e) {
      throw new ToolException(workspace.display(target) + ": cannot read: " + JavaSources.reason(e)
          + "; no file was changed");
    }
  }

  private List<String> rollBack(List<Path> moved, Map<Path, byte[]> backups, Mover mover) {
    List<String> failed = new ArrayList<>();
    for (Path p : moved) {
      try {
        Path temp = temp(p);
        try {
          Files.write(temp, backups.get(p));
          copyPermissions(p, temp);
          mover.move(temp, p);
        } finally {
          Files.deleteIfExists(temp);
        }
      } catch (IOException | RuntimeException e) {
        failed.add(workspace.display(p));
      }
    }
    return failed;
  }

  private Path temp(Path target) {
    try {
      return Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".turnout-tmp");
    } catch (IOException e) {
      throw new ToolException(workspace.display(target) + ": cannot write a temporary copy beside it: "
          + JavaSources.reason(e) + "; no file was changed");
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (view != null) {
      Files.setPosixFilePermissions(to, view.readAttributes().permissions());
    }
  }
}
