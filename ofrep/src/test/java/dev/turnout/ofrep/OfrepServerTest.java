package dev.turnout.ofrep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.CatalogSource;
import dev.turnout.FlagEngine;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OfrepServerTest {

  private static final String CATALOG = """
      flags:
        new-checkout:
          owner: shop-team
          default: off
          rules:
            - when: { attribute: plan, op: equals, values: [pro] }
              serve: on
        log-level:
          variants: { quiet: WARNING, normal: INFO }
          default: normal
      """;
  private static final String CONTEXT = "{\"context\": {\"targetingKey\": \"u\", \"plan\": \"pro\"}}";

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private FlagEngine engine;
  private OfrepServer server;

  @BeforeEach
  void start() throws IOException {
    engine = FlagEngine.builder().source(CatalogSource.of("flags.yaml", CATALOG)).environment(null).watch(false).build();
    server = OfrepServer.start(new OfrepService(engine), 0);
  }

  @AfterEach
  void stop() {
    server.close();
    engine.close();
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesOneFlagOnLoopback() throws Exception {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    HttpResponse<String> r = post("/ofrep/v1/evaluate/flags/new-checkout", CONTEXT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode b = mapper.readTree(r.body());
    assertThat(b.get("key").asText()).isEqualTo("new-checkout");
    assertThat(b.get("value").booleanValue()).isTrue();
    assertThat(b.get("reason").asText()).isEqualTo("TARGETING_MATCH");
  }

  @Test
  void decodesTheKeyFromThePath() throws Exception {
    HttpResponse<String> r = post("/ofrep/v1/evaluate/flags/log%2Dlevel", CONTEXT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(r.body()).get("value").asText()).isEqualTo("INFO");

    HttpResponse<String> missing = post("/ofrep/v1/evaluate/flags/no%20such", CONTEXT);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(mapper.readTree(missing.body()).get("key").asText()).isEqualTo("no such");
  }

  @Test
  void bulkHasAnEtagAndAnswers304ToIt() throws Exception {
    HttpResponse<String> first = post("/ofrep/v1/evaluate/flags", CONTEXT);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(first.body()).get("flags")).hasSize(2);
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = post("/ofrep/v1/evaluate/flags", CONTEXT, "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/ofrep/v1/evaluate/flags/log-level"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");

    for (String path : new String[] {"/", "/ofrep/v1/evaluate/flagsX", "/ofrep/v1/evaluate", "/other"}) {
      HttpResponse<String> r = post(path, CONTEXT);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(mapper.readTree(r.body()).get("errorDetails").asText()).isNotBlank();
    }
    HttpResponse<String> bad = post("/ofrep/v1/evaluate/flags/log-level", "{\"context\": ");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(bad.body()).get("errorCode").asText()).isEqualTo("PARSE_ERROR");
  }

  @Test
  void aBodyDeclaredTooLargeIsRefusedUnread() throws Exception {
    try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /ofrep/v1/evaluate/flags/log-level HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{\"context\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).startsWith("HTTP/1.1 400");
      int length = -1;
      for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      assertThat(length).isPositive();
      char[] body = new char[length];
      for (int n = 0; n < length; ) {
        n += in.read(body, n, length - n);
      }
      String rest = new String(body);
      assertThat(rest).contains("PARSE_ERROR").contains("100000000 bytes");
    }
  }

  @Test
  void aBodyTooLargeWithoutALengthIsRefused() throws Exception {
    String big = "{\"context\": {\"targetingKey\": \"" + "x".repeat(OfrepService.MAX_REQUEST_BYTES) + "\"}}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/ofrep/v1/evaluate/flags"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(r.body()).get("errorCode").asText()).isEqualTo("PARSE_ERROR");
  }
}
