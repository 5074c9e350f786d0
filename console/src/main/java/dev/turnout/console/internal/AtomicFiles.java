package dev.turnout.console.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file in one move: the bytes go to a temporary file in the same folder, which then takes the file's
 * place, so a reader sees the old file or the new one, never half of one. Nothing is left behind on failure.
 */
final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} as {@code file}. {@code ownerOnly}: readable and writable by the file's owner only (users,
   * sessions); otherwise the file keeps the permissions it had (a catalog other processes read), or gets the
   * folder's usual ones when it is new.
   */
  static void write(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try {
        if (ownerOnly) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } else if (Files.exists(file)) {
          Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        } else {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's permissions protect it
      }
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
