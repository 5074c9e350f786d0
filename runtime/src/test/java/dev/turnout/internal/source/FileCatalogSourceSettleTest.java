package dev.turnout.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How long the watch waits before reading a changed file: counted from the file's last write. */
class FileCatalogSourceSettleTest {

  private static final long SETTLE = FileCatalogSource.SETTLE_MILLIS;

  @TempDir
  Path dir;

  /** The version of a file whose modification time is {@code modified}. */
  private Object versionModifiedAt(Instant modified) throws IOException {
    Path file = dir.resolve("flags.yaml");
    Files.writeString(file, "flags: {}\n");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return FileCatalogSource.version(file);
  }

  @Test
  void aFileLastWrittenLongerAgoThanTheSettleTimeIsReadAtOnce() throws IOException {
    Instant written = Instant.parse("2026-12-06T10:00:00.123Z");
    Object version = versionModifiedAt(written);
    assertThat(FileCatalogSource.quietWait(version, written.toEpochMilli() + SETTLE)).isZero();
    assertThat(FileCatalogSource.quietWait(version, written.toEpochMilli() + 3_600_000)).isZero();
  }

  @Test
  void aFileWrittenAMomentAgoWaitsOnlyForTheRestOfTheSettleTime() throws IOException {
    Instant written = Instant.parse("2026-12-06T10:00:00.123Z");
    Object version = versionModifiedAt(written);
    assertThat(FileCatalogSource.quietWait(version, written.toEpochMilli() + 20)).isEqualTo(SETTLE - 20);
    assertThat(FileCatalogSource.quietWait(version, written.toEpochMilli())).isEqualTo(SETTLE);
  }

  @Test
  void aTimeThatCannotBeTrustedWaitsTheWholeSettleTime() throws IOException {
    Instant wholeSecond = Instant.parse("2026-12-06T10:00:00Z"); // a file system that keeps seconds only
    assertThat(FileCatalogSource.quietWait(versionModifiedAt(wholeSecond), wholeSecond.toEpochMilli() + 5_000))
        .isEqualTo(SETTLE);
    Instant ahead = Instant.parse("2026-12-06T10:00:01.500Z"); // another machine's clock, ahead of ours
    assertThat(FileCatalogSource.quietWait(versionModifiedAt(ahead), ahead.toEpochMilli() - 1_000))
        .isEqualTo(SETTLE);
    assertThat(FileCatalogSource.quietWait(null, System.currentTimeMillis())).as("no file").isEqualTo(SETTLE);
  }
}
