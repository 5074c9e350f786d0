package dev.turnout.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's documentation as the tests read it: README.md, the pages under docs/, and the other
 * Markdown files of the repository, found from the project root (the system property
 * {@code turnout.root.dir}, which the build sets; else the nearest folder above the working directory
 * that holds docs/README.md).
 */
public final class ProjectDocs {

  private ProjectDocs() {}

  /** One fenced code block: its info string ({@code yaml}, {@code text}, or empty), its text and where it starts. */
  public record Block(String info, String text, int line, int endLine) {}

  /** The project's root folder. */
  public static Path root() {
    String dir = System.getProperty("turnout.root.dir");
    if (dir != null) {
      return Path.of(dir).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/README.md")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the project root: set -Dturnout.root.dir");
  }

  /** The text of a file under the root, such as {@code docs/processor.md}. */
  public static String read(String relative) {
    try {
      return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every Markdown file of the project, outside build output and hidden folders, sorted. */
  public static List<Path> markdownFiles() {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
          .filter(p -> {
            for (Path part : root.relativize(p)) {
              String name = part.toString();
              if (name.equals("target") || name.startsWith(".")) {
                return false;
              }
            }
            return true;
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fenced code blocks (three backticks) of a Markdown text, in order. */
  public static List<Block> fencedBlocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("```")) {
        String info = lines[i].substring(3).strip();
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (j < lines.length && !lines[j].startsWith("```")) {
          text.append(lines[j]).append('\n');
          j++;
        }
        blocks.add(new Block(info, text.toString(), i + 1, j + 1));
        i = j;
      }
    }
    return blocks;
  }

  /** The text outside fenced code blocks, with the blocks' lines left empty (so line numbers still count). */
  public static String prose(String markdown) {
    String[] lines = markdown.split("\n", -1);
    boolean inBlock = false;
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        out.append('\n');
        continue;
      }
      out.append(inBlock ? "" : line).append('\n');
    }
    return out.toString();
  }
}
