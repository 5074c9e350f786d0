package dev.turnout.bench.peer;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * LaunchDarkly's server SDK on offline flag data: its file data source (the test-data builder has no
 * percentage rollouts) with a rule on {@code plan} and a 10/90 weighted fallthrough, which LaunchDarkly
 * buckets by the context key (sticky). Events, diagnostics and logging are off; nothing leaves the JVM.
 */
final class LaunchDarklyPeer implements Peer {

  private final Path file;
  private final LDClient client;

  LaunchDarklyPeer() throws IOException {
    file = Files.createTempFile("turnout-bench-launchdarkly", ".json");
    Files.writeString(file, Typical.launchDarklyFlags());
    LDConfig config = new LDConfig.Builder()
        .dataSource(FileData.dataSource().filePaths(file))
        .events(Components.noEvents())
        .diagnosticOptOut(true)
        .logging(Components.noLogging())
        .build();
    client = new LDClient("sdk-offline-benchmark", config);
    if (!client.isInitialized()) {
      throw new IllegalStateException("LaunchDarkly did not load its flag file");
    }
  }

  @Override
  public String name() {
    return "launchdarkly";
  }

  @Override
  public boolean sticky() {
    return true;
  }

  @Override
  public Object context(String key, String plan) {
    return LDContext.builder(key).set("plan", plan).build();
  }

  @Override
  public boolean isEnabled(Object context) {
    return client.boolVariation(Typical.KEY, (LDContext) context, false);
  }

  @Override
  public void close() throws IOException {
    client.close();
    Files.deleteIfExists(file);
  }
}
