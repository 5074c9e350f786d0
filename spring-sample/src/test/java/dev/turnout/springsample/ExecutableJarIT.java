package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.Eventually;
import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repackaged executable jar under the agent, as production runs it:
 * {@code java -javaagent:turnout-agent.jar=flags=... -jar turnout-spring-sample.jar}. The application's
 * classes are in {@code BOOT-INF/classes} (loaded by Boot's launcher class loader), its libraries nested
 * in {@code BOOT-INF/lib}, and the processor's {@code META-INF/turnout} at the outer jar's root.
 */
class ExecutableJarIT {

  @TempDir
  static Path directory;

  private static CatalogFile catalog;
  private static BootProcess app;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    catalog = BootProcess.copyOfSample(directory);
    List<String> command = BootProcess.jvmOptions();
    command.add(BootProcess.agentOption(catalog.path()));
    command.addAll(List.of("-jar", jar().toString(), "--server.port=0"));
    app = BootProcess.start(command, Map.of(), directory);
    base = app.awaitStart(1);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static Path jar() {
    return Path.of(TestJvm.property("sample.jar"));
  }

  @Test
  void metaInfTurnoutIsAtTheOuterJarsRootBesideTheNestedClasses() throws IOException {
    try (ZipFile jar = new ZipFile(jar().toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
      assertThat(names).contains("META-INF/turnout/agent.idx", "META-INF/turnout/registry.json",
          "BOOT-INF/classes/dev/turnout/springsample/BookController.class",
          "BOOT-INF/classes/dev/turnout/springsample/Checkout.class",
          "BOOT-INF/classes/turnout/flags.yaml");
      assertThat(names).noneMatch(n -> n.startsWith("BOOT-INF/classes/META-INF/turnout"));
      assertThat(names).anyMatch(n -> n.matches("BOOT-INF/lib/turnout-runtime-.*\\.jar"));
      assertThat(names).as("the processor runs in javac only").noneMatch(n -> n.contains("turnout-processor"));
      assertThat(read(jar, "META-INF/turnout/agent.idx").lines().filter(l -> !l.startsWith("#")))
          .containsExactly("dev.turnout.springsample.BookController", "dev.turnout.springsample.Checkout");
      assertThat(read(jar, "META-INF/turnout/registry.json")).contains("book-reviews", "member-prices");
    }
  }

  private static String read(ZipFile jar, String name) throws IOException {
    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theNestedTurnoutRuntimeIsComparedAndIsTheAgentsVersion() throws IOException {
    // The agent reads a nested turnout-runtime jar's version record among its first 64 entries: Boot's copy has it there.
    try (ZipFile jar = new ZipFile(jar().toFile())) {
      ZipEntry runtime = Collections.list(jar.entries()).stream()
          .filter(e -> e.getName().matches("BOOT-INF/lib/turnout-runtime-.*\\.jar")).findFirst().orElseThrow();
      assertThat(runtime.getMethod()).as("stored, as Boot stores nested jars").isEqualTo(ZipEntry.STORED);
      List<String> first = new ArrayList<>();
      try (ZipInputStream nested = new ZipInputStream(jar.getInputStream(runtime))) {
        for (ZipEntry e = nested.getNextEntry(); e != null && first.size() < 64; e = nested.getNextEntry()) {
          first.add(e.getName());
        }
      }
      assertThat(first).contains("META-INF/turnout/runtime.properties");
    }
    assertThat(app.output()).noneMatch(line -> line.startsWith("Turnout agent: the application carries turnout-runtime"));
  }

  @Test
  void theAgentFindsTheOuterIndexAndGatesTheNestedClassesOnce() {
    assertThat(app.countLines(l -> l.contains("Turnout agent: transformed dev.turnout.springsample."))).isEqualTo(2);
    assertThat(app.countLines(l -> l.contains("transformed dev.turnout.springsample.BookController"))).isEqualTo(1);
    assertThat(app.countLines(l -> l.contains("transformed dev.turnout.springsample.Checkout"))).isEqualTo(1);
  }

  @Test
  void gatesFollowCatalogEditsWithinASecondPerSignedInUser() throws Exception {
    Routing.assertOneEngine(base, catalog);
    Routing.assertEditsRoute(base, catalog);
  }

  @Test
  void theApiNeedsASignedInUser() {
    Routing.assertSignInRequired(base);
  }

  @Test
  void aUserSignedInByTheLoginFormIsTargetedThroughTheSession() throws Exception {
    BrowserSession alice = BrowserSession.signIn(base, "alice", Security.PASSWORD);
    BrowserSession bob = BrowserSession.signIn(base, "bob", Security.PASSWORD);
    try {
      catalog.set("book-reviews", "allow", "[alice]");
      Eventually.within(Eventually.ONE_SECOND, () -> {
        Shopper.Reply page = alice.get("api/books/1");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.<Object>read("$.reviews")).as("alice's session sees reviews").isNotNull();
      });
      Shopper.Reply page = bob.get("api/books/1");
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.<Object>read("$.reviews")).as("bob's session sees reviews").isNull();
    } finally {
      catalog.restore();
    }
    Routing.assertShippedCatalog(base);
  }
}
