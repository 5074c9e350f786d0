package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A copy of an application's catalog in a test's directory, edited the way a user edits it: in place. */
public final class CatalogFile {

  private final Path path;
  private final String original;

  private CatalogFile(Path path, String original) {
    this.path = path;
    this.original = original;
  }

  /** Copies the catalog at {@code catalog} into {@code directory}, as {@code flags.yaml}. */
  public static CatalogFile copyOf(Path catalog, Path directory) throws IOException {
    String text = Files.readString(catalog, StandardCharsets.UTF_8);
    Path path = directory.resolve("flags.yaml");
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return new CatalogFile(path, text);
  }

  /** Where the copy is. */
  public Path path() {
    return path;
  }

  /** The catalog as copied. */
  public String original() {
    return original;
  }

  /** The copy's text now. */
  public String text() throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  /** Replaces the one occurrence of {@code from} (which must be there) with {@code to}. */
  public void replace(String from, String to) throws IOException {
    String text = text();
    assertThat(text).as("the catalog has the text to replace").containsOnlyOnce(from);
    write(text.replace(from, to));
  }

  /**
   * Sets a field of one flag, such as {@code set("book-reviews", "allow", "[alice]")}: the field's line
   * in that flag's block keeps its indentation and loses its comment.
   */
  public void set(String flag, String field, String value) throws IOException {
    String text = text();
    int start = text.indexOf("\n  " + flag + ":\n");
    assertThat(start).as("flag %s in the catalog", flag).isNotNegative();
    Matcher m = Pattern.compile("(?m)^    " + Pattern.quote(field) + ":.*$").matcher(text);
    assertThat(m.find(start)).as("field %s of flag %s", field, flag).isTrue();
    write(text.substring(0, m.start()) + "    " + field + ": " + value + text.substring(m.end()));
  }

  /** Writes the whole file. */
  public void write(String text) throws IOException {
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  /** Puts the catalog as copied back, if anything changed; says whether it did. */
  public boolean restore() throws IOException {
    if (text().equals(original)) {
      return false;
    }
    write(original);
    return true;
  }
}
