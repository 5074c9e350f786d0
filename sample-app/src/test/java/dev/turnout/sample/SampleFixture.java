package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.Eventually;
import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One running sample for a test class: its own copy of the catalog, its own database directory, the
 * process, and a client.
 */
final class SampleFixture implements AutoCloseable {

  final CatalogFile catalog;
  final SampleProcess app;
  final Http http;
  final Path data;

  private SampleFixture(CatalogFile catalog, SampleProcess app, Path data) {
    this.catalog = catalog;
    this.app = app;
    this.data = data;
    this.http = new Http(app.base());
  }

  /** The sample under the agent, with a fresh copy of the shipped catalog, in {@code environment}. */
  static SampleFixture withAgent(Path directory, String environment) throws IOException, InterruptedException {
    CatalogFile catalog = copyOfSample(directory);
    Path data = Files.createDirectories(directory.resolve("data"));
    return new SampleFixture(catalog, SampleProcess.withAgent(catalog.path(), environment, data), data);
  }

  /** The sample without the agent, reading a catalog with the given text. */
  static SampleFixture withoutAgent(Path directory, String environment, String catalogText)
      throws IOException, InterruptedException {
    CatalogFile catalog = copyOfSample(directory);
    catalog.write(catalogText);
    Path data = Files.createDirectories(directory.resolve("data"));
    return new SampleFixture(catalog, SampleProcess.withoutAgent(catalog.path(), environment, data), data);
  }

  /** Copies the sample's shipped catalog ({@code sample-app/flags.yaml}) into {@code directory}. */
  static CatalogFile copyOfSample(Path directory) throws IOException {
    return CatalogFile.copyOf(Path.of(TestJvm.property("sample.catalog")), directory);
  }

  /** The version of the catalog in force in the application. */
  long catalogVersion() {
    return ((Number) http.get(null, "api/status").json().get("catalogVersion")).longValue();
  }

  /** Puts the shipped catalog back and waits until the application has it in force. */
  void reset() throws Exception {
    long before = catalogVersion();
    if (catalog.restore()) {
      Eventually.within(Duration.ofSeconds(5), () -> assertThat(catalogVersion()).isGreaterThan(before));
    }
  }

  /** Signs a user up through the API. */
  void signUp(String name, String email) {
    Http.Reply r = http.postJson(null, "api/users", Map.of("name", name, "email", email));
    assertThat(r.status()).as("sign-up of %s: %s", name, r.body()).isEqualTo(201);
  }

  @Override
  public void close() {
    app.close();
  }
}
