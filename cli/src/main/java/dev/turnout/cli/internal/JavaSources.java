package dev.turnout.cli.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.api.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Finds and parses Java files. */
public final class JavaSources {

  private JavaSources() {}

  /** One Java file: where it is, its name in messages, its text. */
  public record SourceFile(Path path, String display, String text) {}

  /** A file left out: where it is, and the one-line warning saying why (never its content). */
  public record Skipped(Path path, String display, String warning) {
    @Override
    public String toString() {
      return warning;
    }
  }

  /** Every {@code .java} file under the given folders (or the files themselves), sorted by path. */
  public static List<SourceFile> read(Workspace workspace, List<Path> roots) {
    return read(workspace, roots, warning -> { });
  }

  /**
   * As {@link #read(Workspace, List)}, leaving out each file that is not UTF-8 or that the parser cannot
   * read (Java 22's unnamed {@code _}, a syntax error): one line for each goes to {@code warnings}, with
   * the file and the reason, never its content; everything else proceeds.
   */
  public static List<SourceFile> read(Workspace workspace, List<Path> roots, Consumer<Skipped> warnings) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        files.add(root);
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).forEach(files::add);
      } catch (IOException | UncheckedIOException e) {
        throw new ToolException(workspace.display(root) + ": cannot read: " + reason(e));
      }
    }
    List<SourceFile> result = new ArrayList<>();
    for (Path p : files.stream().distinct().sorted().toList()) {
      String display = workspace.display(p);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(p);
      } catch (IOException e) {
        throw new ToolException(display + ": cannot read: " + reason(e));
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        warnings.accept(new Skipped(p, display, "warning: " + display + ": not UTF-8 (save it as UTF-8 to include it): skipped"));
        continue;
      }
      try {
        parse(display, text);
      } catch (ToolException e) {
        warnings.accept(new Skipped(p, display, "warning: " + e.getMessage() + ": skipped"));
        continue;
      }
      result.add(new SourceFile(p, display, text));
    }
    return result;
  }

  /** The cause of an I/O failure in words, without a stack trace. */
  public static String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (cause instanceof CharacterCodingException) {
      return "not UTF-8";
    }
    if (cause instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  /** Parses one file; a file that does not parse is an error naming its first problem. */
  public static CompilationUnit parse(String display, String text) {
    ParserConfiguration config = new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
        .setAttributeComments(true);
    ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
    if (!result.isSuccessful() || result.getResult().isEmpty()) {
      String where = result.getProblems().isEmpty() ? "" : result.getProblem(0).getLocation()
          .flatMap(l -> l.getBegin().getRange()).map(r -> ":" + r.begin.line + ":" + r.begin.column).orElse("");
      throw new ToolException(display + where + ": " + why(result.getProblems().isEmpty() ? ""
          : result.getProblem(0).getMessage()));
    }
    return result.getResult().get();
  }

  /**
   * The parser's complaint in a few words: the token it stopped at (short, printable) and no more, so that
   * a file that is not Java is never echoed.
   */
  private static String why(String message) {
    if (message.startsWith("'_' is a reserved keyword")) {
      return "the Java parser cannot read it at \"_\" (Java 22's unnamed variables are not supported yet)";
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Found \"([^\"]{0,40})\"").matcher(message);
    if (!m.find()) {
      return "the Java parser cannot read it";
    }
    String token = m.group(1);
    if (!token.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return "the Java parser cannot read it";
    }
    return "the Java parser cannot read it at \"" + token + "\""
        + (token.equals("_") ? " (Java 22's unnamed variables are not supported yet)" : "");
  }
}
