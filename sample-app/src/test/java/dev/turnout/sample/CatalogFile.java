package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the sample's catalog in a test's directory, edited the way a user edits it: in place. */
final class CatalogFile {

  private final Path path;
  private final String original;

  private CatalogFile(Path path, String original) {
    this.path = path;
    this.original = original;
  }

  /** Copies {@code sample-app/flags.yaml} into {@code directory}. */
  static CatalogFile copyOfSample(Path directory) throws IOException {
    String text = Files.readString(Path.of(SampleProcess.property("sample.catalog")), StandardCharsets.UTF_8);
    Path path = directory.resolve("flags.yaml");
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return new CatalogFile(path, text);
  }

  Path path() {
    return path;
  }

  /** The sample's catalog as shipped. */
  String original() {
    return original;
  }

  String text() throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  /** Replaces the one occurrence of {@code from} (which must be there) with {@code to}. */
  void replace(String from, String to) throws IOException {
    String text = text();
    assertThat(text).as("the catalog has the text to replace").containsOnlyOnce(from);
    write(text.replace(from, to));
  }

  /** Writes the whole file. */
  void write(String text) throws IOException {
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  /** Puts the shipped catalog back, if anything changed. */
  boolean restore() throws IOException {
    if (text().equals(original)) {
      return false;
    }
    write(original);
    return true;
  }
}
