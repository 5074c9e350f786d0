package dev.turnout.cli.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds and parses Java files. */
public final class JavaSources {

  private JavaSources() {}

  /** One Java file: where it is, its name in messages, its text. */
  public record SourceFile(Path path, String display, String text) {}

  /** Every {@code .java} file under the given folders (or the files themselves), sorted by path. */
  public static List<SourceFile> read(Workspace workspace, List<Path> roots) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        files.add(root);
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).forEach(files::add);
      } catch (IOException e) {
        throw new ToolException(workspace.display(root) + ": cannot read: " + e.getMessage());
      }
    }
    List<SourceFile> result = new ArrayList<>();
    for (Path p : files.stream().distinct().sorted().toList()) {
      try {
        result.add(new SourceFile(p, workspace.display(p), Files.readString(p, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new ToolException(workspace.display(p) + ": cannot read: " + e.getMessage());
      }
    }
    return result;
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
      String what = result.getProblems().isEmpty() ? "cannot parse" : result.getProblem(0).getMessage();
      throw new ToolException(display + where + ": " + what.lines().findFirst().orElse(what));
    }
    return result.getResult().get();
  }
}
