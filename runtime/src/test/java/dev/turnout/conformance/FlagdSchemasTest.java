package dev.turnout.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import dev.turnout.CatalogProblem;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.CatalogReader;
import dev.turnout.internal.catalog.FlagdReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * flagd-schemas' fixtures ({@code json/test}): every positive flag file loads (as the engine loads it,
 * and with the schema's strict targeting checks), every positive targeting rule passes those checks,
 * and every negative file is rejected with a message that says where and what.
 */
class FlagdSchemasTest {

  @TestFactory
  List<DynamicTest> fixtures() throws IOException {
    Path dir = ConformanceData.find("flagd-schemas/json/test");
    if (dir == null) {
      return new ArrayList<>(ConformanceData.skipped("flagd-schemas/json/test", "flagd-schemas fixtures"));
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : List.of("flags/positive", "flagd/positive")) {
      for (Path file : files(dir.resolve(folder))) {
        tests.add(dynamicTest(folder + "/" + file.getFileName() + " loads", () -> {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          Catalog catalog = CatalogReader.read(file.getFileName().toString(), text, CatalogFormat.JSON);
          assertThat(catalog.flags()).isNotEmpty();
          assertThat(FlagdReader.readStrict(file.getFileName().toString(), text).flags().keySet())
              .isEqualTo(catalog.flags().keySet());
        }));
      }
    }
    for (Path file : files(dir.resolve("targeting/positive"))) {
      tests.add(dynamicTest("targeting/positive/" + file.getFileName() + " passes", () ->
          FlagdReader.checkTargeting(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8))));
    }
    for (Path file : files(dir.resolve("flags/negative"))) {
      tests.add(dynamicTest("flags/negative/" + file.getFileName() + " is rejected", () -> {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertRejected(() -> CatalogReader.read(file.getFileName().toString(), text, CatalogFormat.FLAGD));
      }));
    }
    for (Path file : files(dir.resolve("targeting/negative"))) {
      tests.add(dynamicTest("targeting/negative/" + file.getFileName() + " is rejected", () -> {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertRejected(() -> FlagdReader.checkTargeting(file.getFileName().toString(), text));
      }));
    }
    // 9 + 2 positive flag files, 7 positive rules, 9 + 9 negative files (the folder's README).
    assertThat(tests).hasSize(36);
    return tests;
  }

  private static void assertRejected(Runnable read) {
    assertThatThrownBy(read::run).isInstanceOfSatisfying(CatalogException.class, e -> {
      CatalogProblem first = e.problems().get(0);
      assertThat(first.line()).as("line of %s", first).isPositive();
      assertThat(first.message()).as("message").isNotBlank();
    });
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }
}
