package dev.turnout.spring.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot application in a JVM of its own under {@code -javaagent}: the starter takes the agent's
 * engine (the agent's catalog, not the application's turnout.catalog), binds the logged-in user, and the
 * agent's hot reload reaches requests and the actuator endpoint.
 */
class AgentEngineIT {

  private static final Pattern STARTED = Pattern.compile("TURNOUT origin=(\\S+) bootstrap=(\\S+) same=(\\S+) port=(\\d+) "
      + "source=(.+)");

  private final HttpClient http = HttpClient.newHttpClient();

  private String get(int port, String path, String user) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":pw")
          .getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void theStarterUsesTheAgentsEngine(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, "flags:\n  beta: { allow: [ann] }\n  checkout-flow: { variants: [v1, v2], default: v1 }\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + System.getProperty("turnout.agent.jar") + "=flags=" + catalog);
    command.add("-Xshare:off"); // no class data sharing notice on standard error
    command.add("-cp");
    command.add(System.getProperty("turnout.it.classpath"));
    command.add(AgentApp.class.getName());
    command.add("--server.port=0");
    command.add("--spring.main.banner-mode=off");
    command.add("--turnout.catalog=classpath:other/catalog.json"); // ignored: the agent's catalog is the one
    command.add("--management.endpoints.web.exposure.include=turnout");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try {
      CompletableFuture<Matcher> started = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          Matcher found = null;
          for (String line; (line = in.readLine()) != null; ) {
            synchronized (output) {
              output.append(line).append('\n');
            }
            Matcher m = STARTED.matcher(line);
            if (found == null && m.find()) {
              found = m;
              return found;
            }
          }
          return null;
        } catch (java.io.IOException e) {
          return null;
        }
      });
      Matcher m = started.get(90, TimeUnit.SECONDS);
      assertThat(m).as(output.toString()).isNotNull();
      assertThat(m.group(1) + " " + m.group(2) + " " + m.group(3)).isEqualTo("AGENT true true");
      assertThat(m.group(5)).contains(catalog.getFileName().toString());
      int port = Integer.parseInt(m.group(4));

      assertThat(get(port, "/seen", "ann")).isEqualTo("key=ann beta=true flow=v1");
      assertThat(get(port, "/seen", null)).isEqualTo("key=null beta=false flow=v1");

      Files.writeString(catalog, "flags:\n  beta: { allow: [ann] }\n  checkout-flow: { variants: [v1, v2], default: v2 }\n");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String seen = get(port, "/seen", "ann");
      while (!seen.endsWith("flow=v2") && System.nanoTime() < deadline) {
        Thread.sleep(50);
        seen = get(port, "/seen", "ann");
      }
      assertThat(seen).isEqualTo("key=ann beta=true flow=v2");
      assertThat(get(port, "/actuator/turnout", null)).contains("\"engine\":\"agent\"", "\"version\":2",
          "\"checkout-flow\":{\"enabled\":true,\"variants\":[\"v1\",\"v2\"],\"default\":\"v2\"");
      synchronized (output) {
        assertThat(output.toString()).contains("turnout.catalog ignored: the agent's arguments set the engine up");
      }
    } finally {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
