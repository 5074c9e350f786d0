package dev.turnout.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import dev.turnout.internal.catalog.CatalogReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogs shown in the documentation, read with the reader the processor and the runtime use. A
 * YAML block that starts with {@code flags:} or {@code package:}, or a JSON object whose first member is
 * {@code "flags"} or {@code "package"}, is a whole catalog (other JSON, such as an endpoint's answer, is not): it must read without a problem, unless the block right after it is a
 * {@code text} block of {@code flags.yaml:line:column: message} lines, which are then exactly the
 * problems it must report.
 */
class DocsCatalogExamplesTest {

  @TestFactory
  Stream<DynamicTest> everyCatalogInTheDocsReadsAsShown() {
    Path root = ProjectDocs.root();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : ProjectDocs.markdownFiles()) {
      String name = root.relativize(file).toString().replace('\\', '/');
      List<ProjectDocs.Block> blocks = ProjectDocs.fencedBlocks(ProjectDocs.read(name));
      for (int i = 0; i < blocks.size(); i++) {
        ProjectDocs.Block block = blocks.get(i);
        CatalogFormat format = catalogFormat(block);
        if (format == null) {
          continue;
        }
        ProjectDocs.Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
        List<String> expected = next != null && next.info().equals("text") && next.line() == block.endLine() + 2
            ? next.text().lines().toList() : List.of();
        tests.add(DynamicTest.dynamicTest(name + ":" + block.line(), () -> check(name, block, format, expected)));
      }
    }
    assertThat(tests).as("catalog examples found in the docs").isNotEmpty();
    return tests.stream();
  }

  private static CatalogFormat catalogFormat(ProjectDocs.Block block) {
    String text = block.text().strip();
    if (block.info().equals("yaml") && (text.startsWith("flags:") || text.startsWith("package:"))) {
      return CatalogFormat.YAML;
    }
    String firstMember = text.startsWith("{") ? text.substring(1).strip() : "";
    if (block.info().equals("json") && (firstMember.startsWith("\"flags\"") || firstMember.startsWith("\"package\""))) {
      return CatalogFormat.JSON;
    }
    return null;
  }

  private static void check(String file, ProjectDocs.Block block, CatalogFormat format, List<String> expected) {
    String source = format == CatalogFormat.JSON ? "flags.json" : "flags.yaml";
    List<String> problems = new ArrayList<>();
    try {
      CatalogReader.read(source, block.text(), format);
    } catch (CatalogException e) {
      for (CatalogProblem p : e.problems()) {
        problems.add(p.toString());
      }
    }
    if (expected.isEmpty() && !problems.isEmpty()) {
      fail("%s:%d: the example catalog has problems:%n  %s", file, block.line(), String.join("\n  ", problems));
    }
    assertThat(problems).as("%s:%d: the problems the page shows for this catalog", file, block.line())
        .containsExactlyElementsOf(expected);
  }
}
