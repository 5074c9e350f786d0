package dev.turnout.internal.source;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A catalog file. Changes are noticed two ways, so none is missed: a {@link WatchService} on the
 * directory (it also sees an editor's or deploy tool's rename over the file, and symlink swaps), and a
 * check of the file's attributes every {@value #POLL_MILLIS} ms (for file systems without events).
 * A change is read once the file has not changed for {@value #SETTLE_MILLIS} ms, counted from its last
 * write (waiting at most {@value #SETTLE_ROUNDS} such rounds; a complete file renamed into place is read
 * at once), and a read during which the file changed is read again: a file
 * written in place is rarely read half written. (The engine refuses a catalog that removes flags in use,
 * which is what a catalog cut short mostly looks like; writers should still replace the file by a rename.)
 *
 * <p>Only a regular file (or a symbolic link to one) is read, and at most {@link #MAX_BYTES} bytes of it:
 * a device such as {@code /dev/zero}, a FIFO or a directory is refused with a clear message, never waited on.
 * The watch thread survives whatever the engine's reload throws.
 */
public final class FileCatalogSource implements CatalogSource {

  static final long POLL_MILLIS = 200;
  static final long SETTLE_MILLIS = 50;
  static final int SETTLE_ROUNDS = 10;
  /** How many times a file that changed while it was read is read again. */
  static final int READ_ATTEMPTS = 4;
  /** Largest catalog file read: counted in the bytes read (a file's reported size may be 0), larger ones are refused. */
  public static final long MAX_BYTES = 4L * 1024 * 1024;
  private static final System.Logger LOG = System.getLogger("dev.turnout");

  private final Path path;
  /** The format given explicitly, or null: the file name decides. */
  private final CatalogFormat format;
  /** The last content read, and the version of the file it was read from (see {@link #changedSince}). */
  private volatile Read lastRead;

  private record Read(Content content, Object version) {}

  public FileCatalogSource(Path path) {
    this(path, null);
  }

  public FileCatalogSource(Path path, CatalogFormat format) {
    this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    this.format = format;
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public Content read() throws IOException {
    byte[] bytes = null;
    Object after = null;
    for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      Object before = version(path);
      bytes = Bounded.file(path, MAX_BYTES, path.toString());
      if (bytes == null) {
        return null;
      }
      after = version(path);
      if (after != null && after.equals(before) && ((Version) after).size == bytes.length) {
        break; // nothing changed while reading
      }
      try {
        Thread.sleep(SETTLE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading " + path);
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    Content content = new Content(name(), text, format != null ? format : CatalogFormat.forName(path.getFileName().toString()));
    lastRead = new Read(content, after);
    return content;
  }

  /** Whether the file the path leads to is another version (or gone) since it was read into {@code content}. */
  @Override
  public boolean changedSince(Content content) {
    Read read = lastRead;
    return read != null && read.content == content && !Objects.equals(version(path), read.version);
  }

  /**
   * What identifies a version of a file: its inode, size and modification time. {@code equals} and
   * {@code hashCode} are written out: a record's own are linked on their first call by a bootstrap that
   * generates some seventy method handle classes, tens of milliseconds on the first catalog load.
   */
  private record Version(String key, long size, FileTime modified) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Version v && size == v.size && key.equals(v.key) && modified.equals(v.modified);
    }

    @Override
    public int hashCode() {
      return (key.hashCode() * 31 + Long.hashCode(size)) * 31 + modified.hashCode();
    }
  }

  /** The version of the file the path leads to (through links), or null when there is none. */
  static Object version(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return new Version(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * How long to wait, at {@code nowMillis}, before the file version {@code seen} (just read) counts as
   * settled: the rest of {@value #SETTLE_MILLIS} ms since its last write, by its modification time. The
   * whole {@value #SETTLE_MILLIS} ms when that time cannot be trusted for it: no file, a time in the
   * future (another machine's clock), or whole seconds (a file system that keeps no finer times, where
   * a file written a moment ago looks older).
   */
  static long quietWait(Object seen, long nowMillis) {
    if (!(seen instanceof Version v)) {
      return SETTLE_MILLIS;
    }
    Instant modified = v.modified.toInstant();
    long age = nowMillis - modified.toEpochMilli();
    if (modified.getNano() == 0 || age < 0) {
      return SETTLE_MILLIS;
    }
    return Math.max(0, SETTLE_MILLIS - age);
  }

  @Override
  public Watch watch(Runnable changed) {
    Watcher watcher = new Watcher(changed);
    // Baseline and registration happen before returning, so no change after this call can be missed;
    // the first check then also catches one made between the engine's read and this call.
    watcher.lastSeen = watcher.attributes();
    watcher.service = watcher.register();
    Thread thread = new Thread(watcher, "turnout-watch " + path.getFileName());
    thread.setDaemon(true);
    thread.start();
    return watcher;
  }

  @Override
  public String toString() {
    return name();
  }

  private final class Watcher implements Runnable, Watch {
    private final Runnable changed;
    private volatile boolean closed;
    private volatile WatchService service;
    private Object lastSeen;
    private boolean first = true;
    private boolean failedOnce;

    Watcher(Runnable changed) {
      this.changed = changed;
    }

    @Override
    public void run() {
      while (!closed) {
        try {
          if (!check()) {
            return;
          }
        } catch (Throwable t) { // NOPMD: the watch keeps running whatever happens in one round
          if (t instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            return;
          }
          failed(t);
        }
      }
    }

    /** One round: waits for an event or the poll interval, then tells of a change; false to stop. */
    private boolean check() throws InterruptedException {
      boolean event = first;
      first = false;
      try {
        if (service != null) {
          WatchKey key = service.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (key != null) {
            event = !key.pollEvents().isEmpty();
            key.reset();
          }
        } else {
          Thread.sleep(POLL_MILLIS);
        }
      } catch (ClosedWatchServiceException e) {
        return false;
      }
      Object now = attributes();
      if (event || !Objects.equals(now, lastSeen)) {
        now = settled(now);
        lastSeen = now;
        changed.run();
      }
      return true;
    }

    private void failed(Throwable t) {
      if (!failedOnce) {
        failedOnce = true;
        try {
          LOG.log(System.Logger.Level.ERROR, "Turnout: the watch of " + path + " failed; it goes on watching"
              + " (logged once)", t);
        } catch (Throwable ignored) { // NOPMD: logging never stops the watch
          // nothing else to tell
        }
      }
      try {
        Thread.sleep(POLL_MILLIS); // no busy loop if the failure repeats
      } catch (InterruptedException e) {
        closed = true;
      }
    }

    /**
     * Waits until the file has not changed for {@value #SETTLE_MILLIS} ms (an in-place write is often a
     * truncate, then writes), for at most {@value #SETTLE_ROUNDS} rounds, so a half-written file is rarely
     * read and reported. The time since the file's last write counts: a file renamed into place after it
     * was written (the usual deploy) is read at once.
     */
    private Object settled(Object seen) throws InterruptedException {
      for (int i = 0; i < SETTLE_ROUNDS; i++) {
        long wait = quietWait(seen, System.currentTimeMillis());
        if (wait == 0) {
          return seen;
        }
        Thread.sleep(wait);
        Object again = attributes();
        if (Objects.equals(again, seen)) {
          return again;
        }
        seen = again;
      }
      return seen;
    }

    private WatchService register() {
      Path dir = path.getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        return null;
      }
      try {
        WatchService ws = FileSystems.getDefault().newWatchService();
        dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
        return ws;
      } catch (IOException | UnsupportedOperationException e) {
        return null; // polling alone still sees every change
      }
    }

    /** What identifies the file's current version: inode, size and modification time; null when absent. */
    private Object attributes() {
      return version(path);
    }

    @Override
    public void close() {
      closed = true;
      WatchService ws = service;
      if (ws != null) {
        try {
          ws.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }
}
