package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs with {@code -javaagent:turnout-agent.jar=source=etcd://...}. */
class AgentFleetIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** The agent jar and the plug-in under their documented names, side by side, as users install them. */
  private Path install() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("turnout"));
    Path agent = Files.copy(ChildJvm.agentJar(), folder.resolve("turnout-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(ChildJvm.pluginJar(), folder.resolve("turnout-etcd-agent-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);
    return agent;
  }

  @Test
  void aJvmStartedWhileEtcdIsDownServesItsLastGoodCopyThenCatchesUpAndReports() throws Exception {
    Path agent = install();
    Path cache = dir.resolve("cache");
    Path classLog = dir.resolve("classes.log");
    try (EtcdServer etcd = EtcdServer.start(dir)) {
      EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/shop/catalog");
      // Two endpoints, the second one dead: the comma-separated address survives the agent's arguments.
      String arguments = "source=etcd://" + etcd.hostPort() + ",127.0.0.1:1/shop/catalog,cache=" + cache
          + ",app=shop,wait=1s";
      long first;
      try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
        first = Catalogs.put(client, target.key(), Catalogs.serving("b"));
      }
      try (ChildJvm before = ChildJvm.start(agent, arguments, List.of())) {
        before.awaitVariant("b", WAIT);
        Await.until(WAIT, "a last-good copy", () -> {
          try (var files = Files.list(cache)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".catalog"));
          } catch (Exception e) {
            return false;
          }
        });
      }
      etcd.stop();

      try (ChildJvm app = ChildJvm.start(agent, arguments, List.of("-Xlog:class+load=info:file=" + classLog))) {
        app.awaitVariant("b", WAIT); // from the last-good copy
        assertThat(app.stderr()).contains("starting from the last-good copy").contains("(revision " + first + ")");
        assertThat(app.stdout()).contains("etcd-client-visible=false").doesNotContain("variant=null");

        etcd.restart();
        long next;
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
          next = Catalogs.put(client, target.key(), Catalogs.serving("c"));
          app.awaitVariant("c", WAIT);
          String reportKey = target.fleetPrefix();
          Await.until(WAIT, "the JVM's report of revision " + next, () -> {
            FleetReport report = reportOf(client, reportKey, app.pid());
            return report != null && report.revision() == next && report.origin().equals("etcd");
          });
          FleetReport report = reportOf(client, reportKey, app.pid());
          assertThat(report.app()).isEqualTo("shop");
          assertThat(report.problem()).isNull();
        }
      }
      // etcd's client came from the plug-in jar, in its own class loader.
      String loaded = Files.readString(classLog);
      assertThat(loaded).containsPattern("io\\.etcd\\.jetcd\\.Client source: .*turnout-etcd-agent-plugin\\.jar");
    }
  }

  @Test
  void aJvmWithoutASourceLoadsNothingOfEtcd() throws Exception {
    Path agent = install();
    Path classLog = dir.resolve("plain-classes.log");
    try (ChildJvm app = ChildJvm.start(agent, "", List.of("-Xlog:class+load=info:file=" + classLog), "once")) {
      assertThat(app.awaitExit(WAIT)).isZero();
      assertThat(app.stdout()).contains("etcd-client-visible=false");
    }
    String loaded = Files.readString(classLog);
    assertThat(loaded).contains("dev.turnout.Turnout source:")
        .doesNotContainPattern("(io\\.etcd|io\\.grpc|io\\.netty|io\\.vertx|dev\\.turnout\\.etcd\\.[A-Z])")
        .doesNotContain("agent-plugin");
  }

  @Test
  void aSourceThatCannotBeSetUpLeavesTheApplicationRunning() throws Exception {
    Path agent = install();
    try (ChildJvm app = ChildJvm.start(agent, "source=etcd://127.0.0.1:1/k?colour=blue", List.of(), "once")) {
      assertThat(app.awaitExit(WAIT)).isZero();
      assertThat(app.stdout()).contains("variant=null");
      assertThat(app.stderr()).contains("Turnout agent: cannot set up source=etcd://127.0.0.1:1/k?colour=blue; every "
          + "flag serves its fallback: Bad etcd address 'etcd://127.0.0.1:1/k?colour=blue': unknown option 'colour'");
    }
  }

  private static FleetReport reportOf(Client client, String prefix, long pid) {
    try {
      return client.getKVClient().get(EtcdTarget.bytes(prefix),
              io.etcd.jetcd.options.GetOption.builder().isPrefix(true).build())
          .get(10, java.util.concurrent.TimeUnit.SECONDS).getKvs().stream()
          .map(kv -> FleetReport.fromJson(kv.getValue().toString(java.nio.charset.StandardCharsets.UTF_8)))
          .filter(r -> r.pid() == pid)
          .findFirst().orElse(null);
    } catch (Exception e) {
      return null;
    }
  }
}
