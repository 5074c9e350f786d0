package dev.turnout.ofrep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenFeature's OFREP web provider (npm {@code @openfeature/ofrep-web-provider}), a client we did not write,
 * run under node against {@link OfrepServer}: it fetches all flags at once with the bulk request for its
 * context and polls with {@code If-None-Match}. Its answers for the sample application's catalog are the
 * engine's, and a kill switch flipped reaches it at its next poll as a change of that one flag. Skipped
 * where node or npm is missing, except in CI.
 */
class OfrepWebProviderIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  static Path dir;
  private static Path web;
  private static Path catalog;
  private static String sampleText;
  private static FlagEngine engine;
  private static OfrepServer server;

  @BeforeAll
  static void start() throws Exception {
    web = Path.of(System.getProperty("turnout.ofrep.web.dir", "target/ofrep-web")).toAbsolutePath();
    Files.createDirectories(web);
    if (!runs(web, "node", "--version") || !runs(web, "npm", "--version")) {
      String message = "node and npm are needed to run OpenFeature's OFREP web provider; not found on the PATH";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    install();
    sampleText = Files.readString(Path.of(System.getProperty("turnout.sample.catalog", "../sample-app/flags.yaml")));
    catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, sampleText);
    engine = FlagEngine.builder().source(CatalogSource.file(catalog)).environment(null).watch(false).build();
    server = OfrepServer.start(new OfrepService(engine), 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private static boolean runs(Path in, String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Installs the provider and the web SDK (pinned in the build) into the module's build folder. */
  private static void install() throws IOException, InterruptedException {
    String provider = System.getProperty("turnout.ofrep.web.provider", "0.4.3");
    String sdk = System.getProperty("turnout.ofrep.web.sdk", "1.10.0");
    Files.writeString(web.resolve("package.json"), "{\"private\": true, \"type\": \"module\", \"dependencies\": {"
        + "\"@openfeature/ofrep-web-provider\": \"" + provider + "\", \"@openfeature/web-sdk\": \"" + sdk + "\"}}\n");
    try (InputStream script = OfrepWebProviderIT.class.getResourceAsStream("/ofrep-web/evaluate.mjs")) {
      Files.copy(script, web.resolve("evaluate.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
    Path log = web.resolve("npm-install.log");
    Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
        .directory(web.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!npm.waitFor(5, TimeUnit.MINUTES)) {
      npm.destroyForcibly();
      fail("npm install took over 5 minutes; see " + log);
    }
    assertThat(npm.exitValue()).as("npm install; see %s:%n%s", log, Files.readString(log)).isZero();
  }

  /** The node process evaluating for one context, read line by line. */
  private static final class Node implements AutoCloseable {
    final Process process;
    final BufferedReader out;

    Node(Map<String, Object> context, boolean waitForChange, List<String> keys) throws IOException {
      List<String> command = new ArrayList<>(List.of("node", "evaluate.mjs", server.baseUri().toString(),
          MAPPER.writeValueAsString(context)));
      command.addAll(keys);
      ProcessBuilder pb = new ProcessBuilder(command).directory(web.toFile())
          .redirectError(web.resolve("node-" + context.get("targetingKey") + ".err").toFile());
      if (waitForChange) {
        pb.environment().put("OFREP_WAIT_FOR_CHANGE", "1");
      }
      process = pb.start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    JsonNode next() throws IOException {
      String line = out.readLine();
      if (line == null) {
        fail("the node process ended early; see its .err file in " + web);
      }
      return line.equals("ready") ? null : MAPPER.readTree(line);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static List<String> keySpecs() {
    List<String> specs = new ArrayList<>();
    for (String key : engine.flagKeys()) {
      Object value = engine.evaluate(key, EvaluationContext.anonymous()).value();
      specs.add(key + (value instanceof Boolean ? ":boolean" : ":string"));
    }
    return specs;
  }

  private static void assertSameAsEngine(JsonNode details, EvaluationContext ctx) {
    String key = details.get("flagKey").asText();
    Evaluation expected = engine.evaluate(key, ctx);
    String what = key + " for " + ctx;
    assertThat(details.has("errorCode")).as(what + ": " + details).isFalse();
    if (expected.value() instanceof Boolean b) {
      assertThat(details.get("value").booleanValue()).as(what).isEqualTo(b);
    } else {
      assertThat(details.get("value").asText()).as(what).isEqualTo(expected.value());
    }
    assertThat(details.get("variant").asText()).as(what).isEqualTo(expected.variant());
    assertThat(details.get("reason").asText()).as(what).isEqualTo(expected.reason().name());
    assertThat(details.get("flagMetadata").get("owner").asText()).as(what).endsWith("-team");
  }

  private static List<JsonNode> evaluations(Node node, int count) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonNode details = node.next();
      assertThat(details).as("a line of details").isNotNull();
      all.add(details);
    }
    return all;
  }

  @Test
  void bulkAnswersAreTheEnginesForEachContext() throws Exception {
    List<String> specs = keySpecs();
    List<Map<String, Object>> contexts = List.of(
        Map.of("targetingKey", "bob", "email", "bob@partner.org", "seats", 12),
        Map.of("targetingKey", "carol", "email", "carol@example.com", "beta", true),
        Map.of("targetingKey", "user-7"));
    for (Map<String, Object> context : contexts) {
      EvaluationContext ctx = EvaluationContext.of((String) context.get("targetingKey"));
      for (Map.Entry<String, Object> e : context.entrySet()) {
        if (!e.getKey().equals("targetingKey")) {
          ctx = e.getValue() instanceof String s ? ctx.with(e.getKey(), s)
              : e.getValue() instanceof Boolean b ? ctx.with(e.getKey(), b.booleanValue())
              : ctx.with(e.getKey(), (Number) e.getValue());
        }
      }
      try (Node node = new Node(context, false, specs)) {
        for (JsonNode details : evaluations(node, specs.size())) {
          assertSameAsEngine(details, ctx);
        }
        assertThat(node.next()).as("ready").isNull();
      }
    }
  }

  @Test
  void theKillSwitchFlippedReachesTheNextPollAsAChangeOfThatFlag() throws Exception {
    List<String> specs = keySpecs();
    EvaluationContext ctx = EvaluationContext.of("alice").with("email", "alice@example.com");
    try (Node node = new Node(Map.of("targetingKey", "alice", "email", "alice@example.com"), true, specs)) {
      List<JsonNode> before = evaluations(node, specs.size());
      before.forEach(d -> assertSameAsEngine(d, ctx));
      assertThat(node.next()).as("ready").isNull();
      Thread.sleep(600); // a few polls while nothing changes (answered 304) must not report a change

      assertThat(sampleText.split("enabled: false", -1)).as("the sample's kill switch is its one `enabled: false`").hasSize(2);
      Files.writeString(catalog, sampleText.replace("enabled: false", "enabled: true"));
      assertThat(engine.reload()).isTrue();

      JsonNode changed = node.next();
      assertThat(changed.get("changed")).as("%s", changed).isNotNull();
      List<String> keys = new ArrayList<>();
      changed.get("changed").forEach(k -> keys.add(k.asText()));
      assertThat(keys).containsExactly("disable-registration");
      for (JsonNode details : evaluations(node, specs.size())) {
        assertSameAsEngine(details, ctx);
        if (details.get("flagKey").asText().equals("disable-registration")) {
          assertThat(details.get("value").booleanValue()).isTrue();
          assertThat(details.get("reason").asText()).isEqualTo("DEFAULT");
        }
      }
    } finally {
      Files.writeString(catalog, sampleText);
      engine.reload();
    }
  }
}
