package dev.turnout.console;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.TestJvm;
import java.nio.file.Path;
import java.util.List;

/**
 * The walk-through on a copy of the sample's catalog file: the sample's agent watches the file ({@code flags=PATH}),
 * the console edits it ({@code --catalog PATH}) and keeps its audit trail beside it.
 */
class FlagLifeFileIT extends FlagLifeWalkThrough {

  private CatalogFile catalog;

  @Override
  SampleProcess startSample(Path dir) throws Exception {
    catalog = CatalogFile.copyOf(Path.of(TestJvm.property("sample.catalog")), dir);
    return SampleProcess.watchingFile(catalog.path(), "development", dir);
  }

  @Override
  List<String> consoleSource() {
    return List.of("--catalog", catalog.path().toString(), "--app", TestJvm.property("sample.jar"));
  }

  @Override
  String catalogText() throws Exception {
    return catalog.text();
  }

  @Override
  String howSoon() {
    return "within about 200 ms";
  }

  @Override
  String applied() {
    return "";
  }

  @Override
  void auditShows(Step step, String entry) {
    // the action, the user and the reason, as for every backend
  }
}
