package dev.turnout.internal.source;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A catalog file. Changes are noticed two ways, so none is missed: a {@link WatchService} on the
 * directory (it also sees an editor's or deploy tool's rename over the file, and symlink swaps), and a
 * check of the file's attributes every {@value #POLL_MILLIS} ms (for file systems without events).
 * A change is read once the file has stopped changing for {@value #SETTLE_MILLIS} ms.
 */
public final class FileCatalogSource implements CatalogSource {

  static final long POLL_MILLIS = 200;
  static final long SETTLE_MILLIS = 25;
  static final int SETTLE_ROUNDS = 8;
  /** Largest catalog file read; larger ones are refused before reading. */
  public static final long MAX_BYTES = 32L * 1024 * 1024;

  private final Path path;
  /** The format given explicitly, or null: the file name decides. */
  private final CatalogFormat format;

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
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw new IOException(path + " is " + size + " bytes, larger than the limit of " + MAX_BYTES + " bytes");
      }
      String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
      return new Content(name(), text, format != null ? format : CatalogFormat.forName(path.getFileName().toString()));
    } catch (NoSuchFileException e) {
      return null;
    }
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

    Watcher(Runnable changed) {
      this.changed = changed;
    }

    @Override
    public void run() {
      while (!closed) {
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
        } catch (InterruptedException | ClosedWatchServiceException e) {
          return;
        }
        Object now = attributes();
        if (event || !Objects.equals(now, lastSeen)) {
          try {
            now = settled(now);
          } catch (InterruptedException e) {
            return;
          }
          lastSeen = now;
          try {
            changed.run();
          } catch (RuntimeException e) {
            // the engine reports its own problems; the watch must keep running
          }
        }
      }
    }

    /**
     * Waits until the file stops changing (an in-place write is often a truncate then a write), for
     * at most {@value #SETTLE_ROUNDS} rounds, so a half-written file is rarely read and reported.
     */
    private Object settled(Object seen) throws InterruptedException {
      for (int i = 0; i < SETTLE_ROUNDS; i++) {
        Thread.sleep(SETTLE_MILLIS);
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
      try {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return java.util.List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime());
      } catch (IOException e) {
        return null;
      }
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
