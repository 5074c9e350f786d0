package dev.turnout.bench.peer;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The OpenFeature SDK with the flagd provider's in-process resolver in file mode: it reads a flag
 * definition file and evaluates locally. The flag's targeting is {@code in} on {@code plan}, else
 * {@code fractional} 10/90, which hashes the flag key and the targeting key (sticky).
 */
final class FlagdPeer implements Peer {

  private final Path file;
  private final Client client;

  FlagdPeer() throws IOException {
    file = Files.createTempFile("turnout-bench-flagd", ".flagd.json");
    Files.writeString(file, Typical.flagdFlags());
    FlagdProvider provider = new FlagdProvider(FlagdOptions.builder()
        .resolverType(Config.Resolver.FILE)
        .offlineFlagSourcePath(file.toString())
        .deadline(30_000)
        .build());
    OpenFeatureAPI.getInstance().setProviderAndWait(provider);
    client = OpenFeatureAPI.getInstance().getClient();
  }

  @Override
  public String name() {
    return "openfeature-flagd";
  }

  @Override
  public boolean sticky() {
    return true;
  }

  @Override
  public Object context(String key, String plan) {
    return new ImmutableContext(key, Map.of("plan", new Value(plan)));
  }

  @Override
  public boolean isEnabled(Object context) {
    return client.getBooleanValue(Typical.KEY, false, (ImmutableContext) context);
  }

  @Override
  public void close() throws IOException {
    OpenFeatureAPI.getInstance().shutdown();
    Files.deleteIfExists(file);
  }
}
