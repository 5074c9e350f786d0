package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.etcd.EtcdServer;
import dev.turnout.etcd.FleetReport;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar run as a real process against a real etcd: publish, a publish that lost the race,
 * fleet (exit status 1 while a JVM is behind, 0 once all are up to date), audit, and the one-line
 * errors of an invalid catalog and an unreachable etcd. No log noise on either stream.
 */
class EtcdCommandsIT {

  @TempDir Path dir;

  record Result(int status, String out, String err) {}

  Result turnout(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (Runtime.version().feature() >= 23) {
      // As the README says: protobuf (under jetcd) still uses sun.misc.Unsafe, which JDK 24+ warns about.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-jar", System.getProperty("turnout.cli.jar")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    Result result = new Result(p.exitValue(), out, err.get(1, TimeUnit.MINUTES));
    assertThat(result.out() + result.err()).as("no log noise").doesNotContain("SLF4J", "INFO:", "WARNING:");
    return result;
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void publishFleetAndAuditFromTheRunnableJar() throws Exception {
    try (EtcdServer etcd = EtcdServer.start(dir); Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      String key = "/shop/catalog";
      String address = "etcd://" + etcd.hostPort() + key;
      Files.writeString(dir.resolve("flags.yaml"), "flags:\n  banner:\n    percentage: 10\n");

      Result first = turnout("publish", "flags.yaml", "--to", address, "--reason", "banner at 10%", "--author", "ann");
      assertThat(first.status()).as(first.err()).isZero();
      long r1 = revision(client, key);
      assertThat(first.out()).contains("+    percentage: 10\n")
          .endsWith("published flags.yaml to " + key + ": no catalog (revision 0) -> revision " + r1 + " (added banner)\n");

      Files.writeString(dir.resolve("flags.yaml"), "flags:\n  banner:\n    percentage: 50\n");
      Result second = turnout("publish", "flags.yaml", "--to", address, "--reason", "banner to 50%", "--author", "bob");
      assertThat(second.status()).as(second.err()).isZero();
      long r2 = revision(client, key);

      Files.writeString(dir.resolve("flags.yaml"), "flags:\n  banner:\n    percentage: 70\n");
      Result lost = turnout("publish", "flags.yaml", "--to", address, "--reason", "stale view",
          "--expect-revision", String.valueOf(r1));
      assertThat(lost.status()).isEqualTo(1);
      assertThat(lost.err()).contains("expected revision: " + r1, "found revision:    " + r2,
          "revision " + r2 + " was published by bob at ", "\"banner to 50%\"");
      assertThat(revision(client, key)).isEqualTo(r2);

      Files.writeString(dir.resolve("bad.yaml"), "flags:\n  banner:\n    percentage: 170\n");
      Result invalid = turnout("publish", "bad.yaml", "--to", address, "--reason", "too much");
      assertThat(invalid.status()).isEqualTo(2);
      assertThat(invalid.err()).startsWith("bad.yaml:3:").endsWith("turnout: bad.yaml does not validate: nothing was published\n");
      assertThat(revision(client, key)).isEqualTo(r2);

      long lease = client.getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
      report(client, key, "web-1", r2, lease);
      report(client, key, "web-2", r1, lease);
      Result behind = turnout("fleet", "--from", address);
      assertThat(behind.status()).as(behind.out()).isEqualTo(1);
      assertThat(behind.out()).contains("behind ", "web-2", "up-to-date ", "web-1")
          .endsWith("2 JVMs: 1 up to date, 1 behind, 0 refusing it, 0 on a last-good copy\n");

      report(client, key, "web-2", r2, lease);
      Result upToDate = turnout("fleet", "--from", address, "--json");
      assertThat(upToDate.status()).as(upToDate.out()).isZero();
      assertThat(upToDate.out()).contains("\"allUpToDate\" : true");

      Result audit = turnout("audit", "--from", address);
      assertThat(audit.status()).isZero();
      assertThat(audit.out().lines().toList()).hasSize(3);
      assertThat(audit.out().lines().toList().get(1)).startsWith(r2 + " ").contains(" bob ", "banner to 50%");
      assertThat(audit.out().lines().toList().get(2)).startsWith(r1 + " ").contains(" ann ", "banner at 10%");
    }
  }

  @Test
  void anUnreachableEtcdIsOneLineWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    Result result = turnout("fleet", "--from", "etcd://127.0.0.1:" + port + "/shop/catalog?timeout=1s");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).hasLineCount(1).startsWith("turnout: ").contains("127.0.0.1:" + port);
  }

  private static void report(Client client, String key, String instance, long revision, long lease) throws Exception {
    FleetReport report = new FleetReport(instance, "shop", "host", 7, Instant.now(), revision, "etcd", Instant.now(),
        null);
    client.getKVClient().put(bytes(key + "/fleet/" + instance), bytes(report.toJson()),
        PutOption.builder().withLeaseId(lease).build()).get(10, TimeUnit.SECONDS);
  }

  private static long revision(Client client, String key) throws Exception {
    return client.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs().get(0).getModRevision();
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
