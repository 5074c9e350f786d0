package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource.Content;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastGoodCopyTest {

  @TempDir Path dir;

  private static final EtcdTarget TARGET = EtcdTarget.parse("etcd://10.0.0.1:2379,etcd-2.internal:2379/turnout/shop");

  private static Content content(String text, long revision) {
    return new Content("etcd://10.0.0.1:2379/turnout/shop", text, CatalogFormat.YAML, revision);
  }

  @Test
  void keepsTheTextRevisionAndFormat() {
    LastGoodCopy copy = LastGoodCopy.in(dir.resolve("cache"), TARGET);
    assertThat(copy.read()).isNull();
    copy.write(content(Catalogs.serving("b"), 41));
    copy.write(new Content("x", "{\"flags\": {}}", CatalogFormat.JSON, 42));
    LastGoodCopy.Saved saved = copy.read();
    assertThat(saved.text()).isEqualTo("{\"flags\": {}}");
    assertThat(saved.revision()).isEqualTo(42);
    assertThat(saved.format()).isEqualTo(CatalogFormat.JSON);
    assertThat(saved.savedAt()).isNotNull();
  }

  @Test
  void isReadableByItsOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path folder = dir.resolve("new").resolve("cache");
    LastGoodCopy copy = LastGoodCopy.in(folder, TARGET);
    copy.write(content(Catalogs.serving("b"), 7));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.file()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    copy.write(content(Catalogs.serving("c"), 8)); // a replacement keeps them
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.file()))).isEqualTo("rw-------");
  }

  @Test
  void anExistingFolderOpenToOthersIsTightened() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path folder = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    LastGoodCopy copy = LastGoodCopy.in(folder, TARGET);

    copy.write(content(Catalogs.serving("b"), 7));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.file()))).isEqualTo("rw-------");
    assertThat(copy.read().revision()).isEqualTo(7);
  }

  @Test
  void aHugeCopyIsRefusedWithoutReadingItAll() throws IOException {
    LastGoodCopy copy = LastGoodCopy.in(dir.resolve("cache"), TARGET);
    copy.write(content(Catalogs.serving("b"), 7));
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(copy.file().toFile(), "rw")) {
      file.setLength(400L * 1024 * 1024); // sparse: no disk used, but 400 MB to whoever reads it all
    }
    try (LogCapture log = new LogCapture()) {
      assertThat(copy.read()).isNull();
      assertThat(log.text()).contains("is larger than 16 MiB");
    }
  }

  @Test
  void aCopyThatIsNotARegularFileIsIgnored() throws IOException {
    LastGoodCopy copy = LastGoodCopy.in(dir.resolve("cache"), TARGET);
    Files.createDirectories(copy.file());
    try (LogCapture log = new LogCapture()) {
      assertThat(copy.read()).isNull();
      assertThat(log.text()).contains("is not a regular file");
    }
  }

  @Test
  void aReaderNeverSeesAPartialCopy() throws Exception {
    LastGoodCopy copy = LastGoodCopy.in(dir, TARGET);
    // Large texts, so that a write in place would be caught half-done.
    String big = Catalogs.serving("b") + "# " + "x".repeat(2_000_000) + "\n";
    String other = Catalogs.serving("c") + "# " + "y".repeat(3_000_000) + "\n";
    copy.write(content(big, 1));
    AtomicBoolean done = new AtomicBoolean();
    List<String> seen = new ArrayList<>();
    Thread reader = new Thread(() -> {
      LastGoodCopy same = new LastGoodCopy(copy.file());
      while (!done.get()) {
        LastGoodCopy.Saved saved = same.read();
        seen.add(saved == null ? "none" : saved.revision() % 2 == 1 && saved.text().equals(big) ? "big"
            : saved.revision() % 2 == 0 && saved.text().equals(other) ? "other" : "mixed");
      }
    });
    reader.start();
    for (int i = 2; i <= 30; i++) {
      copy.write(content(i % 2 == 0 ? other : big, i));
    }
    done.set(true);
    reader.join();
    assertThat(seen).isNotEmpty().doesNotContain("none", "mixed");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(copy.file()); // no temporary file left behind
    }
  }

  @Test
  void aDamagedCopyIsIgnored() throws IOException {
    LastGoodCopy copy = LastGoodCopy.in(dir, TARGET);
    copy.write(content(Catalogs.serving("b"), 9));
    String whole = Files.readString(copy.file());

    Files.writeString(copy.file(), whole.substring(0, whole.length() - 5)); // truncated
    assertThat(copy.read()).isNull();
    Files.writeString(copy.file(), whole.replace("default: b", "default: c")); // altered
    assertThat(copy.read()).isNull();
    Files.writeString(copy.file(), Catalogs.serving("b")); // no header
    assertThat(copy.read()).isNull();
    Files.writeString(copy.file(), whole.replace("revision=9", "revision=nine"));
    assertThat(copy.read()).isNull();
    Files.write(copy.file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThat(copy.read()).isNull();

    Files.writeString(copy.file(), whole, StandardCharsets.UTF_8);
    assertThat(copy.read().revision()).isEqualTo(9);
  }

  @Test
  void aFolderThatCannotBeWrittenIsLoggedNotThrown() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    LastGoodCopy copy = LastGoodCopy.in(file, TARGET);
    copy.write(content(Catalogs.serving("b"), 3));
    assertThat(copy.read()).isNull();
  }

  @Test
  void fileNamesComeFromEndpointsAndKeyAndStayShort() {
    assertThat(LastGoodCopy.fileName(TARGET)).isEqualTo("10.0.0.1_2379_etcd-2.internal_2379_turnout_shop.catalog");
    EtcdTarget longKey = EtcdTarget.parse("etcd://127.0.0.1:2379/" + "k/".repeat(100) + "end");
    EtcdTarget otherLongKey = EtcdTarget.parse("etcd://127.0.0.1:2379/" + "k/".repeat(100) + "other");
    assertThat(LastGoodCopy.fileName(longKey)).hasSizeLessThanOrEqualTo(105)
        .isNotEqualTo(LastGoodCopy.fileName(otherLongKey));
    assertThat(LastGoodCopy.fileName(EtcdTarget.parse("etcd://127.0.0.1:2379/../../etc/passwd")))
        .doesNotContain("/").doesNotStartWith(".");
  }
}
