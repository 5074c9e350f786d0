package dev.turnout.etcd;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource.Content;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * The last catalog a JVM applied from etcd, kept on local disk so that it can start from it when etcd is
 * unreachable. One file per etcd address and key: a header line (a YAML comment) with the revision, the
 * format, when it was saved and the SHA-256 of the text, then the catalog text exactly as etcd held it.
 *
 * <p>Written atomically (a temporary file in the same folder, flushed to disk, then moved over the old
 * copy), readable only by its owner ({@code 0600}, the folder {@code 0700}, where the file system is
 * POSIX). A copy that is unreadable, truncated or altered (its checksum does not match) is ignored with
 * a message.
 */
final class LastGoodCopy {

  private static final System.Logger LOG = System.getLogger("dev.turnout.etcd");
  private static final String HEADER = "# turnout last-good copy: ";
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  /** What the file holds: the catalog text and its revision. */
  record Saved(String text, CatalogFormat format, long revision, Instant savedAt) {}

  /** The largest copy read: more than etcd's largest request (its --max-request-bytes is at most 10 MiB advised). */
  static final int MAX_BYTES = 16 * 1024 * 1024;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private final Path file;
  private volatile boolean refusalSaid;

  LastGoodCopy(Path file) {
    this.file = file.toAbsolutePath();
  }

  /** The copy for a target in {@code dir}: a file named after its endpoints and key. */
  static LastGoodCopy in(Path dir, EtcdTarget target) {
    return new LastGoodCopy(dir.resolve(fileName(target)));
  }

  /** The default folder: {@code ~/.turnout/cache}. */
  static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".turnout", "cache");
  }

  /**
   * {@code HOST_PORT[_HOST_PORT...]_KEY.catalog}, every character but letters, digits, '.' and '-'
   * replaced by '_', shortened with a hash of the whole when long.
   */
  static String fileName(EtcdTarget target) {
    StringBuilder raw = new StringBuilder();
    for (String endpoint : target.endpoints()) {
      raw.append(endpoint.substring(endpoint.indexOf("//") + 2)).append('_');
    }
    raw.append(target.key());
    String name = raw.toString().replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^[_.]+", "");
    if (name.length() > 100) {
      name = name.substring(0, 80) + "-" + HexFormat.of().formatHex(sha256(raw.toString())).substring(0, 16);
    }
    return name + ".catalog";
  }

  Path file() {
    return file;
  }

  /**
   * The saved copy, or null when there is none or it cannot be used (said in the log): not a regular
   * file, larger than {@link #MAX_BYTES} (bounded by the bytes actually read), in a folder that is not
   * this user's, unreadable, damaged. Never throws.
   */
  Saved read() {
    String all;
    try {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return null;
      }
      String unsafe = secureDirectory();
      if (unsafe != null) {
        LOG.log(Level.WARNING, "Turnout: not using the last-good catalog copy {0}: {1}", file, unsafe);
        return null;
      }
      if (!attributes.isRegularFile()) {
        LOG.log(Level.WARNING, "Turnout: the last-good catalog copy {0} is not a regular file, ignoring it", file);
        return null;
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        LOG.log(Level.WARNING, "Turnout: the last-good catalog copy {0} is larger than {1} MiB, which no catalog "
            + "etcd holds can be; ignoring it", file, MAX_BYTES / (1024 * 1024));
        return null;
      }
      all = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      LOG.log(Level.WARNING, "Turnout: cannot read the last-good catalog copy {0}, ignoring it: {1}", file, e.toString());
      return null;
    }
    try {
      return parse(all);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "Turnout: the last-good catalog copy {0} is damaged ({1}), ignoring it", file,
          e.getMessage());
      return null;
    }
  }

  private static Saved parse(String all) {
    int eol = all.indexOf('\n');
    if (!all.startsWith(HEADER) || eol < 0) {
      throw new IllegalArgumentException("no header line");
    }
    String text = all.substring(eol + 1);
    long revision = -1;
    CatalogFormat format = null;
    Instant savedAt = null;
    String checksum = null;
    try {
      for (String field : all.substring(HEADER.length(), eol).strip().split(" ")) {
        int eq = field.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String value = field.substring(eq + 1);
        switch (field.substring(0, eq)) {
          case "revision" -> revision = Long.parseLong(value);
          case "format" -> format = CatalogFormat.valueOf(value);
          case "saved" -> savedAt = Instant.parse(value);
          case "sha256" -> checksum = value;
          default -> { } // a field of a newer version
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable header: " + e.getMessage(), e);
    }
    if (revision < 0 || format == null || checksum == null) {
      throw new IllegalArgumentException("the header lacks the revision, format or sha256");
    }
    if (!checksum.equals(HexFormat.of().formatHex(sha256(text)))) {
      throw new IllegalArgumentException("its text does not match its checksum");
    }
    return new Saved(text, format, revision, savedAt);
  }

  /** Saves the content (revision, format and text) in place of the previous copy; never throws. */
  void write(Content content) {
    String all = HEADER + "revision=" + content.revision() + " format=" + content.format().name() + " saved="
        + Instant.now() + " sha256=" + HexFormat.of().formatHex(sha256(content.text())) + " source="
        + content.name().replace(' ', '_') + "\n" + content.text();
    Path dir = file.getParent();
    Path temp = null;
    try {
      String unsafe = Files.isDirectory(dir) ? secureDirectory() : null;
      if (unsafe != null) {
        if (!refusalSaid) {
          refusalSaid = true;
          LOG.log(Level.WARNING, "Turnout: not saving the last-good catalog copy {0}: {1}", file, unsafe);
        }
        return;
      }
      if (!Files.isDirectory(dir)) {
        if (POSIX) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      FileAttribute<?>[] ownerOnly = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(all.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Turnout: cannot save the last-good catalog copy {0} (revision {1}): {2}", file,
          content.revision(), e.toString());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // nothing more to do; the next write uses another name
        }
      }
    }
  }

  /**
   * Null when the copy's folder is this user's and only this user's (a folder open to others is tightened
   * to {@code 0700}), else why it cannot be used: another user's folder could feed this JVM a catalog.
   */
  private String secureDirectory() throws IOException {
    Path dir = file.getParent();
    if (!POSIX || !Files.isDirectory(dir)) {
      return null;
    }
    UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    if (!owner.equals(me)) {
      return "its folder " + dir + " belongs to " + owner.getName() + ", not to " + me.getName()
          + " (use cache=DIR with a folder of your own)";
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    if (!permissions.equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
      LOG.log(Level.INFO, "Turnout: tightened the last-good copy folder {0} from {1} to rwx------", dir,
          PosixFilePermissions.toString(permissions));
    }
    return null;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
