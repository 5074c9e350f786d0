package com.example.tracks;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import dev.turnout.opentelemetry.TurnoutOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls the gated methods with OpenTelemetry events off, then on, and prints what each call returned and
 * every event the in-memory exporter holds ({@code EVENT name attribute=value ...}, attributes sorted).
 */
public final class TracksApp {

  private TracksApp() {}

  public static void main(String[] args) {
    InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build())
        .build()) {
      Shop shop = new Shop();
      System.out.println("off: " + shop.price("ann", 1000) + " " + shop.price("bob", 1000) + " " + Shop.receipt());
      System.out.println("events while off: " + exporter.getFinishedLogRecordItems().size());

      Turnout.engine().addListener(TurnoutOpenTelemetry.create(sdk));

      System.out.println("on: price ann " + shop.price("ann", 1000) + ", price bob " + shop.price("bob", 1000)
          + ", checkout u1 " + shop.checkout("u1") + ", checkout u2 " + shop.checkout("u2")
          + ", receipt " + Shop.receipt()
          + ", isEnabled carl " + Turnout.isEnabled(Flags.NEW_PRICING, EvaluationContext.of("carl")));
      for (LogRecordData event : exporter.getFinishedLogRecordItems()) {
        Map<String, Object> attributes = new TreeMap<>();
        event.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
        StringBuilder line = new StringBuilder("EVENT ").append(event.getEventName());
        attributes.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
      }
    }
  }
}
