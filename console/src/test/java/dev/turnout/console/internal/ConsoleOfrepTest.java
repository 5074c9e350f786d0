package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OFREP from the console, behind its API tokens, asked by OpenFeature's own OFREP provider for Java. */
class ConsoleOfrepTest {

  @TempDir
  static Path dir;
  static Path catalog;
  static ConsoleServer server;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of("../sample-app/flags.yaml"), catalog);
    Users users = new Users(dir.resolve("users.json"), 4);
    users.putUser("ann", "a long enough password".toCharArray(), Users.parseRoles("admin"));
    token = users.putToken("go-service", Users.parseRoles("viewer"));
    server = new ConsoleServer(new ConsoleConfig(catalog, users.file(), "127.0.0.1", 0, null, Set.of(), List.of(), null,
        false, false, "production")).start();
  }

  @AfterAll
  static void stop() {
    OpenFeatureAPI.getInstance().shutdown();
    server.close();
  }

  private static Client client(String domain, String bearer) throws Exception {
    OfrepProviderOptions.Builder options = OfrepProviderOptions.builder().baseUrl("http://127.0.0.1:" + server.port());
    if (bearer != null) {
      options.headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + bearer)));
    }
    OpenFeatureAPI.getInstance().setProviderAndWait(domain, OfrepProvider.constructProvider(options.build()));
    return OpenFeatureAPI.getInstance().getClient(domain);
  }

  @Test
  void anOfrepClientWithATokenEvaluatesTheSamplesFlags() throws Exception {
    Client client = client("with-token", token);
    ImmutableContext internal = new ImmutableContext("ann", Map.of("email", new Value("ann@example.com")));
    ImmutableContext customer = new ImmutableContext("zed", Map.of("email", new Value("zed@customer.org")));
    assertThat(client.getBooleanValue("product-TASKS-103-comments", false, internal)).isTrue();
    assertThat(client.getBooleanValue("product-TASKS-103-comments", true, customer)).isFalse();
    assertThat(client.getStringValue("log-level", "x", customer)).isEqualTo("INFO");
    FlagEvaluationDetails<Boolean> missing = client.getBooleanDetails("no-such-flag", true, customer);
    assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
  }

  @Test
  void withoutATokenOfrepIsRefused() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/ofrep/v1/evaluate/flags/log-level"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"context\":{}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    Client client = client("without-token", null);
    FlagEvaluationDetails<String> d = client.getStringDetails("log-level", "fallback", new ImmutableContext("zed"));
    assertThat(d.getValue()).isEqualTo("fallback");
    assertThat(d.getErrorCode()).isNotNull();
  }
}
