package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A copy of the sample's catalog in a test's directory, edited in place the way an operator edits it. */
final class CatalogFile {

  private final Path path;
  private final String original;

  private CatalogFile(Path path, String original) {
    this.path = path;
    this.original = original;
  }

  /** Copies the module's {@code src/main/resources/turnout/flags.yaml} into {@code directory}. */
  static CatalogFile copyOfSample(Path directory) throws IOException {
    String text = Files.readString(Path.of(BootProcess.property("sample.catalog")), StandardCharsets.UTF_8);
    Path path = directory.resolve("flags.yaml");
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return new CatalogFile(path, text);
  }

  Path path() {
    return path;
  }

  /**
   * Sets a field of one flag, such as {@code set("book-reviews", "allow", "[alice]")}: the field's line
   * in that flag's block keeps its indentation and loses its comment.
   */
  void set(String flag, String field, String value) throws IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    int start = text.indexOf("\n  " + flag + ":\n");
    assertThat(start).as("flag %s in the catalog", flag).isNotNegative();
    Matcher m = Pattern.compile("(?m)^    " + Pattern.quote(field) + ":.*$").matcher(text);
    assertThat(m.find(start)).as("field %s of flag %s", field, flag).isTrue();
    Files.writeString(path, text.substring(0, m.start()) + "    " + field + ": " + value + text.substring(m.end()),
        StandardCharsets.UTF_8);
  }

  /** Puts the shipped catalog back. */
  void restore() throws IOException {
    Files.writeString(path, original, StandardCharsets.UTF_8);
  }
}
